/**
 * Builds the search straight from a folder, without a database: used by `kb eval` (which must
 * index only `--docs`) and by tests. Documents go through the same loading and chunking as the
 * database ingest.
 */
import type { Catalog } from "../core/catalog.ts";
import { chunkDocument, documentMeta, type ChunkDraft, type DocumentMeta } from "./chunker.ts";
import { loadDocument } from "./documents.ts";
import { listSourceFiles, readSourceFile } from "./files.ts";
import type { MemoryChunk } from "./searcher.ts";

/** Default largest file the ingest reads (bytes); bigger files are skipped with a reason. */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/** A document parsed and chunked, ready to store or index. */
export interface PreparedDocument {
  meta: DocumentMeta;
  format: string;
  chunks: ChunkDraft[];
}

/** Loads and chunks one file's bytes, or says why it is skipped. */
export async function prepareDocument(
  relPath: string,
  bytes: Uint8Array,
  catalog: Catalog | undefined,
): Promise<PreparedDocument | { reason: string }> {
  const loaded = await loadDocument(relPath, bytes);
  if (!loaded.ok) return { reason: loaded.reason };
  const meta = documentMeta(relPath, loaded.document, catalog);
  const chunks = await chunkDocument(loaded.document, meta, catalog);
  if (chunks.length === 0) return { reason: "no text content" };
  return { meta, format: loaded.document.format, chunks };
}

/** Turns a prepared document into in-memory chunks (ids are path#ordinal). */
export function toMemoryChunks(relPath: string, prepared: PreparedDocument, ids?: string[]): MemoryChunk[] {
  return prepared.chunks.map((c, i) => ({
    id: ids?.[i] ?? `${relPath}#${c.ordinal}`,
    path: relPath,
    title: prepared.meta.title,
    heading: c.heading,
    parentHeading: parentOf(c.sectionPath, prepared.meta.title, c.heading),
    sectionPath: c.sectionPath,
    link: sectionLink(prepared.meta.link, c.anchor),
    text: c.text,
    products: c.products,
    language: c.language,
  }));
}

/** The `##` heading between the title and a `###` heading in a section path. */
export function parentOf(sectionPath: string, title: string, heading: string): string | undefined {
  const parts = sectionPath.split(" › ");
  return parts.length === 3 && parts[0] === title && parts[2] === heading ? parts[1] : undefined;
}

/** A document link with the section's fragment. */
export function sectionLink(link: string | null, anchor: string | null | undefined): string | null {
  if (!link) return null;
  return anchor ? `${link.split("#")[0]}#${anchor}` : link;
}

/** Reads every document under `dir` into chunks; skipped files are returned with reasons. */
export async function loadDirectoryChunks(
  dir: string,
  options: { catalog?: Catalog | undefined; maxBytes?: number } = {},
): Promise<{ chunks: MemoryChunk[]; skipped: Array<{ path: string; reason: string }> }> {
  const { files } = await listSourceFiles(dir);
  const chunks: MemoryChunk[] = [];
  const skipped: Array<{ path: string; reason: string }> = [];
  for (const source of files) {
    const read = await readSourceFile(source.file, options.maxBytes ?? DEFAULT_MAX_BYTES);
    if ("tooLarge" in read) {
      skipped.push({ path: source.relPath, reason: `file too large (${read.tooLarge} bytes)` });
      continue;
    }
    const prepared = await prepareDocument(source.relPath, read.bytes, options.catalog);
    if ("reason" in prepared) skipped.push({ path: source.relPath, reason: prepared.reason });
    else chunks.push(...toMemoryChunks(source.relPath, prepared));
  }
  return { chunks, skipped };
}
