/**
 * Spelling correction against the corpus's own vocabulary ("reciever", "ehternet"), with the
 * symmetric-deletion trick: every word and every query word is reduced by one-letter deletions
 * and matched on those, so a lookup costs a few map reads instead of a scan of the vocabulary.
 */
import { editDistance } from "../core/text/edit-distance.ts";

/** What the query parser needs to know about words. */
export interface Speller {
  /** True when the analyzed term occurs in the index. */
  knows(term: string): boolean;
  /** The closest corpus words to an unknown folded word, best first (empty when none is close). */
  correct(word: string): string[];
  /** Builds the lookup table now rather than on the first misspelled question. */
  warm(): void;
}

const MIN_LENGTH = 4;

function deletes(word: string): string[] {
  const out = [word];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Builds a speller over corpus words (word → frequency) and a term-existence check. */
export function createSpeller(words: ReadonlyMap<string, number>, hasTerm: (term: string) => boolean): Speller {
  let byDeletion: Map<string, string[]> | undefined;
  const corrections = new Map<string, string[]>();
  const table = (): Map<string, string[]> => {
    if (byDeletion) return byDeletion;
    byDeletion = new Map();
    for (const word of words.keys()) {
      if (word.length < MIN_LENGTH || /\d/.test(word)) continue;
      for (const key of deletes(word)) {
        const list = byDeletion.get(key);
        if (list) list.push(word);
        else byDeletion.set(key, [word]);
      }
    }
    return byDeletion;
  };
  return {
    warm: () => void table(),
    knows: hasTerm,
    correct(word) {
      // Short words are too often real words the corpus lacks ("zoom" is not a typo of "room").
      if (word.length < 5 || /\d/.test(word) || words.has(word)) return [];
      const cached = corrections.get(word);
      if (cached) return cached;
      const limit = word.length >= 8 ? 2 : 1;
      const candidates = new Set<string>();
      for (const key of deletes(word))
        for (const found of table().get(key) ?? []) if (Math.abs(found.length - word.length) <= limit) candidates.add(found);
      const scored = [...candidates]
        .map((candidate) => ({ candidate, distance: editDistance(word, candidate, limit) }))
        .filter((c) => c.distance <= limit)
        .sort((a, b) => a.distance - b.distance || (words.get(b.candidate) ?? 0) - (words.get(a.candidate) ?? 0));
      const result = scored.slice(0, 1).map((c) => c.candidate);
      if (corrections.size > 10_000) corrections.clear();
      corrections.set(word, result);
      return result;
    },
  };
}
