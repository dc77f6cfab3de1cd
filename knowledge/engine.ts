/**
 * The search-and-answer pipeline over one in-memory snapshot of the chunks: parse the question,
 * rank sections, weigh the evidence, cite passages, and optionally fuse embedding similarity and
 * write a grounded answer with the language model. Storage-agnostic: the database-backed
 * knowledge base swaps snapshots in and out of it.
 */
import type { Catalog } from "../core/catalog.ts";
import type { LanguageModel } from "../core/llm.ts";
import type { Language } from "../core/vocabulary.ts";
import { weighEvidence, type Evidence } from "./abstention.ts";
import { groundedAnswer, toPassage, type Passage } from "./answer.ts";
import { fuseRankings, semanticRanking } from "./hybrid.ts";
import { parseQuery, type ParsedQuery } from "./query.ts";
import { Searcher, type MemoryChunk, type RankedSection } from "./searcher.ts";

/** Options of a search. */
export interface SearchOptions {
  /** Catalog model ids: keep passages tagged with one of them, plus untagged (general) ones. */
  products?: string[] | undefined;
  limit?: number | undefined;
}

/** Options of an answer. */
export interface AnswerOptions extends SearchOptions {
  /** Language of the reply; guessed from the question when omitted. */
  language?: Language | undefined;
}

/** An answer: cited passages, or an abstention ("I couldn't find this"). */
export interface KnowledgeAnswer {
  status: "answered" | "abstained";
  query: string;
  /** The passages to cite (empty when abstained). */
  passages: Passage[];
  /** A grounded answer written by the language model from the passages, when one is configured. */
  text?: string | undefined;
  /** 0..1: how well the best passage covers the question. */
  confidence: number;
  language: Language;
  /** Why it abstained, in words safe to log. */
  reason?: string | undefined;
}

/** The full outcome of a retrieval, for evaluation and diagnostics. */
export interface Retrieval {
  query: ParsedQuery;
  ranked: RankedSection[];
  evidence: Evidence;
}

/** How many passages an answer cites at most. */
export const ANSWER_PASSAGES = 3;
/** A further passage is cited only when it scores at least this share of the best one. */
const CITE_RATIO = 0.6;

/** Search and answer over a fixed list of chunks. */
export class KnowledgeEngine {
  readonly searcher: Searcher;
  private readonly catalog: Catalog | undefined;
  private readonly llm: LanguageModel | undefined;

  constructor(
    chunks: MemoryChunk[],
    options: { catalog?: Catalog | undefined; llm?: LanguageModel | undefined; searcher?: Searcher } = {},
  ) {
    this.searcher = options.searcher ?? new Searcher(chunks);
    this.searcher.speller.warm();
    this.catalog = options.catalog;
    this.llm = options.llm;
  }

  /** Whether chunks carry embeddings, so answers can use hybrid ranking. */
  get hybrid(): boolean {
    return this.llm !== undefined && this.searcher.chunks.some((c) => c.embedding);
  }

  private filter(options: SearchOptions): ((chunk: MemoryChunk) => boolean) | undefined {
    const wanted = options.products?.filter(Boolean);
    if (!wanted || wanted.length === 0) return undefined;
    return (chunk) => chunk.products.length === 0 || chunk.products.some((p) => wanted.includes(p));
  }

  /** Parses, ranks and weighs the evidence (lexical only, synchronous). */
  retrieve(question: string, options: AnswerOptions = {}): Retrieval {
    const query = parseQuery(question, { catalog: this.catalog, speller: this.searcher.speller, language: undefined });
    const ranked = this.searcher.rank(query, Math.max(10, options.limit ?? 10), this.filter(options));
    return { query, ranked, evidence: weighEvidence(query, this.searcher, ranked) };
  }

  /** Ranked passages for a question, best first, whatever the evidence. */
  search(question: string, options: SearchOptions = {}): Passage[] {
    const { query, ranked } = this.retrieve(question, options);
    return ranked.slice(0, options.limit ?? 10).map((r) => toPassage(this.searcher.chunks[r.chunk]!, r.score, query));
  }

  /** Answers with cited passages, or abstains; uses the language model when configured. */
  async answer(question: string, options: AnswerOptions = {}): Promise<KnowledgeAnswer> {
    const retrieval = this.retrieve(question, options);
    const { query, evidence } = retrieval;
    let ranked = retrieval.ranked;
    const language = options.language ?? query.language;
    if (this.hybrid && this.llm && query.groups.length > 0) {
      const semantic = await semanticRanking(this.llm, this.searcher, question, this.filter(options));
      if (semantic) ranked = fuseRankings(ranked, semantic);
    }
    const base = { query: question, confidence: Math.round(evidence.confidence * 1000) / 1000, language };
    if (evidence.abstain) return { status: "abstained", passages: [], reason: evidence.reason, ...base };
    // Cite only passages in the same league as the best one: a weak third citation costs the
    // reader more than it adds.
    const best = ranked[0]?.score ?? 0;
    const top = ranked.slice(0, options.limit ?? ANSWER_PASSAGES).filter((r, i) => i === 0 || r.score >= CITE_RATIO * best);
    const passages = top.map((r) => toPassage(this.searcher.chunks[r.chunk]!, r.score, query));
    if (!this.llm) return { status: "answered", passages, ...base };
    const grounded = await groundedAnswer(
      this.llm,
      question,
      passages.map((p, i) => ({ ...p, text: this.searcher.chunks[top[i]!.chunk]!.text })),
      { language },
    );
    if (grounded.kind === "text") return { status: "answered", passages, text: grounded.text, ...base };
    if (grounded.kind === "no-answer")
      return {
        status: "abstained",
        passages: [],
        reason: "the passages found do not answer the question",
        ...base,
        confidence: Math.min(base.confidence, 0.4),
      };
    // The model failed: the passage answer stands on its own.
    return { status: "answered", passages, ...base };
  }
}
