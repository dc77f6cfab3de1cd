/**
 * `npm run kb -- <command>`: ingest documents into the database, list, remove or reindex the
 * sources they came from, ask a question, or evaluate the search on a question file (KB.md metrics). Results go to stdout (one JSON object with --json),
 * logs to stderr; usage errors exit 2.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import pino from "pino";
import { DEMO_CATALOG_FILE, loadCatalog, type Catalog } from "../../core/catalog.ts";
import { createLanguageModel } from "../../core/llm.ts";
import { openDatabase } from "../../db/client.ts";
import { applyMigrations } from "../../db/migrate.ts";
import { evaluate, readQuestionSet, QuestionSetError } from "../../knowledge/evaluation.ts";
import {
  buildMemoryKnowledgeBase,
  ingestDirectory,
  listSources,
  openKnowledgeBase,
  reindexSources,
  removeSource,
  renderAnswerText,
} from "../../knowledge/index.ts";

const USAGE = `usage: npm run kb -- <command>

  ingest <dir|file>                      ingest Markdown, HTML, PDF and text files into DATABASE_URL
  sources [--json]                       list the folders in the index: documents, chunks, last ingest
  remove <folder> [--json]               take a folder's documents out of the index (the folder
                                         set in KNOWLEDGE_DIR comes back at the next start)
  reindex [--json]                       parse and chunk every document again from its folder
  ask "<question>" [--product ID] [--json]  answer from the stored index
  eval --set <file.jsonl> --docs <dir> [--json]
                                         index --docs in memory and print the KB.md metrics

environment: DATABASE_URL (default file:./data/switchboard.db), CATALOG_FILE, OPENAI_API_KEY,
OPENAI_BASE_URL, OPENAI_MODEL, OPENAI_EMBEDDING_MODEL, LOG_LEVEL`;

/** A usage problem: printed with the usage line, exit code 2. */
class UsageError extends Error {}

interface Parsed {
  command: string | undefined;
  positional: string[];
  flags: Map<string, string | true>;
}

function parseArgs(argv: string[]): Parsed {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--json" || arg === "--help" || arg === "-h") flags.set(arg === "-h" ? "--help" : arg, true);
    else if (arg.startsWith("--")) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith("--")) throw new UsageError(`${arg} needs a value`);
      flags.set(arg, value);
      i++;
    } else positional.push(arg);
  }
  return { command: positional.shift(), positional, flags };
}

const flag = (parsed: Parsed, name: string): string | undefined => {
  const value = parsed.flags.get(name);
  return typeof value === "string" ? value : undefined;
};

function requirePath(value: string | undefined, what: string, kind: "file" | "dir" | "any"): string {
  if (!value) throw new UsageError(`missing ${what}`);
  if (!existsSync(value)) throw new UsageError(`${what} not found: ${value}`);
  const isDir = statSync(value).isDirectory();
  if (kind === "file" && isDir) throw new UsageError(`${what} is a folder, expected a file: ${value}`);
  if (kind === "dir" && !isDir) throw new UsageError(`${what} is not a folder: ${value}`);
  return value;
}

function catalogFrom(env: NodeJS.ProcessEnv): Catalog {
  return loadCatalog(env.CATALOG_FILE || DEMO_CATALOG_FILE);
}

async function withDatabase<T>(env: NodeJS.ProcessEnv, run: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const url = env.DATABASE_URL || "file:./data/switchboard.db";
  await applyMigrations(url);
  const db = await openDatabase(url);
  try {
    return await run(db);
  } finally {
    await db.close();
  }
}

