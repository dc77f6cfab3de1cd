/**
 * Knowledge sources: the folders documents were ingested from (`KnowledgeDocument.source`). The
 * folder the app ingests at start (KNOWLEDGE_DIR, or the demo documentation) is recorded, so a
 * change of folder takes the old folder's documents out of the index instead of leaving them to
 * answer next to the new ones. Folders ingested by hand (`npm run kb -- ingest`) stay until removed.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import type { Database } from "../db/client.ts";
import { ingestDirectory, type IngestOptions, type IngestReport } from "./ingest.ts";
import { bumpVersion } from "./store.ts";

/** `Setting` key of the folder the app last synchronised at start. */
const CONFIGURED_SOURCE_KEY = "knowledge.configured-source";

/** One source as `npm run kb -- sources` shows it. */
export interface KnowledgeSource {
  /** The folder (absolute path) the documents came from. */
  source: string;
  documents: number;
  chunks: number;
  /** When a document of this source was last (re)ingested. */
  lastIngest: Date;
  /** Whether the folder is still there to re-read (`reindex` needs it). */
  present: boolean;
  /** Whether this is the folder the app synchronises at start. */
  configured: boolean;
}

/** Every source in the index, by folder. */
export async function listSources(db: Database): Promise<KnowledgeSource[]> {
  const [documents, chunkCounts, configured] = await Promise.all([
    db.prisma.knowledgeDocument.findMany({ select: { id: true, source: true, ingestedAt: true } }),
    db.prisma.knowledgeChunk.groupBy({ by: ["documentId"], _count: { _all: true } }),
    readConfiguredSource(db),
  ]);
  const chunksOf = new Map(chunkCounts.map((row) => [row.documentId, row._count._all]));
  const sources = new Map<string, KnowledgeSource>();
  for (const doc of documents) {
    const entry = sources.get(doc.source) ?? {
      source: doc.source,
      documents: 0,
      chunks: 0,
      lastIngest: doc.ingestedAt,
      present: isFolder(doc.source),
      configured: doc.source === configured,
    };
    entry.documents++;
    entry.chunks += chunksOf.get(doc.id) ?? 0;
    if (doc.ingestedAt > entry.lastIngest) entry.lastIngest = doc.ingestedAt;
    sources.set(doc.source, entry);
  }
  return [...sources.values()].sort((a, b) => a.source.localeCompare(b.source));
}

/** Takes a source's documents out of the index; returns how many there were (0: unknown source). */
export async function removeSource(db: Database, source: string): Promise<number> {
  const ids = (await db.prisma.knowledgeDocument.findMany({ where: { source }, select: { id: true } })).map((d) => d.id);
  if (ids.length === 0) return 0;
  await db.prisma.$transaction(async (tx) => {
    await tx.knowledgeChunk.deleteMany({ where: { documentId: { in: ids } } });
    await tx.knowledgeDocument.deleteMany({ where: { id: { in: ids } } });
    // Every replica reloads its index when the stamp changes.
    await bumpVersion(tx);
  });
  return ids.length;
}

/** What a reindex did with each source. */
export type ReindexOutcome = { source: string; report: IngestReport } | { source: string; missing: true };

/**
 * Parses and chunks every document again from its folder, whether or not the file changed — after
 * an upgrade that changed how documents are split, or to repair an index. A source whose folder
 * is gone is left as it is and reported missing (remove it if it is not coming back).
 */
export async function reindexSources(db: Database, options: IngestOptions = {}): Promise<ReindexOutcome[]> {
  const outcomes: ReindexOutcome[] = [];
  for (const { source, present } of await listSources(db)) {
    outcomes.push(present ? { source, report: await ingestDirectory(db, source, { ...options, force: true }) } : { source, missing: true });
  }
  return outcomes;
}

/**
 * Start-up hook for the configured folder: brings the index up to date with it (incremental, so a
 * current index costs a read and hash of each file) after removing the documents of the folder
 * configured before, when that was another one. `formerDefault` is the folder installations
 * ingested before the configured folder was recorded.
 */
export async function syncKnowledgeDirectory(
  db: Database,
  dir: string,
  options: IngestOptions & { formerDefault?: string | undefined } = {},
): Promise<IngestReport & { retired?: { source: string; documents: number } }> {
  const source = path.resolve(dir);
  const previous = (await readConfiguredSource(db)) ?? options.formerDefault;
  let retired: { source: string; documents: number } | undefined;
  if (previous !== undefined && path.resolve(previous) !== source) {
    const documents = await removeSource(db, path.resolve(previous));
    if (documents > 0) {
      retired = { source: path.resolve(previous), documents };
      options.logger?.info(retired, "documentation folder changed: the previous folder's documents left the index");
    }
  }
  const report = await ingestDirectory(db, source, options);
  // Recorded only once the new folder is in, so an interrupted switch is finished by the next start.
  if (!report.busy) await writeConfiguredSource(db, source);
  return retired ? { ...report, retired } : report;
}

async function readConfiguredSource(db: Database): Promise<string | undefined> {
  return (await db.prisma.setting.findUnique({ where: { key: CONFIGURED_SOURCE_KEY } }))?.value;
}

async function writeConfiguredSource(db: Database, source: string): Promise<void> {
  const now = new Date();
  await db.prisma.setting.upsert({
    where: { key: CONFIGURED_SOURCE_KEY },
    create: { key: CONFIGURED_SOURCE_KEY, value: source, updatedAt: now },
    update: { value: source, updatedAt: now },
  });
}

function isFolder(source: string): boolean {
  return existsSync(source) && statSync(source).isDirectory();
}
