/**
 * Knowledge search benchmark: warm query latency over the dev questions, full ingest of the
 * shared corpus into a temp SQLite database, a re-ingest with nothing changed, index size and
 * memory. Skipped (one row saying so) when ../shared is absent.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_CATALOG_FILE, loadCatalog } from "../core/catalog.ts";
import { openDatabase } from "../db/client.ts";
import { applyMigrations } from "../db/migrate.ts";
import { readQuestionSet } from "../knowledge/evaluation.ts";
import { ingestDirectory, openKnowledgeBase } from "../knowledge/index.ts";
import { indexSize } from "../knowledge/store.ts";
import { percentile, type BenchOptions, type BenchRow } from "./table.ts";

export const title = "knowledge search";

const SHARED = fileURLToPath(new URL("../../shared/", import.meta.url));
const CORPUS = path.join(SHARED, "corpus/teams-devices");
const QUESTIONS = path.join(SHARED, "eval/kb-dev.jsonl");

const row = (metric: string, value: number | string, unit?: string, target?: string, ok?: boolean): BenchRow => ({
  area: "knowledge",
  metric,
  value,
  unit,
  target,
  ok,
});

export async function run(options: BenchOptions): Promise<BenchRow[]> {
  if (!existsSync(CORPUS) || !existsSync(QUESTIONS)) return [row("skipped", "../shared corpus or questions absent")];
  const catalog = loadCatalog(DEMO_CATALOG_FILE);
  const dir = mkdtempSync(path.join(tmpdir(), "kb-bench-"));
  const url = `file:${path.join(dir, "bench.db")}`;
  try {
    await applyMigrations(url);
    const db = await openDatabase(url);
    try {
      const ingest = await ingestDirectory(db, CORPUS, { catalog });
      const again = await ingestDirectory(db, CORPUS, { catalog });
      const size = await indexSize(db);

      const before = process.memoryUsage();
      const loadStart = performance.now();
      const kb = await openKnowledgeBase(db, { catalog, versionCheckMs: 0 });
      const loadMs = performance.now() - loadStart;
      const after = process.memoryUsage();

      const questions = readQuestionSet(QUESTIONS).map((q) => q.q);
      const rounds = options.quick ? 2 : 10;
      for (const q of questions) await kb.answer(q); // warm-up: JIT and lazily built tables
      const times: number[] = [];
      for (let r = 0; r < rounds; r++) {
        for (const q of questions) {
          const started = performance.now();
          await kb.answer(q);
          times.push(performance.now() - started);
        }
      }
      const p50 = percentile(times, 50);
      const p99 = percentile(times, 99);
      return [
        row("query latency p50 (warm)", p50, "ms"),
        row("query latency p99 (warm)", p99, "ms", "≤ 3 ms", p99 <= 3),
        row("full ingest (151 docs → SQLite)", ingest.ms, "ms", "≤ 5,000 ms", ingest.ms <= 5_000),
        row("re-ingest, nothing changed", again.ms, "ms", "≤ 500 ms", again.ms <= 500),
        row("index load from database", loadMs, "ms"),
        row("index rows (documents / chunks)", `${size.documents} / ${size.chunks}`),
        row("stored chunk text", size.textBytes / 1024, "KiB"),
        row("distinct index terms", kb.stats().terms),
        // Without --expose-gc a collection may run during the load, so the heap figure is the
        // heap in use after loading rather than a delta; RSS growth is the process's real cost.
        row("heap used after load", after.heapUsed / 1024 / 1024, "MiB"),
        row("RSS growth during load", (after.rss - before.rss) / 1024 / 1024, "MiB"),
      ];
    } finally {
      await db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
