/**
 * Finds the catalog's product models in a message: by name, alias or id, tolerating typos,
 * plurals, spelled-out numbers and "O" for zero. Everything model-specific comes from the
 * catalog passed in; nothing here knows a product name.
 */
import type { Catalog } from "../../core/catalog.ts";
import { editDistance } from "../../core/text/edit-distance.ts";
import { tokenize, type Token } from "./tokens.ts";

/** A model named in the message, with the prose span it was found at. */
export interface ModelMention {
  id: string;
  start: number;
  end: number;
}

/** Model lookup built once per catalog. */
export interface ModelMatcher {
  /** Model mentions in a tokenised message, in order, longest alias first at each position. */
  find(tokens: readonly Token[]): ModelMention[];
  /** Model id for a serial prefix (upper case), e.g. "NB5" -> "nw-bar-50". */
  modelForPrefix(prefix: string): string | undefined;
  /** The catalog's serial prefixes, upper case. */
  readonly prefixes: readonly string[];
  /** Every normalised alias token, so other rules can tell product words from ordinary ones. */
  readonly aliasWords: ReadonlySet<string>;
}

interface Alias {
  id: string;
  words: string[];
}

/**
 * Word endings accepted after a catalog word inside a longer alias: plurals and the longer form
 * of an abbreviation ("cam" -> "camera"/"cámara", "speak" -> "speaker"). A whitelist, so that
 * "tapped 10 times" is not "tap 10".
 */
const SUFFIXES = new Set(["s", "es", "er", "ers", "era", "eras", "ara", "aras", "a", "as", "ra", "ras"]);

/** Words before a one-word alias that make it a thing ("the tap", "our taps", "la ptz"). */
const DETERMINERS = new Set([
  "the",
  "our",
  "my",
  "your",
  "their",
  "this",
  "that",
  "these",
  "those",
  "a",
  "an",
  "each",
  "every",
  "all",
  "any",
  "both",
  "new",
  "old",
  "spare",
  "other",
  "second",
  "first",
  "la",
  "el",
  "las",
  "los",
  "mi",
  "mis",
  "tu",
  "su",
  "sus",
  "nuestra",
  "nuestro",
  "nuestras",
  "nuestros",
  "una",
  "un",
  "esta",
  "este",
  "estas",
  "estos",
  "esa",
  "ese",
  "de",
  "del",
  "con",
  "on",
  "in",
  "with",
]);
/** Words that make a one-word alias a verb ("to tap", "just tap on Join"). */
const VERB_BEFORE = new Set([
  "to",
  "you",
  "i",
  "we",
  "they",
  "please",
  "pls",
  "just",
  "then",
  "double",
  "simply",
  "can",
  "must",
  "should",
  "and",
  "or",
]);
const VERB_AFTER = new Set([
  "on",
  "the",
  "it",
  "this",
  "that",
  "here",
  "there",
  "twice",
  "again",
  "a",
  "an",
  "into",
  "to",
  "join",
  "start",
  "your",
  "once",
]);

