/** Sentences of the shell's demo clock. */
import { defineMessages } from "../i18n/define.ts";

export const clockMessages = defineMessages(
  {
    "clock.now": "🕒 Demo time: {time} ({zone}), {ahead} ahead of real time. Move it with /clock +30m, +2h, +1d or monday 09:00.",
    "clock.moved": "🕒 Demo time is now {time} ({zone}), {ahead} ahead of real time. Timers fired on the way: {fired}.",
    "clock.usage":
      'I can\'t read "{text}" as a time. Try /clock +30m, /clock +2h, /clock +1d, /clock monday 09:00 or /clock tomorrow 08:30 (forward only, at most 60 days).',
    "clock.shellOnly": "The demo clock only runs in the shell (npm start in a terminal). Here time is real and cannot be moved.",
    "clock.off": "The demo clock is off: a chat platform is connected, so time stays real.",
  },
  {
    "clock.now":
      "🕒 Hora de la demo: {time} ({zone}), {ahead} por delante de la hora real. Avánzala con /reloj +30m, +2h, +1d o lunes 09:00.",
    "clock.moved":
      "🕒 La hora de la demo es ahora {time} ({zone}), {ahead} por delante de la hora real. Temporizadores disparados: {fired}.",
    "clock.usage":
      'No entiendo "{text}" como hora. Prueba /reloj +30m, /reloj +2h, /reloj +1d, /reloj lunes 09:00 o /reloj mañana 08:30 (solo hacia delante, como mucho 60 días).',
    "clock.shellOnly": "El reloj de demo solo funciona en la consola (npm start en un terminal). Aquí la hora es real y no se puede mover.",
    "clock.off": "El reloj de demo está desactivado: hay una plataforma de chat conectada y la hora sigue siendo real.",
  },
);
