/** Sentences of the intake conversation (the problem report). */
import { defineMessages } from "../i18n/define.ts";

export const intakeMessages = defineMessages(
  {
    "intake.ask.device": "Which device is it? The serial number (like {example}) is on the label under the unit — or tell me the model.",
    "intake.ask.deviceChoice": "Which {model} is it?",
    "intake.ask.deviceChoiceAny": "Which of these is it?",
    "intake.ask.site": "Where is it — which office or room?",
    "intake.ask.since": "Since when has this been happening?",
    "intake.ask.impact": "How many rooms are affected, and is a meeting blocked right now?",
    "intake.ack": "Got it: {summary}.",
    "intake.summary.site": "at {site}",
    "intake.summary.since": "since {since}",
    "intake.stillNeed": "(I still need: {question})",
    "intake.need.device": "which device?",
    "intake.need.site": "where is it?",
    "intake.need.since": "since when?",
    "intake.need.impact": "how many rooms are affected?",
    "intake.setAside": "I've set aside the report about {what}.",
    "intake.serialList":
      "That looks like a list of serial numbers rather than a problem. To register them, write *register* followed by the list; to report a problem, tell me what is wrong with one of them.",
    "intake.suggest": "Before I open a case, this may fix it:",
    "intake.meanwhile": "While an engineer picks it up, the documentation says:",
    "intake.action.fixed": "That fixed it",
    "intake.action.broken": "Still broken",
    "intake.action.open": "Open the case now",
    "intake.fixed": "Great, glad it works again! I haven't opened a case. Write to me any time.",
    "intake.describe": "Sure — what's wrong? One or two sentences are enough, and I'll open the case.",
    "intake.cancelled": "OK, I've dropped it; no case was opened.",
    "intake.partner":
      "This looks like a problem in {partner}'s service rather than in the device. I'll open a case; with your go-ahead our engineers can also open a ticket with {partner} and work with them directly (your organization needs its own support agreement with {partner}).",
    "intake.unknownSerial": "I don't find {serial} among your organization's devices; I've noted it in the case.",
    "intake.needsOrganization":
      "Only people of a customer organization can open cases this way; engineers can use *open case* on a customer's behalf from their channel.",
    "partner.microsoft": "Microsoft",
    "partner.zoom": "Zoom",
    "partner.google": "Google",
    "partner.webex": "Webex",
    "partner.any": "the cloud partner",
  },
  {
    "intake.ask.device":
      "¿Qué dispositivo es? El número de serie (como {example}) está en la etiqueta de debajo del equipo; o dime el modelo.",
    "intake.ask.deviceChoice": "¿Cuál de los {model} es?",
    "intake.ask.deviceChoiceAny": "¿Cuál de estos es?",
    "intake.ask.site": "¿Dónde está: en qué oficina o sala?",
    "intake.ask.since": "¿Desde cuándo ocurre?",
    "intake.ask.impact": "¿Cuántas salas están afectadas y hay ahora mismo una reunión bloqueada?",
    "intake.ack": "Entendido: {summary}.",
    "intake.summary.site": "en {site}",
    "intake.summary.since": "desde {since}",
    "intake.stillNeed": "(Aún necesito saber: {question})",
    "intake.need.device": "¿qué dispositivo es?",
    "intake.need.site": "¿dónde está?",
    "intake.need.since": "¿desde cuándo?",
    "intake.need.impact": "¿cuántas salas están afectadas?",
    "intake.setAside": "He dejado a un lado el aviso sobre {what}.",
    "intake.serialList":
      "Parece una lista de números de serie, no un problema. Para registrarlos, escribe *registrar* seguido de la lista; para avisar de un problema, dime qué le pasa a uno de ellos.",
    "intake.suggest": "Antes de abrir un caso, esto podría solucionarlo:",
    "intake.meanwhile": "Mientras un ingeniero se hace cargo, la documentación dice:",
    "intake.action.fixed": "Ya funciona",
    "intake.action.broken": "Sigue fallando",
    "intake.action.open": "Abrir el caso ya",
    "intake.fixed": "¡Estupendo, me alegro de que vuelva a funcionar! No he abierto ningún caso. Escríbeme cuando quieras.",
    "intake.describe": "Claro: ¿qué ocurre? Con una o dos frases basta y abro el caso.",
    "intake.cancelled": "De acuerdo, lo dejo; no se ha abierto ningún caso.",
    "intake.partner":
      "Parece un problema del servicio de {partner} más que del dispositivo. Abriré un caso y, si nos das el visto bueno, nuestros ingenieros pueden abrir también una incidencia con {partner} y trabajar directamente con ellos (tu organización necesita su propio acuerdo de soporte con {partner}).",
    "intake.unknownSerial": "No encuentro {serial} entre los dispositivos de tu organización; lo he anotado en el caso.",
    "intake.needsOrganization":
      "Solo las personas de una organización cliente pueden abrir casos así; los ingenieros pueden usar *abrir caso* en nombre de un cliente desde su canal.",
    "partner.microsoft": "Microsoft",
    "partner.zoom": "Zoom",
    "partner.google": "Google",
    "partner.webex": "Webex",
    "partner.any": "el partner en la nube",
  },
);

type IntakeMessages = typeof intakeMessages.en;

declare module "../i18n/index.ts" {
  // Declaration merging adds the feature's keys to MessageKey (bot/i18n/index.ts).
  interface FeatureMessages extends IntakeMessages {}
}