/** Builds the matcher for a catalog. */
export function createModelMatcher(catalog: Catalog): ModelMatcher {
  const vendorWords = new Set(tokenize(catalog.vendor).map((token) => token.norm));
  const aliases: Alias[] = [];
  const seen = new Set<string>();
  const add = (id: string, text: string) => {
    const words = tokenize(text).map((token) => token.norm);
    if (words.length === 0) return;
    const key = words.join(" ");
    if (seen.has(key)) return;
    seen.add(key);
    aliases.push({ id, words });
  };
  for (const model of catalog.models) {
    add(model.id, model.name);
    // The name without the vendor ("Northwind Bar 50" -> "Bar 50") is how people say it.
    const nameWords = tokenize(model.name).map((token) => token.norm);
    let skip = 0;
    while (skip < nameWords.length - 1 && vendorWords.has(nameWords[skip]!)) skip++;
    if (skip > 0) add(model.id, nameWords.slice(skip).join(" "));
    for (const alias of model.aliases) add(model.id, alias);
    add(model.id, model.id);
  }
  const byFirst = new Map<string, Alias[]>();
  for (const alias of aliases) {
    const list = byFirst.get(alias.words[0]!) ?? [];
    list.push(alias);
    byFirst.set(alias.words[0]!, list);
  }
  const firstWords = [...byFirst.keys()];
  const aliasWords = new Set(aliases.flatMap((alias) => alias.words));
  const prefixToModel = new Map(catalog.models.map((model) => [model.serial_prefix.toUpperCase(), model.id]));

  // Words repeat across messages; remembering their candidates keeps fuzzy matching off the hot
  // path. Bounded so a stream of unique words cannot grow it without limit.
  const candidateCache = new Map<string, Alias[]>();
  const candidatesAt = (word: string): Alias[] => {
    const cached = candidateCache.get(word);
    if (cached) return cached;
    const out: Alias[] = [...(byFirst.get(word) ?? [])];
    if (!/^\d+$/.test(word)) {
      for (const first of firstWords) {
        if (first !== word && Math.abs(first.length - word.length) <= 4 && wordMatches(first, word, true)) out.push(...byFirst.get(first)!);
      }
    }
    if (candidateCache.size >= 20_000) candidateCache.clear();
    candidateCache.set(word, out);
    return out;
  };

  return {
    prefixes: [...prefixToModel.keys()],
    aliasWords,
    modelForPrefix: (prefix) => prefixToModel.get(prefix.toUpperCase()),
    find(tokens) {
      const mentions: ModelMention[] = [];
      const words = tokens.map((token) => token.norm);
      for (let i = 0; i < tokens.length; i++) {
        let best: Alias | undefined;
        for (const alias of candidatesAt(words[i]!)) {
          if (best && alias.words.length <= best.words.length) continue;
          if (aliasMatchesAt(alias, words, i)) best = alias;
        }
        if (!best) continue;
        if (best.words.length === 1 && /^\p{L}+$/u.test(best.words[0]!) && looksLikeVerb(words, i)) continue;
        mentions.push({ id: best.id, start: tokens[i]!.start, end: tokens[i + best.words.length - 1]!.end });
        i += best.words.length - 1;
      }
      return mentions;
    },
  };
}

function aliasMatchesAt(alias: Alias, words: readonly string[], at: number): boolean {
  if (at + alias.words.length > words.length) return false;
  for (let j = 0; j < alias.words.length; j++) {
    const last = j === alias.words.length - 1;
    if (!wordMatches(alias.words[j]!, words[at + j]!, !last)) return false;
  }
  return true;
}

/** Compares one alias word with one message word, tolerating plurals, one typo and known suffixes. */
function wordMatches(aliasWord: string, word: string, allowSuffix: boolean): boolean {
  if (aliasWord === word) return true;
  const aliasDigits = /^\d+$/.test(aliasWord);
  if (aliasDigits || /^\d+$/.test(word)) return false;
  if (word === `${aliasWord}s` || word === `${aliasWord}es`) return true;
  if (aliasWord.length >= 4 && word[0] === aliasWord[0] && editDistance(aliasWord, word, 1) <= 1) return true;
  return allowSuffix && aliasWord.length >= 3 && word.startsWith(aliasWord) && SUFFIXES.has(word.slice(aliasWord.length));
}

/** A one-word alias used as a verb ("tap on Join", "just tap the screen") is not a product. */
function looksLikeVerb(words: readonly string[], at: number): boolean {
  const before = at > 0 ? words[at - 1]! : "";
  const after = at + 1 < words.length ? words[at + 1]! : "";
  if (DETERMINERS.has(before) || /^\d+$/.test(before)) return false;
  if (VERB_BEFORE.has(before)) return true;
  return VERB_AFTER.has(after);
}
