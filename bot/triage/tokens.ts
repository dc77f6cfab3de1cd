/**
 * Tokens for product-name matching. Both the message and the catalog aliases go through the same
 * normalisation, so "Nortwind BAR50s", "bar fifty", "barra cincuenta" and "phone 4OO" line up with
 * aliases such as "bar 50" or "phone 400" without listing any of those spellings.
 */
import { foldWord } from "../../core/text/fold.ts";
import { readNumberWords, isNumberWord } from "../../core/text/number-words.ts";

/** One normalised token and where it came from in the prose. */
export interface Token {
  /** Normalised form: folded, digits and letters split, number words as digits. */
  norm: string;
  /** Character offsets in the prose (end exclusive). */
  start: number;
  end: number;
}

/**
 * Everyday words that name the same thing as a catalog word in the other language or in a longer
 * form. Applied to both sides, so a Spanish alias and an English message still meet. These are
 * generic device words, not product names.
 */
const SYNONYMS: Record<string, string> = {
  barra: "bar",
  camara: "cam",
  camera: "cam",
  auriculares: "headset",
  audifonos: "headset",
  bocina: "speaker",
  auricular: "headset",
  cascos: "headset",
  telefono: "phone",
  consola: "console",
  altavoz: "speaker",
};

const WORD = /[\p{L}\p{N}]+/gu;

/** Splits text into normalised tokens with offsets. */
export function tokenize(text: string): Token[] {
  const pieces: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const start = match.index ?? 0;
    const word = match[0];
    // "room's" is a possessive, not the Room S: drop the "s" after an apostrophe.
    if ((word === "s" || word === "S") && start > 0 && /['\u2019\u00b4]/.test(text[start - 1]!)) continue;
    let folded = foldWord(word);
    // Letter O typed for zero inside a number ("4OO", "5o").
    if (/\d/.test(folded) && /^[0-9o]+$/.test(folded)) folded = folded.replace(/o/g, "0");
    // Split letters from digits ("bar50" -> "bar 50", "4k" -> "4 k"), keeping offsets.
    let offset = 0;
    for (const part of folded.match(/\p{L}+|\p{N}+/gu) ?? []) {
      const at = folded.indexOf(part, offset);
      offset = at + part.length;
      pieces.push({ norm: part, start: start + at, end: start + at + part.length });
    }
  }
  return mergeNumbers(pieces).map((token) => ({ ...token, norm: normaliseWord(token.norm) }));
}

/** The canonical form of one folded word ("camara" -> "cam"), as used for catalog matching. */
export function normaliseWord(word: string): string {
  return SYNONYMS[word] ?? word;
}

/** Replaces runs of number words by one digit token; "50 s" (from "50s") becomes "50". */
function mergeNumbers(tokens: Token[]): Token[] {
  const words = tokens.map((token) => token.norm);
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (isNumberWord(token.norm)) {
      const number = readNumberWords(words, i);
      if (number) {
        const last = tokens[i + number.length - 1]!;
        out.push({ norm: String(number.value), start: token.start, end: last.end });
        i += number.length - 1;
        continue;
      }
    }
    // A plural of a number ("bar 50s"): the "s" directly follows the digits.
    if (token.norm === "s" && out.length > 0 && /^\d+$/.test(out[out.length - 1]!.norm) && out[out.length - 1]!.end === token.start) {
      out[out.length - 1] = { ...out[out.length - 1]!, end: token.end };
      continue;
    }
    out.push(token);
  }
  return out;
}
