/**
 * Knowledge search — the public interface. The chat layer calls `answer()` and renders the cited
 * passages with "that helped" / "open a case" buttons (→ `recordFeedback`); triage calls it to
 * propose fixes. The database holds documents and chunks; each process keeps an in-memory index
 * built from them and reloads it when the version stamp changes (another replica ingested).
 *
 * Flow: ingestDirectory (files → chunks → rows, bump version) · openKnowledgeBase (rows →
 * Searcher) · answer (parse → rank → weigh evidence → passages [→ grounded LLM text]).
 */
import type { Catalog } from "../core/catalog.ts";
import type { LanguageModel } from "../core/llm.ts";
import type { Database } from "../db/client.ts";
import { newId } from "../db/ids.ts";
import type { Passage } from "./answer.ts";
import { KnowledgeEngine, type AnswerOptions, type KnowledgeAnswer, type SearchOptions } from "./engine.ts";
import type { KnowledgeLogger } from "./ingest.ts";
import { loadDirectoryChunks } from "./memory.ts";
import type { MemoryChunk } from "./searcher.ts";
import { loadStoredChunks, readVersion } from "./store.ts";

export type { Passage } from "./answer.ts";
export { renderAnswerText } from "./answer.ts";
export type { AnswerOptions, KnowledgeAnswer, SearchOptions, Retrieval } from "./engine.ts";
export { KnowledgeEngine } from "./engine.ts";
export type { IngestOptions, IngestReport, KnowledgeLogger } from "./ingest.ts";
export { ingestDirectory } from "./ingest.ts";
export type { KnowledgeSource, ReindexOutcome } from "./sources.ts";
export { listSources, reindexSources, removeSource, syncKnowledgeDirectory } from "./sources.ts";
export type { MemoryChunk } from "./searcher.ts";

/** A person's verdict on an answer ("that helped" / "open a case"). */
export interface KnowledgeFeedbackInput {
  query: string;
  /** The passage the verdict is about, when it is about one. */
  chunkId?: string | null | undefined;
  helpful: boolean;
  personId?: string | null | undefined;
}

/** Size and freshness of the loaded index. */
export interface KnowledgeStats {
  documents: number;
  chunks: number;
  terms: number;
  version: string | undefined;
  loadedAt: Date;
  hybrid: boolean;
}

/** Search and answers over the documentation. */
export interface KnowledgeBase {
  /** Ranked passages, best first, whatever the evidence (lexical; synchronous). */
  search(question: string, options?: SearchOptions): Passage[];
  /** Cited passages, or an abstention; a grounded text when a language model is configured. */
  answer(question: string, options?: AnswerOptions): Promise<KnowledgeAnswer>;
  /** Stores a verdict on an answer. */
  recordFeedback(input: KnowledgeFeedbackInput): Promise<void>;
  /** Reloads the index when the stored version changed; true when it reloaded. */
  refresh(): Promise<boolean>;
  stats(): KnowledgeStats;
}

/** Options of the database-backed knowledge base. */
export interface KnowledgeBaseOptions {
  catalog?: Catalog | undefined;
  llm?: LanguageModel | undefined;
  logger?: KnowledgeLogger | undefined;
  /** How often `answer()` checks the version stamp (ms); 0 disables the automatic check. */
  versionCheckMs?: number;
}

function statsOf(engine: KnowledgeEngine, version: string | undefined, loadedAt: Date): KnowledgeStats {
  const chunks = engine.searcher.chunks;
  return {
    documents: new Set(chunks.map((c) => c.path)).size,
    chunks: chunks.length,
    terms: engine.searcher.index.termCount,
    version,
    loadedAt,
    hybrid: engine.hybrid,
  };
}

/** Opens the knowledge base stored in the database (an empty index when nothing was ingested). */
export async function openKnowledgeBase(db: Database, options: KnowledgeBaseOptions = {}): Promise<KnowledgeBase> {
  const build = async () => {
    const version = await readVersion(db);
    const engine = new KnowledgeEngine(await loadStoredChunks(db), { catalog: options.catalog, llm: options.llm });
    return { engine, version, loadedAt: new Date() };
  };
  let state = await build();
  let lastCheck = Date.now();
  const checkEvery = options.versionCheckMs ?? 5_000;

  const refresh = async (): Promise<boolean> => {
    lastCheck = Date.now();
    if ((await readVersion(db)) === state.version) return false;
    state = await build();
    options.logger?.info({ chunks: state.engine.searcher.chunks.length, version: state.version }, "knowledge index reloaded");
    return true;
  };

  return {
    search: (question, searchOptions) => state.engine.search(question, searchOptions),
    async answer(question, answerOptions) {
      if (checkEvery > 0 && Date.now() - lastCheck >= checkEvery) {
        // A failed check must not cost the answer; the next call tries again.
        await refresh().catch((error: Error) => options.logger?.warn({ err: error.message }, "knowledge version check failed"));
      }
      return state.engine.answer(question, answerOptions);
    },
    async recordFeedback(input) {
      await db.prisma.knowledgeFeedback.create({
        data: {
          id: newId(),
          query: input.query.slice(0, 2000),
          chunkId: input.chunkId ?? null,
          helpful: input.helpful,
          personId: input.personId ?? null,
          createdAt: new Date(),
        },
      });
    },
    refresh,
    stats: () => statsOf(state.engine, state.version, state.loadedAt),
  };
}

/** A knowledge base over chunks held in memory only (no database); feedback is kept in memory. */
export function createMemoryKnowledgeBase(
  chunks: MemoryChunk[],
  options: { catalog?: Catalog | undefined; llm?: LanguageModel | undefined } = {},
): KnowledgeBase & { feedback: KnowledgeFeedbackInput[]; engine: KnowledgeEngine } {
  const engine = new KnowledgeEngine(chunks, options);
  const loadedAt = new Date();
  const feedback: KnowledgeFeedbackInput[] = [];
  return {
    engine,
    feedback,
    search: (question, searchOptions) => engine.search(question, searchOptions),
    answer: (question, answerOptions) => engine.answer(question, answerOptions),
    recordFeedback: async (input) => void feedback.push(input),
    refresh: async () => false,
    stats: () => statsOf(engine, undefined, loadedAt),
  };
}

/** Builds an in-memory knowledge base straight from a folder (what `kb eval` uses). */
export async function buildMemoryKnowledgeBase(
  dir: string,
  options: { catalog?: Catalog | undefined; llm?: LanguageModel | undefined; maxBytes?: number } = {},
): Promise<ReturnType<typeof createMemoryKnowledgeBase> & { skipped: Array<{ path: string; reason: string }> }> {
  const { chunks, skipped } = await loadDirectoryChunks(dir, options);
  return { ...createMemoryKnowledgeBase(chunks, options), skipped };
}
