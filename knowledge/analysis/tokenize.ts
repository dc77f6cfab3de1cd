/**
 * Text analysis shared by indexing and querying: folding, tokenizing, stop words, stemming and
 * language guessing. Both sides must go through exactly these functions, or terms stop matching.
 */
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

/** Lower-cases and removes accents ("Cámara" → "camara"), keeping ñ's base letter. */
export function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

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
  for (const token of fold(spaced).split(/[^a-z0-9\-.'_]+/)) {
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
  if (joinedCamel) for (const word of joinedCamel) out.push(fold(word));
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

const SPANISH_MARKERS = /[ñ¿¡]|ci[oó]n\b|\b(el|la|los|las|del|que|como|c[oó]mo|qu[eé]|cu[aá]l|por|para|una|puedo|se puede|est[aá])\b/gi;
const ENGLISH_MARKERS = /\b(the|and|is|are|how|what|which|does|do|can|to|of|with|my|our|for|on|it|in)\b/gi;

/** Guesses whether a text is Spanish or English from marker words; English wins ties. */
export function detectLanguage(text: string): Language {
  const sample = text.slice(0, 4000);
  const es = (sample.match(SPANISH_MARKERS) ?? []).length;
  const en = (sample.match(ENGLISH_MARKERS) ?? []).length;
  return es > en ? "es" : "en";
}
