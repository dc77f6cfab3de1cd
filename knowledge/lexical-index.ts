/**
 * The in-memory lexical index: BM25F over three fields (document title, section heading, body)
 * plus adjacent-word pairs for proximity, with the field-weighted term frequency precomputed per
 * posting so a query is a few array walks. Built from chunks at load; never written to disk —
 * the database holds the chunks, this is a cache derived from them.
 */
import { analyze, type Term } from "./analysis/tokenize.ts";
import type { Language } from "../core/vocabulary.ts";

/** What the index needs from a chunk. */
export interface IndexableChunk {
  title: string;
  /** The heading plus its parent heading, as one field. */
  headingText: string;
  text: string;
  language: Language;
}

/** BM25F parameters; the defaults were set on held-out questions, see the module notes. */
export interface FieldWeights {
  title: number;
  heading: number;
  body: number;
  bTitle: number;
  bHeading: number;
  bBody: number;
  k1: number;
}

export const DEFAULT_WEIGHTS: FieldWeights = { title: 2.0, heading: 2.5, body: 1, bTitle: 0.4, bHeading: 0.4, bBody: 0.75, k1: 1.2 };

/** The key under which the pair (a, b) of adjacent terms is indexed. */
export const pairKey = (a: string, b: string): string => `${a}\u0001${b}`;

type FieldTerms = [Term[], Term[], Term[]];

/** Adjacent pairs of a field's terms (one stop word in between still counts as adjacent). */
function pairs(terms: Term[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < terms.length; i++) if (terms[i]!.pos - terms[i - 1]!.pos <= 2) out.push(pairKey(terms[i - 1]!.term, terms[i]!.term));
  return out;
}

/** A BM25F index over a fixed list of units (chunks or whole documents). */
export class LexicalIndex {
  readonly size: number;
  // Postings in one flat layout (term id → [start, end) in `units`/`tf`): a few large typed
  // arrays instead of ~100k small objects keeps garbage-collection pauses out of query latency.
  private readonly termIds = new Map<string, number>();
  private readonly starts: Int32Array;
  private readonly units: Int32Array;
  private readonly tfs: Float32Array;
  private readonly idfs: Float64Array;
  /** Every surface word seen, for spelling correction and "unknown word" checks. */
  readonly words = new Map<string, number>();
  private readonly weights: FieldWeights;

  constructor(units: IndexableChunk[], weights: FieldWeights = DEFAULT_WEIGHTS, documentOf?: ArrayLike<number>) {
    this.size = units.length;
    this.weights = weights;
    const analyzed: FieldTerms[] = units.map((u) => [
      analyze(u.title, u.language),
      analyze(u.headingText, u.language),
      analyze(u.text, u.language),
    ]);
    const avg = [0, 1, 2].map((f) => analyzed.reduce((sum, a) => sum + a[f as 0]!.length, 0) / Math.max(1, units.length) || 1);
    const fieldWeight = [weights.title, weights.heading, weights.body];
    const fieldB = [weights.bTitle, weights.bHeading, weights.bBody];
    const lists = new Map<string, { units: number[]; tf: number[] }>();

    analyzed.forEach((fields, unit) => {
      const tf = new Map<string, number>();
      fields.forEach((terms, f) => {
        const norm = fieldWeight[f]! / (1 - fieldB[f]! + (fieldB[f]! * terms.length) / avg[f]!);
        for (const t of terms) {
          tf.set(t.term, (tf.get(t.term) ?? 0) + norm);
          this.words.set(t.word, (this.words.get(t.word) ?? 0) + 1);
        }
        for (const p of pairs(terms)) tf.set(p, (tf.get(p) ?? 0) + norm);
      });
      for (const [term, value] of tf) {
        let list = lists.get(term);
        if (!list) lists.set(term, (list = { units: [], tf: [] }));
        list.units.push(unit);
        list.tf.push(value);
      }
    });
    // With documents given, rarity is the mean of chunk and document rarity: a term repeated
    // across the many chunks of one long page is still rare in the corpus.
    const documents = documentOf ? new Set(Array.from(documentOf)).size : this.size;
    const bm25Idf = (n: number, df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));
    let total = 0;
    for (const list of lists.values()) total += list.units.length;
    this.starts = new Int32Array(lists.size + 1);
    this.units = new Int32Array(total);
    this.tfs = new Float32Array(total);
    this.idfs = new Float64Array(lists.size);
    let at = 0;
    for (const [term, list] of lists) {
      const id = this.termIds.size;
      this.termIds.set(term, id);
      this.starts[id] = at;
      this.units.set(list.units, at);
      this.tfs.set(list.tf, at);
      at += list.units.length;
      const df = list.units.length;
      const docDf = documentOf ? new Set(list.units.map((u) => documentOf[u]!)).size : df;
      this.idfs[id] = documentOf ? (bm25Idf(this.size, df) + bm25Idf(documents, docDf)) / 2 : bm25Idf(this.size, df);
    }
    this.starts[lists.size] = at;
  }

  /** Number of distinct indexed terms (pairs included). */
  get termCount(): number {
    return this.termIds.size;
  }

  /** Inverse document frequency of a term, or undefined when no unit has it. */
  idf(term: string): number | undefined {
    const id = this.termIds.get(term);
    return id === undefined ? undefined : this.idfs[id];
  }

  /** Number of units holding the term. */
  df(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.starts[id + 1]! - this.starts[id]!;
  }

  /** Adds `weight × BM25(term)` for every unit holding the term into `scores`. */
  accumulate(term: string, weight: number, scores: Float64Array): void {
    const id = this.termIds.get(term);
    if (id === undefined) return;
    const k1 = this.weights.k1;
    const scale = weight * this.idfs[id]! * (k1 + 1);
    const { units, tfs } = this;
    for (let i = this.starts[id]!, end = this.starts[id + 1]!; i < end; i++) scores[units[i]!]! += (scale * tfs[i]!) / (k1 + tfs[i]!);
  }

  /** True when the unit contains the term (binary search in the sorted postings). */
  has(term: string, unit: number): boolean {
    const id = this.termIds.get(term);
    if (id === undefined) return false;
    let lo = this.starts[id]!;
    let hi = this.starts[id + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const value = this.units[mid]!;
      if (value === unit) return true;
      if (value < unit) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}
