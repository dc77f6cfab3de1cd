/**
 * Ranks sections for a parsed question: BM25F over chunks, a proximity bonus for the question's
 * adjacent word pairs, and a share of the whole document's score (a section of the page that is
 * about the question beats a stray mention elsewhere). Sub-chunks of a section collapse into the
 * section, since a result is identified by (path, heading).
 */
import { headingKey } from "./markdown.ts";
import { DEFAULT_WEIGHTS, LexicalIndex, pairKey, type FieldWeights } from "./lexical-index.ts";
import type { ParsedQuery, QueryGroup } from "./query.ts";
import { createSpeller, type Speller } from "./speller.ts";
import type { Language } from "../core/vocabulary.ts";

/** A chunk as the search holds it in memory. */
export interface MemoryChunk {
  id: string;
  path: string;
  title: string;
  heading: string;
  /** The `##` heading above a `###` section, when there is one. */
  parentHeading?: string | undefined;
  sectionPath: string;
  /** Link to the section (document link + anchor), or null when the document has none. */
  link: string | null;
  text: string;
  products: string[];
  language: Language;
  embedding?: Float32Array | undefined;
}

/** A ranked section: its best chunk and score. */
export interface RankedSection {
  chunk: number;
  /** Section number (chunks of one (path, heading) share it). */
  section: number;
  score: number;
}

/** Tunable ranking constants. */
export interface RankingOptions {
  pairWeight: number;
  documentWeight: number;
  productBoost: number;
  /** Re-ranking: score × coverage^exponent, where coverage is the rarity-weighted share of the
   * question's concepts the chunk holds (BM25 alone lets one rare word outrank the whole question). */
  coverageExponent: number;
}

export const DEFAULT_RANKING: RankingOptions = { pairWeight: 0.7, documentWeight: 0.7, productBoost: 1.3, coverageExponent: 0.5 };

/** How many top sections the coverage re-ranking looks at. */
const RERANK_DEPTH = 60;

/** The search structures built from a list of chunks. */
export class Searcher {
  readonly chunks: MemoryChunk[];
  readonly index: LexicalIndex;
  private readonly documents: LexicalIndex;
  private readonly documentOf: Int32Array;
  private readonly sectionOf: Int32Array;
  readonly speller: Speller;
  private readonly ranking: RankingOptions;
  private readonly buffers: { sectionScore: Float64Array; sectionChunk: Int32Array; candidates: Int32Array };

  constructor(chunks: MemoryChunk[], ranking: RankingOptions = DEFAULT_RANKING, weights: FieldWeights = DEFAULT_WEIGHTS) {
    this.chunks = chunks;
    this.ranking = ranking;
    const docIds = new Map<string, number>();
    const sectionIds = new Map<string, number>();
    const docText: Array<{ title: string; headings: string[]; text: string[]; language: Language }> = [];
    this.documentOf = new Int32Array(chunks.length);
    this.sectionOf = new Int32Array(chunks.length);
    chunks.forEach((c, i) => {
      let d = docIds.get(c.path);
      if (d === undefined) {
        docIds.set(c.path, (d = docText.length));
        docText.push({ title: c.title, headings: [], text: [], language: c.language });
      }
      const doc = docText[d]!;
      if (doc.headings[doc.headings.length - 1] !== c.heading) doc.headings.push(c.heading);
      doc.text.push(c.text);
      this.documentOf[i] = d;
      const key = `${c.path}\u0000${headingKey(c.heading)}`;
      let s = sectionIds.get(key);
      if (s === undefined) sectionIds.set(key, (s = sectionIds.size));
      this.sectionOf[i] = s;
    });
    this.index = new LexicalIndex(
      chunks.map((c) => ({ title: c.title, headingText: `${c.heading} ${c.parentHeading ?? ""}`, text: c.text, language: c.language })),
      weights,
      this.documentOf,
    );
    this.documents = new LexicalIndex(
      docText.map((d) => ({ title: d.title, headingText: d.headings.join(" \n "), text: d.text.join("\n"), language: d.language })),
      weights,
    );
    this.speller = createSpeller(this.index.words, (term) => this.index.df(term) > 0);
    const sections = sectionIds.size;
    this.buffers = {
      sectionScore: new Float64Array(sections),
      sectionChunk: new Int32Array(sections),
      candidates: new Int32Array(sections),
    };
  }

