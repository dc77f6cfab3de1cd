/** Sentences of the managers' views of escalations and breaches. */
import { defineMessages } from "../i18n/define.ts";

export const escalationViewMessages = defineMessages(
  {
    "escView.head": "*{case}* · {severity} · {organization} · {title}",
    "escView.level": "Level {level} ({name}), {ack}",
    "escView.pinged": "Pinged: {levels}",
    "escView.pingedLevel": "level {level} {targets} ×{pings}",
    "escView.assignee": "assigned to {name}",
    "escView.acked": "Acknowledged by {name} at {time}, {duration} after opening",
    "escView.notAcked": "Not acknowledged yet, open for {duration}",
    "escView.clock.met": "{metric}: met at {time}",
    "escView.clock.left": "{metric}: due {time}, {duration} left",
    "escView.clock.late": "{metric}: due {time}, overdue by {duration}",
    "escView.clock.paused": "{metric}: due {time}, clock paused while waiting",
    "escView.clock.none": "{metric}: no SLA",
    "escView.zone": "Times in {zone}.",
  },
  {
    "escView.head": "*{case}* · {severity} · {organization} · {title}",
    "escView.level": "Nivel {level} ({name}), {ack}",
    "escView.pinged": "Avisados: {levels}",
    "escView.pingedLevel": "nivel {level} {targets} ×{pings}",
    "escView.assignee": "asignado a {name}",
    "escView.acked": "Confirmado por {name} a las {time}, {duration} después de abrirse",
    "escView.notAcked": "Sin confirmar, abierto desde hace {duration}",
    "escView.clock.met": "{metric}: cumplida a las {time}",
    "escView.clock.left": "{metric}: vence {time}, quedan {duration}",
    "escView.clock.late": "{metric}: vencía {time}, con {duration} de retraso",
    "escView.clock.paused": "{metric}: vence {time}, reloj en pausa mientras se espera",
    "escView.clock.none": "{metric}: sin SLA",
    "escView.zone": "Horas en {zone}.",
  },
);
