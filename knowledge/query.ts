/**
 * Turns a question into weighted term groups for the ranker. Each group is one concept of the
 * question ("factory reset", "mtr") with alternatives: its own words, synonyms, translations of a
 * Spanish word, or a spelling correction. The ranker scores a group by its best alternative, so
 * a passage saying both "MTR" and "Teams Rooms" is not counted twice.
 */
import type { Catalog } from "../core/catalog.ts";
import { detectLanguage } from "../core/text/language.ts";
import { analyze, isStopword, stem } from "./analysis/tokenize.ts";
import type { Language } from "../core/vocabulary.ts";
import { catalogPhrases, englishPhrases, matchAt, spanishPhrases } from "./lexicon/compile.ts";
import { isCommonWordTypo, isGeneralWord } from "./lexicon/general.ts";
import { productsInText } from "./products.ts";
import { reversedCompound, spanishSlots, type Slot } from "./spanish-query.ts";
import type { Speller } from "./speller.ts";

/** One way of matching a concept: analyzed terms and a weight (1 = the user's own words). */
export interface QueryAlt {
  terms: string[];
  weight: number;
  /** A spelling correction: a guess, which may turn an unknown name into a corpus word. */
  corrected?: boolean;
}

/** A concept of the question. */
export interface QueryGroup {
  /** The user's words for it, for explanations and coverage. */
  label: string;
  alts: QueryAlt[];
  /**
   * A Spanish word the bilingual lexicon does not know, passed through as is. When the corpus
   * does not know it either, it is more likely untranslated Spanish than an unknown product.
   */
  untranslated?: boolean;
  /** Every word of it is general language ("awful", "guys", "instead"): how, not what. */
  general?: boolean;
}

/** A parsed question. */
export interface ParsedQuery {
  text: string;
  language: Language;
  groups: QueryGroup[];
  /** Adjacent-term pairs of the question, for the proximity bonus. */
  pairs: Array<[string, string]>;
  /** Catalog models the question names. */
  products: string[];
}

/**
 * How much a general-language word counts ("it shows", "the guys", "awful"): they still count —
 * sometimes they are the point — but at a fraction (see lexicon/general.ts).
 */
const GENERAL_WEIGHT = 0.35;

/** How much a synonym counts next to the user's own word; a translation counts fully. */
export const SYNONYM_WEIGHT = 0.6;
const SPELLING_WEIGHT = 0.8;
/** Questions are cut here: a pasted log of 5,000 characters is not 800 concepts. */
const MAX_QUERY_CHARS = 600;
const MAX_GROUPS = 24;

