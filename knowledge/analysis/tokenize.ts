/**
 * Text analysis shared by indexing and querying: folding, tokenizing, stop words and stemming.
 * Both sides must go through exactly these functions, or terms stop matching.
 */
import { fold, type FoldOptions } from "../../core/text/fold.ts";
import type { Language } from "../../core/vocabulary.ts";
import { americanSpelling } from "./spelling-variants.ts";
import { stemEnglish } from "./stem-en.ts";
import { stemSpanish } from "./stem-es.ts";
import { ENGLISH_STOPWORDS, SPANISH_STOPWORDS } from "./stopwords.ts";

/** One analyzed term and its position in the token stream (stop words keep their slot). */
export interface Term {
  term: string;
  /** The folded surface word, for spelling correction and display. */
  word: string;
  pos: number;
}

/**
 * How the index folds words ("Cámara" → "camara"): compatibility forms become plain letters and
 * punctuation is left for the tokenizer to split on. Changing it re-keys every indexed term.
 */
export const SEARCH_FOLD: FoldOptions = { compatibility: true, keepPunctuation: true };

// Splits camelCase and letter/digit runs that people write both ways ("SkypeSettings", "win10").
const CAMEL = /([a-z])([A-Z])/g;

/**
 * Splits text into folded word tokens. Hyphenated and dotted compounds also yield their joined
 * form ("wi-fi" → wi, fi, wifi; "802.1x" → 802, 1x, 8021x) so either spelling finds the other.
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  const spaced = signInPhrases(text).replace(CAMEL, "$1 $2");
  const joinedCamel = text.match(/[A-Za-z]*[a-z][A-Z][A-Za-z]*/g);
  for (const token of fold(spaced, SEARCH_FOLD).split(/[^a-z0-9\-.'_]+/)) {
    // A possessive is the word itself ("lobby's" → "lobby"), not "lobby" + "s" + "lobbys".
    const raw = token.replace(/'s$/, "");
    const parts = raw.split(/[\-._']+/).filter(Boolean);
    if (parts.length === 0) continue;
    out.push(...parts);
    if (parts.length > 1 && parts.length <= 4) {
      const joined = parts.join("");
      if (joined.length <= 24) out.push(joined);
    }
  }
  if (joinedCamel) for (const word of joinedCamel) out.push(fold(word, SEARCH_FOLD));
  return out;
}

// "Log in", "sign out": the particle is a stop word, so without this "log in" would be "log" —
// the word for log files — and "sign out" would be "sign", the same as "sign in".
const SIGN = /\b(log|sign)(s|ged|ging|ed|ing)?([ -]?)(in|into|on|onto|out|off)\b/gi;

/** Joins sign-in and sign-out phrases into one word each ("logged on" → "login"). */
function signInPhrases(text: string): string {
  if (!/\b(log|sign)/i.test(text)) return text;
  return text.replace(SIGN, (match: string, verb: string, ending: string | undefined, gap: string, particle: string) => {
    const p = particle.toLowerCase();
    // "the logs on the server" are log files; "log on" and "logs in" are signing in.
    if (ending?.toLowerCase() === "s" && verb.toLowerCase() === "log" && (p === "on" || p === "onto")) return match;
    if (gap === "" && p !== "on" && p !== "in" && p !== "out" && p !== "off") return match;
    return `${verb.toLowerCase()}${p === "out" || p === "off" ? "out" : "in"}`;
  });
}

// Stemming is the costliest step of analysis and vocabularies are small: remember results.
const MEMO_LIMIT = 200_000;
const memo = { en: new Map<string, string>(), es: new Map<string, string>() };

/** Stems a folded word for the language; numbers and codes stay as they are. */
export function stem(word: string, language: Language): string {
  if (/\d/.test(word)) return word;
  const cache = memo[language];
  let stemmed = cache.get(word);
  if (stemmed === undefined) {
    stemmed = language === "es" ? stemSpanish(word) : stemEnglish(americanSpelling(word));
    if (cache.size >= MEMO_LIMIT) cache.clear();
    cache.set(word, stemmed);
  }
  return stemmed;
}

/** True when the folded word is a stop word of the language. */
export function isStopword(word: string, language: Language): boolean {
  return language === "es" ? SPANISH_STOPWORDS.has(word) : ENGLISH_STOPWORDS.has(word);
}

/** Tokenizes, drops stop words and one-letter tokens, and stems. */
export function analyze(text: string, language: Language = "en"): Term[] {
  const terms: Term[] = [];
  let pos = 0;
  for (const word of tokenize(text)) {
    pos++;
    if (word.length < 2 && !/\d/.test(word)) continue;
    if (isStopword(word, language)) continue;
    terms.push({ term: stem(word, language), word, pos });
  }
  return terms;
}
