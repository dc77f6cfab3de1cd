/**
 * The location a person names ("Madrid 3rd floor boardroom", "room 4.12", "sala Alhambra",
 * "oficina de Bogotá"), copied verbatim as one span. A span is a run of place words — proper
 * nouns, place nouns, floor ordinals, room numbers — that names a specific place; "the room"
 * or "the office" alone do not.
 */
import { foldWord } from "../../core/text/fold.ts";
import {
  CITIES,
  GENERIC_MODIFIERS,
  MAX_CITY_WORDS,
  NOT_PLACES,
  ORDINAL_WORDS,
  PLACE_HEADS,
  PLACE_MODIFIERS,
  STANDALONE_PLACES,
} from "./places.ts";

type Kind = "proper" | "city" | "head" | "standalone" | "modifier" | "ordinal" | "number" | "letter" | "connector" | "product" | "other";

interface Word {
  folded: string;
  start: number;
  end: number;
  kind: Kind;
  /** Punctuation between the previous word and this one ends a span. */
  breakBefore: boolean;
  /** First word of a sentence: its capital letter says nothing. */
  sentenceStart: boolean;
}

/** Character spans that belong to product names; a site never overlaps them. */
export interface Excluded {
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+(?:[.'\u2019&][\p{L}\p{N}]+)*/gu;
const DETERMINERS = new Set([
  "the",
  "our",
  "my",
  "your",
  "their",
  "whole",
  "entire",
  "la",
  "el",
  "los",
  "las",
  "nuestra",
  "nuestro",
  "nuestras",
  "nuestros",
  "todo",
  "toda",
  "su",
  "sus",
  "mi",
]);
const ANCHORS = new Set([
  "in",
  "at",
  "from",
  "on",
  "for",
  "en",
  "de",
  "del",
  "outside",
  "inside",
  "near",
  "within",
  "fuera",
  "dentro",
  "junto",
  "a",
  "to",
]);
const MOTION =
  /\b(come|coming|go|going|send|sent|visit|travel|move|moved|ship|shipped|bring|get|drive|fly|venir|venga|vengan|mandar|mandad|enviar|ir|vaya|desplazar|desplazarse|tecnico|technician|someone|alguien)\b/;
const DEVICE_WORDS = new Set([
  "equipo",
  "equipos",
  "barra",
  "camara",
  "pantalla",
  "telefono",
  "salas",
  "dispositivo",
  "dispositivos",
  "auriculares",
  "consola",
  "panel",
  "rooms",
  "devices",
]);

/** Finds the first named location in the prose, or null. `excluded` are product-name spans. */
export function extractSite(prose: string, excluded: readonly Excluded[], productWords: ReadonlySet<string>): string | null {
  const words = readWords(prose, excluded, productWords);
  let best: { start: number; end: number } | undefined;
  for (let i = 0; i < words.length; i++) {
    if (best && words[i]!.start >= best.start) break;
    const span = anchoredSpan(words, i) ?? unanchoredSpan(words, i);
    if (span && isQuotedLabel(prose, span.start)) continue;
    if (span && (!best || span.start < best.start)) best = span;
  }
  return best ? prose.slice(best.start, best.end).trim() : null;
}

/** Text shown by a device, quoted ("shows the room name as \"Default Room\""), is a label, not a place. */
const QUOTED_AFTER =
  /\b(as|shows?|showing|says?|saying|reads|displays?|named|called|dice|muestra|pone|aparece( como)?)\s*["'\u201c\u2018]$/i;

function isQuotedLabel(prose: string, start: number): boolean {
  return QUOTED_AFTER.test(prose.slice(Math.max(0, start - 24), start));
}

function readWords(prose: string, excluded: readonly Excluded[], productWords: ReadonlySet<string>): Word[] {
  // In a message typed in capitals, a capital letter does not mark a name.
  const letters = prose.replace(/[^\p{L}]/gu, "");
  const shouting = letters.length >= 12 && letters.replace(/[^\p{Lu}]/gu, "").length / letters.length > 0.6;
  const words: Word[] = [];
  let previousEnd = 0;
  // Product spans come in text order: walk them with the words instead of searching each time.
  const spans = [...excluded].sort((a, b) => a.start - b.start);
  let next = 0;
  for (const match of prose.matchAll(WORD)) {
    let text = match[0];
    const start = match.index ?? 0;
    // A possessive ends the place: "the Denver room's calendar" -> "Denver room".
    const possessive = /['\u2019]s$/i.test(text);
    if (possessive) text = text.slice(0, -2);
    const end = start + text.length;
    const gap = prose.slice(previousEnd, start);
    previousEnd = start + match[0].length;
    while (next < spans.length && spans[next]!.end <= start) next++;
    const inProduct = next < spans.length && spans[next]!.start < end;
    const folded = foldWord(text);
    const sentenceStart = words.length === 0 || /[.!?\n]/.test(gap);
    words.push({
      folded,
      start,
      end,
      kind: inProduct ? "product" : classify(shouting ? folded : text, folded, productWords),
      breakBefore: /[,:;()!?"\u201c\u201d[\]{}|/+\n\u2014]|\.\s|\s-\s/.test(gap) || words.length === 0,
      sentenceStart,
    });
    if (possessive) words.push({ folded: "'s", start: end, end: end + 2, kind: "other", breakBefore: false, sentenceStart: false });
  }
  markCities(words);
  return words;
}

function classify(text: string, folded: string, productWords: ReadonlySet<string>): Kind {
  if (STANDALONE_PLACES.has(folded)) return "standalone";
  if (PLACE_HEADS.has(folded)) return "head";
  if (folded === "de" || folded === "del") return "connector";
  if (/^\d+(st|nd|rd|th|º|ª|o|a|er)$/.test(folded) || ORDINAL_WORDS.has(folded)) return "ordinal";
  if (/^\d+([.\-]\d+)*[a-z]?$/.test(folded)) return "number";
  if (/^\p{Lu}$/u.test(text)) return "letter";
  if (PLACE_MODIFIERS.has(folded)) return "modifier";
  if (/^\p{Lu}/u.test(text) && !NOT_PLACES.has(folded) && !productWords.has(folded) && !/\d/.test(folded)) return "proper";
  return "other";
}

/** First words of city names, so most words are ruled out with one lookup. */
const CITY_FIRST_WORDS = new Set([...CITIES].map((name) => name.split(" ")[0]!));

/** Marks city names (one to four words, any case) so "in madrid" counts like "in Madrid". */
function markCities(words: Word[]): void {
  for (let i = 0; i < words.length; i++) {
    if (!CITY_FIRST_WORDS.has(words[i]!.folded)) continue;
    for (let n = Math.min(MAX_CITY_WORDS, words.length - i); n >= 1; n--) {
      const name = words
        .slice(i, i + n)
        .map((word) => word.folded)
        .join(" ");
      if (!CITIES.has(name)) continue;
      for (let k = i; k < i + n; k++) words[k]!.kind = "city";
      i += n - 1;
      break;
    }
  }
}

function anchoredSpan(words: readonly Word[], i: number): { start: number; end: number } | undefined {
  const anchor = words[i]!;
  if (!ANCHORS.has(anchor.folded) || anchor.kind === "city") return undefined;
  if (
    (anchor.folded === "to" || anchor.folded === "a") &&
    !MOTION.test(
      words
        .slice(Math.max(0, i - 8), i)
        .map((word) => word.folded)
        .join(" "),
    )
  )
    return undefined;
  let k = i + 1;
  while (k < words.length && DETERMINERS.has(words[k]!.folded) && !words[k]!.breakBefore) k++;
  if (k >= words.length || words[k]!.breakBefore) return undefined;
  const span = buildSpan(words, k);
  if (!span) return undefined;
  const kinds = span.kinds;
  if (anchor.folded === "on" && !kinds.has("head") && !kinds.has("standalone")) return undefined;
  // "register it for Initech" names a customer; "for the Paris office" or "for Sydney" a place.
  if (anchor.folded === "for" && !kinds.has("head") && !kinds.has("standalone") && !kinds.has("city")) return undefined;
  if ((anchor.folded === "de" || anchor.folded === "del") && !kinds.has("city") && !kinds.has("head") && !kinds.has("standalone")) {
    const before = i > 0 ? words[i - 1]! : undefined;
    // "la Room L de Sevilla", "el teléfono de recepción": "de" after a device or a place names
    // where it is; after other words ("a nombre de Contoso") it names something else.
    if (!before || !(before.kind === "head" || before.kind === "product" || DEVICE_WORDS.has(before.folded))) return undefined;
  }
  return span;
}

function unanchoredSpan(words: readonly Word[], i: number): { start: number; end: number } | undefined {
  const word = words[i]!;
  const next = words[i + 1];
  const nextJoins = next !== undefined && !next.breakBefore;
  const startsPlace =
    word.kind === "city" ||
    word.kind === "standalone" ||
    // "the entire 4th floor": an ordinal on a place noun.
    (word.kind === "ordinal" && nextJoins && next.kind === "head") ||
    (word.kind === "proper" && nextJoins && (next.kind === "head" || next.kind === "standalone")) ||
    ((word.folded === "sala" ||
      word.folded === "room" ||
      word.folded === "floor" ||
      word.folded === "planta" ||
      word.folded === "piso" ||
      word.folded === "building" ||
      word.folded === "edificio") &&
      nextJoins &&
      (next.kind === "proper" || next.kind === "number" || next.kind === "letter" || next.kind === "city"));
  if (!startsPlace) return undefined;
  if (i > 0 && !word.breakBefore && ["proper", "city", "modifier", "ordinal"].includes(words[i - 1]!.kind)) return undefined;
  return buildSpan(words, i);
}

/** Collects place words from `from`; returns the span when it names a specific place. */
function buildSpan(words: readonly Word[], from: number): { start: number; end: number; kinds: Set<Kind> } | undefined {
  const taken: Word[] = [];
  for (let j = from; j < words.length; j++) {
    const word = words[j]!;
    if (j > from && word.breakBefore) break;
    if (word.kind === "other" || word.kind === "product") break;
    if (word.kind === "connector") {
      const next = words[j + 1];
      if (taken.length === 0 || !next || next.breakBefore || !["proper", "city", "head", "standalone", "modifier"].includes(next.kind))
        break;
    }
    if (word.kind === "letter" && taken.length > 0 && !["head", "proper", "city"].includes(taken[taken.length - 1]!.kind)) break;
    if (word.kind === "letter" && taken.length === 0) break;
    taken.push(word);
  }
  // Trailing qualifiers stay only after a place noun ("sala principal"), as in Spanish word order.
  const hasHead = taken.some((word) => word.kind === "head" || word.kind === "standalone");
  while (taken.length > 0 && (taken[taken.length - 1]!.kind === "connector" || (taken[taken.length - 1]!.kind === "modifier" && !hasHead)))
    taken.pop();
  if (taken.length === 0) return undefined;
  const kinds = new Set(taken.map((word) => word.kind));
  const first = taken[0]!;
  // A capitalised first word of a sentence is only a place when more place words follow.
  const onlyCapital = first.kind === "proper" && first.sentenceStart && taken.length === 1;
  const specificModifier = taken.some((word) => word.kind === "modifier" && !GENERIC_MODIFIERS.has(word.folded));
  const named = (kinds.has("proper") && !onlyCapital) || kinds.has("city") || kinds.has("standalone");
  const qualifiedHead = kinds.has("head") && (kinds.has("ordinal") || kinds.has("number") || kinds.has("letter") || specificModifier);
  if (!named && !qualifiedHead) return undefined;
  return { start: first.start, end: taken[taken.length - 1]!.end, kinds };
}
