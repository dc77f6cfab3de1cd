/**
 * Sentences only Teams shows: the welcome after a personal install, the short notes on card
 * actions, and the message extension's dialogs. The core's sentences stay in bot/i18n; adapters
 * do not register into it, so this catalog has its own small lookup.
 */
import { defineMessages } from "../../bot/i18n/define.ts";
import { languageFromLocale } from "../../bot/i18n/index.ts";
import type { Language } from "../../core/vocabulary.ts";

export const teamsMessages = defineMessages(
  {
    "teams.welcome":
      "Hi, I'm Switchboard, the support desk for your meeting-room devices. Tell me what is wrong in plain words, ask how something works, or type *help* to see what I can do.",
    "teams.action.done": "Done.",
    "teams.action.already": "That was already done.",
    "teams.action.invalid": "This button is out of date. Open the case again to get a fresh card.",
    "teams.search.empty": "Type a few words about a device or a problem.",
    "teams.search.none": "Nothing in the documentation matches that.",
    "teams.search.open": "Open the document",
    "teams.case.dialogTitle": "Create a support case",
    "teams.case.title": "Title",
    "teams.case.details": "What happens",
    "teams.case.severity": "Severity",
    "teams.case.severity.sev1": "Sev 1 — a room or service is down",
    "teams.case.severity.sev2": "Sev 2 — badly degraded",
    "teams.case.severity.sev3": "Sev 3 — a problem with a workaround",
    "teams.case.severity.sev4": "Sev 4 — a question or a small issue",
    "teams.case.create": "Create case",
    "teams.case.empty": "There is no text in that message to open a case from.",
  },
  {
    "teams.welcome":
      "Hola, soy Switchboard, el servicio de soporte de los dispositivos de tus salas. Cuéntame qué falla con tus palabras, pregunta cómo funciona algo o escribe *ayuda* para ver lo que puedo hacer.",
    "teams.action.done": "Hecho.",
    "teams.action.already": "Eso ya estaba hecho.",
    "teams.action.invalid": "Este botón está desactualizado. Vuelve a abrir el caso para ver la tarjeta al día.",
    "teams.search.empty": "Escribe unas palabras sobre un dispositivo o un problema.",
    "teams.search.none": "No hay nada en la documentación que coincida.",
    "teams.search.open": "Abrir el documento",
    "teams.case.dialogTitle": "Crear un caso de soporte",
    "teams.case.title": "Título",
    "teams.case.details": "Qué ocurre",
    "teams.case.severity": "Severidad",
    "teams.case.severity.sev1": "Sev 1: una sala o servicio no funciona",
    "teams.case.severity.sev2": "Sev 2: muy degradado",
    "teams.case.severity.sev3": "Sev 3: un problema con alternativa",
    "teams.case.severity.sev4": "Sev 4: una consulta o un problema menor",
    "teams.case.create": "Crear caso",
    "teams.case.empty": "Ese mensaje no tiene texto con el que abrir un caso.",
  },
);

export type TeamsMessageKey = keyof typeof teamsMessages.en;

/** A Teams sentence in the language of a client locale ("es-ES" → Spanish; English otherwise). */
export function teamsText(key: TeamsMessageKey, locale: string | undefined): string {
  const lang: Language = languageFromLocale(locale) ?? "en";
  return teamsMessages[lang][key];
}
