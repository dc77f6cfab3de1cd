/**
 * Incremental ingest of a folder (or one file) into the knowledge tables. Files are compared by
 * content hash: unchanged ones cost a read and a hash, changed ones are replaced whole (document
 * and chunks in one transaction), files gone from a folder leave the index, and unreadable files
 * are reported with a reason while the rest goes on.
 */
import { stat } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import type { Catalog } from "../core/catalog.ts";
import type { LanguageModel } from "../core/llm.ts";
import type { Database } from "../db/client.ts";
import { newId } from "../db/ids.ts";
import { encodeEmbedding } from "./hybrid.ts";
import { contentHash, listSourceFiles, readSourceFile } from "./files.ts";
import { DEFAULT_MAX_BYTES, prepareDocument, type PreparedDocument } from "./memory.ts";
import { acquireIngestLock, bumpVersion, releaseIngestLock } from "./store.ts";

/** A minimal logger; pino's loggers fit. */
export interface KnowledgeLogger {
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
}

/** What an ingest did. */
export interface IngestReport {
  /** The ingested folder (absolute); a single file's folder when one file was given. */
  source: string;
  added: string[];
  updated: string[];
  removed: string[];
  unchanged: number;
  skipped: Array<{ path: string; reason: string }>;
  /** Chunks written by this run. */
  chunks: number;
  /** The new version stamp when something changed. */
  version?: string | undefined;
  /** True when another process held the ingest lease and nothing was done. */
  busy?: boolean;
  ms: number;
}

/** Options of an ingest. */
export interface IngestOptions {
  catalog?: Catalog | undefined;
  /** With an embedding model configured, chunks get vectors for hybrid search. */
  llm?: LanguageModel | undefined;
  logger?: KnowledgeLogger | undefined;
  /** Files above this size are skipped (default 20 MiB). */
  maxBytes?: number;
  /** Parse and chunk every file again, changed or not (`npm run kb -- reindex`). */
  force?: boolean;
}

const EMBED_BATCH = 64;

async function embedChunks(
  llm: LanguageModel | undefined,
  prepared: PreparedDocument,
  logger?: KnowledgeLogger,
): Promise<Array<Uint8Array<ArrayBuffer> | null>> {
  const none = prepared.chunks.map(() => null);
  if (!llm) return none;
  try {
    const out: Array<Uint8Array<ArrayBuffer> | null> = [];
    for (let i = 0; i < prepared.chunks.length; i += EMBED_BATCH) {
      const batch = prepared.chunks.slice(i, i + EMBED_BATCH).map((c) => `${c.sectionPath}\n${c.text}`.slice(0, 6000));
      const vectors = await llm.embed(batch);
      out.push(...vectors.map((v) => encodeEmbedding(v)));
    }
    return out;
  } catch (error) {
    // Lexical search does not need vectors; the document is still indexed without them.
    logger?.warn({ err: (error as Error).message, title: prepared.meta.title }, "embedding failed; chunks stored without vectors");
    return none;
  }
}

/** Ingests the documents under `target` (a folder or a single file) into the database. */
export async function ingestDirectory(db: Database, target: string, options: IngestOptions = {}): Promise<IngestReport> {
  const started = performance.now();
  const single = !(await stat(path.resolve(target))).isDirectory();
  const { root, files } = await listSourceFiles(target);
  const report: IngestReport = { source: root, added: [], updated: [], removed: [], unchanged: 0, skipped: [], chunks: 0, ms: 0 };
  const owner = `${hostname()}:${process.pid}:${newId()}`;
  if (!(await acquireIngestLock(db, owner))) {
    options.logger?.warn({ source: root }, "another process is ingesting; skipping this run");
    return { ...report, busy: true, ms: performance.now() - started };
  }
  try {
    const existing = new Map(
      (await db.prisma.knowledgeDocument.findMany({ where: { source: root }, select: { id: true, path: true, contentHash: true } })).map(
        (d) => [d.path, d],
      ),
    );
    for (const file of files) {
      const previous = existing.get(file.relPath);
      const read = await readSourceFile(file.file, options.maxBytes ?? DEFAULT_MAX_BYTES);
      const outcome = "tooLarge" in read ? { reason: `file too large (${read.tooLarge} bytes)` } : undefined;
      const hash = "bytes" in read ? contentHash(read.bytes) : undefined;
      if (previous && hash === previous.contentHash && !options.force) {
        report.unchanged++;
        continue;
      }
      const prepared = outcome ?? (await prepareDocument(file.relPath, (read as { bytes: Uint8Array }).bytes, options.catalog));
      if ("reason" in prepared) {
        report.skipped.push({ path: file.relPath, reason: prepared.reason });
        // A file that turned bad must not leave its old text answering questions.
        if (previous) {
          await removeDocuments(db, [previous.id]);
          report.removed.push(file.relPath);
        }
        continue;
      }
      const embeddings = await embedChunks(options.llm, prepared, options.logger);
      const documentId = newId();
      const now = new Date();
      await db.prisma.$transaction([
        ...(previous
          ? [
              db.prisma.knowledgeChunk.deleteMany({ where: { documentId: previous.id } }),
              db.prisma.knowledgeDocument.delete({ where: { id: previous.id } }),
            ]
          : []),
        db.prisma.knowledgeDocument.create({
          data: {
            id: documentId,
            source: root,
            path: file.relPath,
            title: prepared.meta.title,
            format: prepared.format,
            language: prepared.meta.language,
            products: JSON.stringify(prepared.meta.products),
            link: prepared.meta.link,
            contentHash: hash!,
            ingestedAt: now,
          },
        }),
        db.prisma.knowledgeChunk.createMany({
          data: prepared.chunks.map((c, i) => ({
            id: newId(),
            documentId,
            ordinal: c.ordinal,
            heading: c.heading,
            sectionPath: c.sectionPath,
            anchor: c.anchor ?? null,
            text: c.text,
            products: JSON.stringify(c.products),
            language: c.language,
            embedding: embeddings[i] ?? null,
          })),
        }),
      ]);
      (previous ? report.updated : report.added).push(file.relPath);
      report.chunks += prepared.chunks.length;
    }
    // Only a folder ingest knows which files are gone; one file says nothing about its siblings.
    const listed = new Set(files.map((f) => f.relPath));
    const gone = single ? [] : [...existing.values()].filter((d) => !listed.has(d.path));
    if (gone.length > 0) {
      await removeDocuments(
        db,
        gone.map((d) => d.id),
      );
      report.removed.push(...gone.map((d) => d.path));
    }
    if (report.added.length + report.updated.length + report.removed.length > 0) report.version = await bumpVersion(db.prisma);
  } finally {
    await releaseIngestLock(db, owner);
  }
  report.ms = performance.now() - started;
  options.logger?.info(
    {
      source: root,
      added: report.added.length,
      updated: report.updated.length,
      removed: report.removed.length,
      unchanged: report.unchanged,
      skipped: report.skipped.length,
      ms: Math.round(report.ms),
    },
    "knowledge ingest finished",
  );
  return report;
}

async function removeDocuments(db: Database, ids: string[]): Promise<void> {
  await db.prisma.$transaction([
    db.prisma.knowledgeChunk.deleteMany({ where: { documentId: { in: ids } } }),
    db.prisma.knowledgeDocument.deleteMany({ where: { id: { in: ids } } }),
  ]);
}
