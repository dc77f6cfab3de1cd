/**
 * "Since when?" in the person's words: "since yesterday", "desde hoy por la mañana", "hace dos
 * días", "since the firmware update last week". The phrase is returned as written (accents and
 * all), so the case and the acknowledgement repeat what the person said.
 */
import { isNumberWord } from "../../core/text/number-words.ts";

/** Letters folded one by one (lower case, no accents), so positions match the original text. */
function foldKeepingPositions(text: string): string {
  return [...text]
    .map((ch) => {
      const folded = ch
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase();
      return folded.length === ch.length ? folded : ch.toLowerCase().slice(0, ch.length).padEnd(ch.length, " ");
    })
    .join("");
}

const UNIT = "(minutes?|hours?|days?|weeks?|months?|minutos?|horas?|dias?|semanas?|mes|meses)";
const AMOUNT = "(\\d+|a|an|a few|a couple of|couple of|few|un|una|unos|unas|[a-z]+(?: y [a-z]+)?)";
/** A point in time said on its own ("yesterday", "la semana pasada", "el lunes"). */
const MOMENT =
  "(yesterday|today|this (?:morning|afternoon|evening|week)|tonight|last (?:night|week|month|friday|monday|tuesday|wednesday|thursday|saturday|sunday)|the (?:last|past) (?:few )?(?:days|weeks|hours)|ayer|antes de ayer|anteayer|hoy|anoche|esta (?:manana|tarde|noche|semana)|la semana pasada|el mes pasado|(?:on |el )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|miercoles|jueves|viernes|sabado|domingo))";
/** Where a "since …" phrase stops: punctuation, or a clause about something else. */
const END = "(?=[,.;!?\\n]|$| and | but | y | pero | in | at | en | con | with | on the | it | is | es )";

const PATTERNS: RegExp[] = [
  // "since the firmware update last week", "desde hoy por la mañana", "starting monday".
  new RegExp(`\\b(since|desde|starting|started|empezo|empez[oó]|comenzo|after|tras|despues de)\\s+[^,.;!?\\n]{2,60}?${END}`),
  // "two days ago", "hace dos días".
  new RegExp(`\\b${AMOUNT} ${UNIT} ago\\b`),
  new RegExp(`\\bhace ${AMOUNT} ${UNIT}\\b`),
  new RegExp(`\\b${MOMENT}\\b`),
];

/** A "since when" phrase with a real time in it, not any "after" ("after I press the button"). */
const TIME_WORD = new RegExp(
  `\\b(${MOMENT.slice(1, -1)}|\\d|update|upgrade|firmware|release|reboot|restart|outage|power cut|move|actualizacion|reinicio|corte|mudanza|morning|manana|night|noche|week|semana|month|mes|day|dia|hours?|horas?|ago|hace|ayer|hoy)`,
);

const AMOUNT_ONLY = new RegExp(`^(?:hace )?${AMOUNT} ${UNIT}`);

function plausibleAmount(phrase: string): boolean {
  const amount = AMOUNT_ONLY.exec(phrase)?.[1];
  if (!amount) return true;
  if (/^\d+$/.test(amount) || /^(a|an|a few|a couple of|couple of|few|un|una|unos|unas)$/.test(amount)) return true;
  return amount.split(" y ").every((word) => isNumberWord(word));
}

/** The "since when" phrase of a message, as written; undefined when it names no time. */
export function sinceIn(text: string): string | undefined {
  const folded = foldKeepingPositions(text);
  let best: { start: number; end: number } | undefined;
  for (const pattern of PATTERNS) {
    for (const match of folded.matchAll(new RegExp(pattern.source, "g"))) {
      const phrase = match[0];
      if (!TIME_WORD.test(phrase) || !plausibleAmount(phrase)) continue;
      const start = match.index ?? 0;
      const span = { start, end: start + phrase.length };
      // The earliest phrase wins, and of two at the same place the longer one.
      if (!best || span.start < best.start || (span.start === best.start && span.end > best.end)) best = span;
    }
  }
  if (!best) return undefined;
  return text.slice(best.start, best.end).trim();
}