/** Runs the CLI; returns the exit code. `env` is read here and nowhere below. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const logger = pino({ level: env.LOG_LEVEL || "info", base: undefined }, pino.destination(2));
  const out = (text: string) => process.stdout.write(`${text}\n`);
  let parsed: Parsed;
  try {
    parsed = parseArgs(argv);
    if (parsed.flags.has("--help") || !parsed.command) {
      (parsed.command ? out : (t: string) => process.stderr.write(`${t}\n`))(USAGE);
      return parsed.command || parsed.flags.has("--help") ? 0 : 2;
    }
    const json = parsed.flags.has("--json");
    const llm = env.OPENAI_API_KEY
      ? createLanguageModel({
          apiKey: env.OPENAI_API_KEY,
          baseURL: env.OPENAI_BASE_URL,
          model: env.OPENAI_MODEL || "gpt-4o-mini",
          embeddingModel: env.OPENAI_EMBEDDING_MODEL,
        })
      : undefined;

    switch (parsed.command) {
      case "ingest": {
        const target = requirePath(parsed.positional[0], "folder or file to ingest", "any");
        const report = await withDatabase(env, (db) =>
          ingestDirectory(db, target, { catalog: catalogFrom(env), llm: env.OPENAI_EMBEDDING_MODEL ? llm : undefined, logger }),
        );
        if (json) out(JSON.stringify(report));
        else {
          if (report.busy) out("another process is ingesting right now; nothing done");
          for (const p of report.added) out(`added     ${p}`);
          for (const p of report.updated) out(`updated   ${p}`);
          for (const p of report.removed) out(`removed   ${p}`);
          for (const s of report.skipped) out(`skipped   ${s.path}: ${s.reason}`);
          out(
            `${report.added.length} added, ${report.updated.length} updated, ${report.unchanged} unchanged, ${report.removed.length} removed, ${report.skipped.length} skipped (${report.chunks} chunks, ${Math.round(report.ms)} ms)`,
          );
        }
        return 0;
      }
      case "sources": {
        const sources = await withDatabase(env, listSources);
        if (json) out(JSON.stringify(sources));
        else if (sources.length === 0) out("the index is empty: run `npm run kb -- ingest <dir>` first");
        else
          for (const s of sources)
            out(
              `${s.source}  ${s.documents} documents, ${s.chunks} chunks, last ingest ${s.lastIngest.toISOString()}${s.configured ? " (the app's folder)" : ""}${s.present ? "" : " (folder missing)"}`,
            );
        return 0;
      }
      case "remove": {
        const given = parsed.positional[0];
        if (!given) throw new UsageError("missing the folder to remove (as `npm run kb -- sources` lists it)");
        const source = path.resolve(given);
        const documents = await withDatabase(env, (db) => removeSource(db, source));
        if (documents === 0) throw new UsageError(`no documents from ${source}; \`npm run kb -- sources\` lists the folders`);
        out(json ? JSON.stringify({ source, removed: documents }) : `removed   ${source} (${documents} documents)`);
        return 0;
      }
      case "reindex": {
        const outcomes = await withDatabase(env, (db) =>
          reindexSources(db, { catalog: catalogFrom(env), llm: env.OPENAI_EMBEDDING_MODEL ? llm : undefined, logger }),
        );
        if (json) out(JSON.stringify(outcomes));
        else if (outcomes.length === 0) out("the index is empty: nothing to reindex");
        else
          for (const o of outcomes)
            out(
              "missing" in o
                ? `missing   ${o.source}: the folder is gone; its documents stay until removed`
                : o.report.busy
                  ? `busy      ${o.source}: another process is ingesting right now`
                  : `reindexed ${o.source}: ${o.report.updated.length + o.report.added.length} documents, ${o.report.chunks} chunks, ${o.report.removed.length} removed, ${o.report.skipped.length} skipped`,
            );
        return outcomes.some((o) => "missing" in o || o.report.busy) ? 1 : 0;
      }
      case "ask": {
        const question = parsed.positional.join(" ").trim();
        if (!question) throw new UsageError("missing the question");
        const product = flag(parsed, "--product");
        const answer = await withDatabase(env, async (db) => {
          const kb = await openKnowledgeBase(db, { catalog: catalogFrom(env), llm, logger, versionCheckMs: 0 });
          if (kb.stats().chunks === 0) logger.warn({}, "the index is empty: run `npm run kb -- ingest <dir>` first");
          return kb.answer(question, { products: product ? product.split(",") : undefined });
        });
        out(json ? JSON.stringify(answer) : renderAnswerText(answer, answer.language));
        return 0;
      }
      case "eval": {
        const setFile = requirePath(flag(parsed, "--set"), "--set question file", "file");
        const docs = requirePath(flag(parsed, "--docs"), "--docs folder", "dir");
        const questions = readQuestionSet(setFile);
        const started = performance.now();
        const kb = await buildMemoryKnowledgeBase(docs, { catalog: catalogFrom(env) });
        const indexMs = performance.now() - started;
        for (const s of kb.skipped) logger.warn({ path: s.path, reason: s.reason }, "document skipped");
        // Only id and q reach the system; labels are used afterwards, for scoring.
        const { report } = await evaluate(path.basename(setFile), questions, ({ q }) => {
          const { ranked, evidence } = kb.engine.retrieve(q);
          const chunks = kb.engine.searcher.chunks;
          return {
            ranked: ranked.map((r) => ({ path: chunks[r.chunk]!.path, heading: chunks[r.chunk]!.heading })),
            abstained: evidence.abstain,
          };
        });
        const full = {
          ...report,
          mode: "lexical",
          documents: kb.stats().documents,
          chunks: kb.stats().chunks,
          index_ms: Math.round(indexMs),
        };
        if (json) out(JSON.stringify(full));
        else out(renderReport(full));
        return 0;
      }
      default:
        throw new UsageError(`unknown command: ${parsed.command}`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof QuestionSetError) {
      process.stderr.write(`kb: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    logger.error({ err: error }, "kb failed");
    return 1;
  }
}

function renderReport(report: Record<string, unknown>): string {
  const lines = Object.entries(report)
    .filter(([, v]) => typeof v !== "object")
    .map(([k, v]) => `${k.padEnd(24)} ${String(v)}`);
  const byLanguage = report.by_language as Record<string, Record<string, number>> | undefined;
  for (const [lang, figures] of Object.entries(byLanguage ?? {})) {
    lines.push(
      `-- ${lang}: ${["questions", "recall@5_path", "recall@5_path_heading", "mrr@10", "abstention_accuracy", "false_abstention_rate"].map((k) => `${k}=${figures[k]}`).join(" ")}`,
    );
  }
  return lines.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`kb: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
