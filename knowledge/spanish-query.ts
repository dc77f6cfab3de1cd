/**
 * The Spanish side of query parsing: Spanish words become English slots through the bilingual
 * lexicon, and noun-de-noun compounds are tried in English word order.
 */
import { fold } from "../core/text/fold.ts";
import { analyze, SEARCH_FOLD, stem } from "./analysis/tokenize.ts";
import { matchAt, type PhraseEntry, type PhraseTable } from "./lexicon/compile.ts";
import type { QueryAlt } from "./query.ts";

/** One word (or translated phrase) of the question, before synonym grouping. */
export interface Slot {
  word: string;
  untranslated?: boolean;
  /** Primary terms (what synonym matching looks at) and further alternatives. */
  primary: string[];
  alts: QueryAlt[];
  /** Token positions the slot spans in the question (stop words keep their slot). */
  from?: number;
  to?: number;
}

/** Spanish words → English slots, through the bilingual lexicon; unknown words pass through. */
export function spanishSlots(text: string, table: PhraseTable): Slot[] {
  const analyzed = analyze(text, "es");
  const stems = analyzed.map((t) => t.term);
  const slots: Slot[] = [];
  for (let i = 0; i < analyzed.length;) {
    const entry = matchAt(table, stems, i);
    if (entry && entry.expansions.length > 0) {
      const [first, ...rest] = entry.expansions;
      const words = analyzed
        .slice(i, i + entry.terms.length)
        .map((t) => t.word)
        .join(" ");
      slots.push({
        word: words,
        primary: first!,
        alts: rest.map((terms) => ({ terms, weight: 0.9 })),
        from: analyzed[i]!.pos,
        to: analyzed[i + entry.terms.length - 1]!.pos,
      });
      i += entry.terms.length;
      continue;
    }
    // Not in the lexicon: a product name, acronym or English loanword ("Teams", "DSCP", "bluetooth").
    const word = analyzed[i]!.word;
    // Written with a capital or a digit in the question, it is a name ("Crestron", "España",
    // "X50"), and an unknown name is a real sign the question is about something else.
    const typed = originalWord(text, word);
    const named = /^\p{Lu}/u.test(typed) || /\d/.test(typed);
    slots.push({
      word,
      untranslated: !named,
      primary: [stem(word, "en")],
      alts: [{ terms: [stems[i]!], weight: 1 }],
      from: analyzed[i]!.pos,
      to: analyzed[i]!.pos,
    });
    i++;
  }
  return slots;
}

/**
 * Spanish puts the modifier after the noun ("teléfono del pasillo", "consola de la sala") where
 * English puts it before ("hallway phone", "room console"): slots joined by "de" (and an
 * article) are also tried in English order against the English phrase tables, three slots
 * ("teléfono de sala de conferencias" → "conference room phone") before two.
 */
export function reversedCompound(slots: Slot[], i: number, tables: PhraseTable[]): { entry: PhraseEntry; slots: number } | undefined {
  for (const length of [3, 2]) {
    const span = slots.slice(i, i + length);
    if (span.length < length || span.some((s) => s.from === undefined || s.to === undefined)) continue;
    const joined = span.every((s, k) => k === 0 || (s.from! - span[k - 1]!.to! >= 2 && s.from! - span[k - 1]!.to! <= 3));
    if (!joined) continue;
    // A translated phrase is one slot of several terms ("sala de conferencias" → "conference room").
    const english = [...span].reverse().flatMap((s) => s.primary);
    for (const table of tables) {
      const entry = matchAt(table, english, 0);
      if (entry?.terms.length === english.length) return { entry, slots: length };
    }
  }
  return undefined;
}

/** The word as typed (case and accents kept) for a folded word, or the folded word itself. */
function originalWord(text: string, folded: string): string {
  for (const raw of text.split(/[^\p{L}\p{N}]+/u)) if (raw && fold(raw, SEARCH_FOLD) === folded) return raw;
  return folded;
}