/** Parses a question; `speller` corrects words the index has never seen. */
export function parseQuery(
  question: string,
  options: { catalog?: Catalog | undefined; speller?: Speller | undefined; language?: Language | undefined },
): ParsedQuery {
  const text = question.slice(0, MAX_QUERY_CHARS);
  const language = options.language ?? detectLanguage(text);
  const slots: Slot[] =
    language === "es"
      ? spanishSlots(text, spanishPhrases())
      : analyze(text, "en").map((t) => ({ word: t.word, primary: [t.term], alts: [] }));

  // Models named in the question: catalog aliases matched as phrases below, plus full-text
  // matches of names the analysis would shorten ("room s").
  const products = new Set<string>(productsInText(options.catalog, text));
  const groups: QueryGroup[] = [];
  const tables = [catalogPhrases(options.catalog), englishPhrases()];

  for (let i = 0; i < slots.length && groups.length < MAX_GROUPS;) {
    // Synonym phrases are matched over a run of one-term slots (a translated phrase is one slot).
    const run: string[] = [];
    for (let j = i; j < slots.length && slots[j]!.primary.length === 1; j++) run.push(slots[j]!.primary[0]!);
    // A Spanish compound read in English order beats a one-word phrase at the same place
    // ("sala de conferencias" is "conference room", not "room" and "conference").
    const reversed = language === "es" ? reversedCompound(slots, i, tables) : undefined;
    let matched = false;
    for (const table of tables) {
      const entry = run.length > 0 ? matchAt(table, run, 0) : undefined;
      // The phrase must span at least the slots the compound does.
      if (!entry || (reversed && entry.terms.length < reversed.slots)) continue;
      const span = slots.slice(i, i + entry.terms.length);
      entry.products.forEach((p) => products.add(p));
      const general = span.every((s) => isGeneral(s.word, language));
      const scale = general ? GENERAL_WEIGHT : 1;
      const alts = [
        { terms: entry.terms, weight: 1 },
        ...span.flatMap((s) => s.alts),
        ...entry.expansions.map((terms) => ({ terms, weight: SYNONYM_WEIGHT })),
      ];
      groups.push({
        label: span.map((s) => s.word).join(" "),
        alts: alts.map((a) => ({ ...a, weight: a.weight * scale })),
        ...(general ? { general } : {}),
      });
      i += entry.terms.length;
      matched = true;
      break;
    }
    if (matched) continue;
    if (reversed) {
      const { entry, slots: length } = reversed;
      entry.products.forEach((p) => products.add(p));
      const span = slots.slice(i, i + length);
      groups.push({
        label: span.map((s) => s.word).join(" "),
        alts: [{ terms: entry.terms, weight: 1 }, ...entry.expansions.map((terms) => ({ terms, weight: SYNONYM_WEIGHT }))],
      });
      i += length;
      continue;
    }
    const slot = slots[i]!;
    const general = isGeneral(slot.word, language);
    const own = general ? GENERAL_WEIGHT : 1;
    const alts: QueryAlt[] = [{ terms: slot.primary, weight: own }, ...slot.alts.map((a) => ({ ...a, weight: Math.min(a.weight, own) }))];
    const entry = slot.primary.length > 1 ? matchAt(englishPhrases(), slot.primary, 0) : undefined;
    if (entry?.terms.length === slot.primary.length) alts.push(...entry.expansions.map((terms) => ({ terms, weight: SYNONYM_WEIGHT })));
    const known = alts.some((alt) => alt.terms.every((t) => options.speller?.knows(t) ?? true));
    if (!known && !general && isTypoOfCommonWord(slot.word)) {
      // "teh", "evry": a mistyped common word, not a topic the corpus lacks.
      groups.push({ label: slot.word, alts: alts.map((a) => ({ ...a, weight: a.weight * GENERAL_WEIGHT })), general: true });
      i++;
      continue;
    }
    if (!known && options.speller) {
      for (const fix of options.speller.correct(slot.word))
        alts.push({ terms: [stem(fix, "en")], weight: SPELLING_WEIGHT * own, corrected: true });
    }
    groups.push({ label: slot.word, alts, ...(slot.untranslated ? { untranslated: true } : {}), ...(general ? { general } : {}) });
    i++;
  }

  const pairs: Array<[string, string]> = [];
  for (let i = 1; i < slots.length; i++) {
    const a = slots[i - 1]!.primary;
    const b = slots[i]!.primary;
    pairs.push([a[a.length - 1]!, b[0]!]);
  }
  return { text, language, groups: dedupe(groups), pairs, products: [...products] };
}

// Unknown words recur (typos, names): remember the answer instead of rebuilding candidates.
const typoMemo = new Map<string, boolean>();

/** A mistyped stop word or general word ("teh", "evry"), remembered per word. */
function isTypoOfCommonWord(word: string): boolean {
  let typo = typoMemo.get(word);
  if (typo === undefined) {
    typo = isCommonWordTypo(word, (w) => isStopword(w, "en") || isGeneralWord(w, "en"));
    if (typoMemo.size > 10_000) typoMemo.clear();
    typoMemo.set(word, typo);
  }
  return typo;
}

/** A slot's words (one, or a translated phrase) are all general language. */
function isGeneral(words: string, language: Language): boolean {
  return words.split(" ").every((w) => isGeneralWord(w, language));
}

/** The same concept asked twice ("reset ... reset") counts once. */
function dedupe(groups: QueryGroup[]): QueryGroup[] {
  const seen = new Set<string>();
  return groups.filter((g) => {
    const key = g.alts[0]!.terms.join(" ");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