  /** Sections ranked for the question, best first; `allow` filters chunks (product filter). */
  rank(query: ParsedQuery, limit: number, allow?: (chunk: MemoryChunk) => boolean): RankedSection[] {
    const chunkScores = scoreGroups(this.index, query);
    if (this.ranking.documentWeight > 0) {
      const docScores = scoreGroups(this.documents, query);
      for (let i = 0; i < chunkScores.length; i++)
        if (chunkScores[i]! > 0) chunkScores[i]! += this.ranking.documentWeight * docScores[this.documentOf[i]!]!;
    }
    if (query.products.length > 0) {
      chunkScores.forEach((score, i) => {
        if (score > 0 && this.chunks[i]!.products.some((p) => query.products.includes(p)))
          chunkScores[i] = score * this.ranking.productBoost;
      });
    }
    for (const [a, b] of query.pairs) this.index.accumulate(pairKey(a, b), this.ranking.pairWeight, chunkScores);

    // Best chunk per section, in reused typed arrays: most chunks score above zero for common
    // words, and an object per chunk per question showed up as garbage-collection pauses.
    const { sectionScore, sectionChunk, candidates } = this.buffers;
    sectionScore.fill(0);
    for (let i = 0; i < chunkScores.length; i++) {
      const score = chunkScores[i]!;
      if (score <= 0 || (allow && !allow(this.chunks[i]!))) continue;
      const section = this.sectionOf[i]!;
      if (score > sectionScore[section]!) {
        sectionScore[section] = score;
        sectionChunk[section] = i;
      }
    }
    let n = 0;
    for (let section = 0; section < sectionScore.length; section++) if (sectionScore[section]! > 0) candidates[n++] = section;
    const order = candidates.subarray(0, n).sort((a, b) => sectionScore[b]! - sectionScore[a]! || sectionChunk[a]! - sectionChunk[b]!);
    let ranked: RankedSection[] = Array.from(order.subarray(0, Math.max(limit, RERANK_DEPTH)), (section) => ({
      chunk: sectionChunk[section]!,
      section,
      score: sectionScore[section]!,
    }));
    if (this.ranking.coverageExponent > 0 && query.groups.length > 1) {
      const weights = query.groups.map((g) => this.groupIdf(g));
      const total = weights.reduce((a, b) => a + b, 0) || 1;
      ranked = ranked.slice(0, RERANK_DEPTH).map((r) => {
        const matched = this.matchedGroups(query, r.chunk);
        const coverage = weights.reduce((sum, w, i) => sum + (matched[i] ? w : 0), 0) / total;
        return { ...r, score: r.score * Math.pow(Math.max(coverage, 0.05), this.ranking.coverageExponent) };
      });
      ranked.sort((a, b) => b.score - a.score || a.chunk - b.chunk);
    }
    return ranked.slice(0, limit);
  }

  /** The section number of a chunk. */
  sectionOfChunk(chunk: number): number {
    return this.sectionOf[chunk]!;
  }

  /** Which of the question's groups the chunk matches (any alternative with all its terms). */
  matchedGroups(query: ParsedQuery, chunk: number): boolean[] {
    return query.groups.map((g) => g.alts.some((alt) => alt.terms.every((t) => this.index.has(t, chunk))));
  }

  /** Which groups occur anywhere in the corpus. */
  knownGroups(query: ParsedQuery): boolean[] {
    return query.groups.map((g) => g.alts.some((alt) => alt.terms.every((t) => this.index.df(t) > 0)));
  }

  /** The strongest inverse document frequency among a group's alternatives (its rarity). */
  groupIdf(group: QueryGroup): number {
    let best = 0;
    for (const alt of group.alts) for (const t of alt.terms) best = Math.max(best, (this.index.idf(t) ?? 0) * alt.weight);
    return best;
  }
}

// Scratch buffers reused across queries (scoring is synchronous): allocating three arrays per
// index per question showed up as garbage-collection pauses in the latency tail.
// The returned array is one of them too: callers use it before the next query.
const scratch = new WeakMap<LexicalIndex, { total: Float64Array; best: Float64Array; alt: Float64Array }>();

/** Σ over groups of the best alternative's BM25F score, for every unit of the index. */
function scoreGroups(index: LexicalIndex, query: ParsedQuery): Float64Array {
  let buffers = scratch.get(index);
  if (!buffers)
    scratch.set(
      index,
      (buffers = { total: new Float64Array(index.size), best: new Float64Array(index.size), alt: new Float64Array(index.size) }),
    );
  const { total, best, alt } = buffers;
  total.fill(0);
  for (const group of query.groups) {
    if (group.alts.length === 1) {
      for (const t of group.alts[0]!.terms) index.accumulate(t, group.alts[0]!.weight, total);
      continue;
    }
    best.fill(0);
    for (const a of group.alts) {
      alt.fill(0);
      for (const t of a.terms) index.accumulate(t, a.weight, alt);
      for (let i = 0; i < alt.length; i++) if (alt[i]! > best[i]!) best[i] = alt[i]!;
    }
    for (let i = 0; i < best.length; i++) total[i]! += best[i]!;
  }
  return total;
}
