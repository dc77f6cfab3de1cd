/**
 * Words that work as commands in one language only, and the words that call off what is under
 * way. The reply language and both places that cancel (an intake in progress, and nothing in
 * progress) read these lists, so a word that cancels in one place cancels in the other.
 */
import type { Language } from "../vocabulary.ts";
import { fold } from "./fold.ts";

// One-word commands that exist in one language only: "ayuda" shows Spanish as surely as a sentence.
const SPANISH_COMMANDS = new Set(
  (
    "ayuda casos caso comentar cerrar reabrir escalar nota severidad resolver licencias contratos dispositivos descuentos " +
    "repuestos recambios visita visitas registrar auditoria actualizaciones documentos manuales descargas cobertura cumplimiento " +
    "acuerdo socios seguimiento reemplazos herramientas hola gracias buenas"
  ).split(" "),
);
const ENGLISH_COMMANDS = new Set(
  (
    "help cases case comment close reopen escalate note severity resolve licenses licences contracts devices discounts parts " +
    "spares onsite register audit updates documents docs manuals downloads coverage compliance agreement partners escalations " +
    "breaches hello hi thanks"
  ).split(" "),
);

/** No command is longer than this, punctuation and emoji around it included. */
export const MAX_COMMAND_CHARS = 64;

/** The language a one-word command belongs to ("ayuda" → es, "help" → en), if it is one. */
export function commandLanguage(text: string): Language | undefined {
  if (text.length > MAX_COMMAND_CHARS) return undefined;
  const word = fold(text, { keepPunctuation: true }).replace(/[^a-z]/g, "");
  if (SPANISH_COMMANDS.has(word)) return "es";
  if (ENGLISH_COMMANDS.has(word)) return "en";
  return undefined;
}

// At the start of the message, in either language, accents optional.
const CANCEL = /^\s*(cancel|cancel it|never ?mind|forget it|stop|cancelar|cancela|olv[ií]dalo|d[eé]jalo)\b/i;

/** True when the message calls off what is under way ("cancel", "never mind", "olvídalo", "déjalo"). */
export function isCancel(text: string): boolean {
  return CANCEL.test(text);
}
