/**
 * Compiles the written lexicons (and the catalog's model aliases) into phrase tables keyed by
 * analyzed terms, so query words match them after the same stemming the index uses.
 */
import type { Catalog } from "../../core/catalog.ts";
import { analyze } from "../analysis/tokenize.ts";
import type { Language } from "../../core/vocabulary.ts";
import { ONE_WAY, SYNONYM_SETS } from "./synonyms.ts";
import { SPANISH_ACTIONS } from "./spanish-actions.ts";
import { SPANISH_ENGLISH } from "./spanish.ts";

/** A phrase as analyzed terms, with the alternatives it expands to. */
export interface PhraseEntry {
  terms: string[];
  /** Alternatives, each a list of (English) analyzed terms. */
  expansions: string[][];
  /** Catalog model ids this phrase names, when it comes from the catalog. */
  products: string[];
}

/** Phrases grouped by their first term, longest first, for greedy matching. */
export type PhraseTable = Map<string, PhraseEntry[]>;

const termsOf = (phrase: string, language: Language): string[] => analyze(phrase, language).map((t) => t.term);

/**
 * Terms of a lexicon phrase, or none when stop words collapse a phrase into one generic word
 * ("log in" → "log", "turn on" → "turn"): such a phrase would expand every use of that word.
 */
const phraseTerms = (phrase: string, language: Language): string[] => {
  const terms = termsOf(phrase, language);
  const words = phrase.trim().split(/\s+/).length;
  return words > 1 && terms.length < words && terms.length <= 1 ? [] : terms;
};
const keyOf = (terms: string[]): string => terms.join(" ");

function addEntry(table: PhraseTable, terms: string[], expansions: string[][], products: string[] = []): void {
  if (terms.length === 0) return;
  const list = table.get(terms[0]!) ?? [];
  const existing = list.find((e) => keyOf(e.terms) === keyOf(terms));
  const target = existing ?? { terms, expansions: [], products: [] };
  for (const expansion of expansions) {
    if (expansion.length > 0 && keyOf(expansion) !== keyOf(terms) && !target.expansions.some((e) => keyOf(e) === keyOf(expansion)))
      target.expansions.push(expansion);
  }
  for (const id of products) if (!target.products.includes(id)) target.products.push(id);
  if (!existing) {
    list.push(target);
    list.sort((a, b) => b.terms.length - a.terms.length);
    table.set(terms[0]!, list);
  }
}

const lines = (text: string): string[] =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("//"));

let englishTable: PhraseTable | undefined;
let spanishTable: PhraseTable | undefined;
const catalogTables = new WeakMap<Catalog, PhraseTable>();

/** English synonym sets and one-way expansions. */
export function englishPhrases(): PhraseTable {
  if (englishTable) return englishTable;
  const table: PhraseTable = new Map();
  for (const line of lines(SYNONYM_SETS)) {
    const phrases = line
      .split(",")
      .map((p) => phraseTerms(p, "en"))
      .filter((t) => t.length > 0);
    for (const phrase of phrases) addEntry(table, phrase, phrases);
  }
  for (const line of lines(ONE_WAY)) {
    const [left, right] = line.split(":");
    if (!left || !right) continue;
    addEntry(
      table,
      phraseTerms(left, "en"),
      right.split(",").map((p) => phraseTerms(p, "en")),
    );
  }
  return (englishTable = table);
}

/** The Spanish plural of a word ("perfil" → "perfiles", "obligatorio" → "obligatorios"). */
function spanishPlural(word: string): string {
  if (/[aeiouáéó]$/.test(word)) return `${word}s`;
  if (word.endsWith("z")) return `${word.slice(0, -1)}ces`;
  return `${word}es`;
}

function addTranslation(table: PhraseTable, terms: string[], translations: string[][]): void {
  if (terms.length === 0) return;
  // addEntry drops an expansion equal to the key; a translation must survive even then
  // ("audio" = "audio"), so translations are stored as given.
  const list = table.get(terms[0]!) ?? [];
  const existing = list.find((e) => keyOf(e.terms) === keyOf(terms));
  if (existing) existing.expansions.push(...translations.filter((t) => !existing.expansions.some((e) => keyOf(e) === keyOf(t))));
  else list.push({ terms, expansions: [...translations], products: [] });
  list.sort((a, b) => b.terms.length - a.terms.length);
  table.set(terms[0]!, list);
}

/** Spanish phrases (keyed by Spanish stems) with their English translations. */
export function spanishPhrases(): PhraseTable {
  if (spanishTable) return spanishTable;
  const table: PhraseTable = new Map();
  for (const line of lines(`${SPANISH_ENGLISH}\n${SPANISH_ACTIONS}`)) {
    const [left, right] = line.split("=");
    if (!left || !right) continue;
    // A translation keeps what survives analysis ("sign in" → "sign"): unlike a synonym it is
    // the only English the question has for that word.
    const translations = right
      .split("|")
      .map((p) => termsOf(p, "en"))
      .filter((t) => t.length > 0);
    const terms = termsOf(left, "es");
    addTranslation(table, terms, translations);
    // The stemmer does not always give a plural the singular's stem ("obligatorios" →
    // "obligatori", "obligatorio" → "obligator"): the plural phrase is keyed too.
    const plural = termsOf(left.trim().split(/\s+/).map(spanishPlural).join(" "), "es");
    if (plural.length === terms.length && keyOf(plural) !== keyOf(terms)) addTranslation(table, plural, translations);
  }
  return (spanishTable = table);
}

/** Catalog model names and aliases as synonym sets that also name the model. */
export function catalogPhrases(catalog: Catalog | undefined): PhraseTable {
  if (!catalog) return new Map();
  const cached = catalogTables.get(catalog);
  if (cached) return cached;
  const table: PhraseTable = new Map();
  for (const model of catalog.models) {
    // An alias the analysis shortens ("room s" → "room") would make a common word name a model.
    const phrases = [model.name, ...model.aliases]
      .map((p) => ({ words: p.trim().split(/[\s-]+/).length, terms: termsOf(p, "en") }))
      .filter((p) => p.terms.length > 0 && p.terms.length >= p.words)
      .map((p) => p.terms);
    for (const phrase of phrases) addEntry(table, phrase, phrases, [model.id]);
  }
  catalogTables.set(catalog, table);
  return table;
}

/** Longest entry of the table matching `terms` at `start`, if any. */
export function matchAt(table: PhraseTable, terms: string[], start: number): PhraseEntry | undefined {
  const candidates = table.get(terms[start]!);
  if (!candidates) return undefined;
  return candidates.find((entry) => entry.terms.every((t, i) => terms[start + i] === t));
}
