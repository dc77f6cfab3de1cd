/**
 * The knowledge tables: documents and chunks in the database (the source of truth, shared by
 * every replica), a version stamp in `Setting` that changes with every ingest that changed
 * something, and a short ingest lease so replicas starting together do not ingest twice.
 */
import type { Database, Tx } from "../db/client.ts";
import { newId } from "../db/ids.ts";
import { decodeEmbedding } from "./hybrid.ts";
import { parentOf, sectionLink } from "./memory.ts";
import type { MemoryChunk } from "./searcher.ts";
import type { Language } from "../core/vocabulary.ts";

/** `Setting` key of the index version stamp. */
export const VERSION_KEY = "knowledge.version";
const LOCK_KEY = "knowledge.ingest-lock";
/** A lease older than this is considered abandoned (a crashed ingest). */
const LOCK_TTL_MS = 10 * 60_000;

const parseList = (json: string): string[] => {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
};

/** Reads the version stamp (undefined when nothing was ever ingested). */
export async function readVersion(db: Database): Promise<string | undefined> {
  const row = await db.prisma.setting.findUnique({ where: { key: VERSION_KEY } });
  return row?.value;
}

/** Sets a new version stamp; readers reload when it differs from what they loaded. */
export async function bumpVersion(tx: Tx): Promise<string> {
  const value = newId();
  const now = new Date();
  await tx.setting.upsert({
    where: { key: VERSION_KEY },
    create: { key: VERSION_KEY, value, updatedAt: now },
    update: { value, updatedAt: now },
  });
  return value;
}

/** Loads every stored chunk, in document order, as the search holds it. */
export async function loadStoredChunks(db: Database): Promise<MemoryChunk[]> {
  const rows = await db.prisma.knowledgeChunk.findMany({
    include: { document: { select: { path: true, title: true, link: true } } },
    orderBy: [{ documentId: "asc" }, { ordinal: "asc" }],
  });
  return rows.map((row) => ({
    id: row.id,
    path: row.document.path,
    title: row.document.title,
    heading: row.heading,
    parentHeading: parentOf(row.sectionPath, row.document.title, row.heading),
    sectionPath: row.sectionPath,
    link: sectionLink(row.document.link, row.anchor),
    text: row.text,
    products: parseList(row.products),
    language: (row.language === "es" ? "es" : "en") as Language,
    embedding: decodeEmbedding(row.embedding),
  }));
}

/** Takes the ingest lease; false when another process holds a live one. */
export async function acquireIngestLock(db: Database, owner: string): Promise<boolean> {
  const now = new Date();
  try {
    await db.prisma.setting.create({ data: { key: LOCK_KEY, value: owner, updatedAt: now } });
    return true;
  } catch {
    // The row exists: take it over only if it is stale, and only if nobody else just did.
    const stale = new Date(now.getTime() - LOCK_TTL_MS);
    const taken = await db.prisma.setting.updateMany({
      where: { key: LOCK_KEY, updatedAt: { lt: stale } },
      data: { value: owner, updatedAt: now },
    });
    return taken.count === 1;
  }
}

/** Releases the lease if this owner still holds it. */
export async function releaseIngestLock(db: Database, owner: string): Promise<void> {
  await db.prisma.setting.deleteMany({ where: { key: LOCK_KEY, value: owner } });
}

/** Row counts and stored text size of the index, for stats and the benchmark. */
export async function indexSize(db: Database): Promise<{ documents: number; chunks: number; textBytes: number }> {
  const [documents, chunks] = await Promise.all([db.prisma.knowledgeDocument.count(), db.prisma.knowledgeChunk.count()]);
  const texts = await db.prisma.knowledgeChunk.findMany({ select: { text: true } });
  return { documents, chunks, textBytes: texts.reduce((sum, t) => sum + Buffer.byteLength(t.text), 0) };
}
