/**
 * What the understanding's model sees of a message: folded words, word pairs and the letter
 * groups inside words (which carry typos, plurals and Spanish endings — "escálalo", "reábrelo" —
 * to the words they come from), with identifiers replaced by their kind, so "CS-10422" and
 * "CS-10007" are the same evidence.
 */
import { fold } from "../../core/text/fold.ts";

const IDENTIFIERS: readonly [RegExp, string][] = [
  [/\bcs(?:\s*[-#])?\s*\d{5,7}\b/g, " casoref "],
  [/\brma(?:\s*[-#])?\s*\d{4,8}\b/g, " rmaref "],
  [/\b[a-z]{2,4}\d?-\d{5,9}\b/g, " serialref "],
  [/\b\d{5,7}\b/g, " numref "],
  [/https?:\/\/\S+/g, " urlref "],
];

/** Words of a message after folding, identifiers replaced by their kind. */
export function wordsOf(text: string): string[] {
  let folded = fold(text.replace(/<@[^<>]+>/g, " "));
  for (const [pattern, kind] of IDENTIFIERS) folded = folded.replace(pattern, kind);
  return folded.match(/[a-z0-9]+/g) ?? [];
}

/** The model's features of a message: words, word pairs, letter groups of 3 to 5, plus `extra` cues. */
export function featuresOf(text: string, extra: readonly string[] = []): string[] {
  const words = wordsOf(text);
  const features = new Set<string>(extra);
  if (words.length === 0) features.add("empty");
  features.add(`len:${Math.min(words.length, 8)}`);
  features.add(`first:${words[0] ?? ""}`);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    features.add(`w:${word}`);
    if (i + 1 < words.length) features.add(`b:${word} ${words[i + 1]}`);
    if (word.length < 4 || word.endsWith("ref")) continue;
    const padded = ` ${word} `;
    for (let size = 3; size <= 5; size++)
      for (let start = 0; start + size <= padded.length; start++) features.add(`c:${padded.slice(start, start + size)}`);
  }
  return [...features];
}
