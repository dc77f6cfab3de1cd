/**
 * Finds the document files under a folder (or a single file) and reads them. Shared by the
 * database ingest and the in-memory index so both see exactly the same documents.
 */
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { formatOf } from "./documents.ts";

/** A document file found under a source. */
export interface SourceFile {
  /** Absolute path. */
  file: string;
  /** Path relative to the source folder, with forward slashes (the citation path). */
  relPath: string;
}

/** Files that are never documents: licence and attribution notes next to a corpus. */
const NOT_DOCUMENTS = new Set(["notice.md", "license.md", "licence.md"]);

/** Lists the readable document files under `target` (a folder, walked recursively, or one file). */
export async function listSourceFiles(target: string): Promise<{ root: string; files: SourceFile[] }> {
  const absolute = path.resolve(target);
  const info = await stat(absolute);
  if (info.isFile()) return { root: path.dirname(absolute), files: [{ file: absolute, relPath: path.basename(absolute) }] };
  const files: SourceFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && formatOf(entry.name) && !NOT_DOCUMENTS.has(entry.name.toLowerCase())) {
        files.push({ file: full, relPath: path.relative(absolute, full).split(path.sep).join("/") });
      }
    }
  };
  await walk(absolute);
  return { root: absolute, files };
}

/** Reads a file, refusing ones above `maxBytes` without reading them. */
export async function readSourceFile(file: string, maxBytes: number): Promise<{ bytes: Uint8Array } | { tooLarge: number }> {
  const info = await stat(file);
  if (info.size > maxBytes) return { tooLarge: info.size };
  return { bytes: await readFile(file) };
}

/** Version of the parsing and chunking code; bumping it makes the next ingest redo every file. */
export const PIPELINE_VERSION = "kb-1";

/** Content hash of a file as the ingest sees it (bytes plus pipeline version). */
export function contentHash(bytes: Uint8Array): string {
  return createHash("sha256").update(PIPELINE_VERSION).update(bytes).digest("hex");
}
