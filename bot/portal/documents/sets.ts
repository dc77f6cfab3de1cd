/**
 * Where each model's document set comes from: the catalog (an optional `documents` list per model,
 * `{ "kind": "user_guide", "title": "…", "url": "…" }`; entries without a kind are still shown, as
 * before) and a documents file (DOCUMENTS_FILE, the demo one by default):
 *
 *   { "documents": [ { "models": ["nw-bar-50"], "kind": "user_guide", "title": "…", "url": "https://…" } ] }
 *
 * `model` (one id) works instead of `models`. Release notes and software downloads that neither
 * lists come from the model's latest firmware release (documents.ts).
 */
import { readFileSync } from "node:fs";
import { projectFile } from "../../../core/project-files.ts";
import { z } from "zod";
import type { Catalog } from "../../../core/catalog.ts";
import { readKind, type DocumentKind } from "./kinds.ts";

/** One document of a model's set. */
export interface CatalogDocument {
  kind: DocumentKind | undefined;
  title: string;
  url: string;
}

const entrySchema = z
  .object({
    model: z.string().min(1).optional(),
    models: z.array(z.string().min(1)).optional(),
    kind: z.string().min(1),
    title: z.string().min(1),
    url: z.string().url(),
  })
  .passthrough()
  .refine((entry) => entry.model || entry.models?.length, { message: "needs model or models" });

const fileSchema = z.object({ documents: z.array(entrySchema) }).passthrough();

/** A documents file that cannot be used; the message names the file and the entries at fault. */
export class DocumentsFileError extends Error {
  override readonly name = "DocumentsFileError";
}

/** The demo documents shipped with the project, used when DOCUMENTS_FILE is not set. */
export const DEMO_DOCUMENTS_FILE = projectFile("demo/documents.json");

/** Documents by model id, from the catalog's `documents` lists and the documents file. */
export function loadDocumentSets(catalog: Catalog, file: string | undefined): Map<string, CatalogDocument[]> {
  const sets = new Map<string, CatalogDocument[]>();
  const add = (modelId: string, doc: CatalogDocument) => sets.set(modelId, [...(sets.get(modelId) ?? []), doc]);
  for (const model of catalog.models) {
    const listed = (model as { documents?: unknown }).documents;
    if (!Array.isArray(listed)) continue;
    for (const doc of listed as { kind?: unknown; title?: unknown; url?: unknown }[])
      if (typeof doc?.title === "string" && typeof doc.url === "string")
        add(model.id, { kind: typeof doc.kind === "string" ? readKind(doc.kind) : undefined, title: doc.title, url: doc.url });
  }
  if (!file) return sets;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new DocumentsFileError(`cannot read the documents file ${file} (DOCUMENTS_FILE): ${(error as Error).message}`);
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
    throw new DocumentsFileError(`${file} (DOCUMENTS_FILE) is not a valid documents file: ${problems.join("; ")}`);
  }
  const problems: string[] = [];
  parsed.data.documents.forEach((entry, index) => {
    const kind = readKind(entry.kind);
    if (!kind) problems.push(`documents[${index}].kind: unknown kind ${entry.kind}`);
    for (const modelId of entry.models ?? [entry.model!])
      // Another catalog may not have every model of the file (the demo file with a customer's catalog): skip those.
      if (kind && catalog.models.some((model) => model.id === modelId)) add(modelId, { kind, title: entry.title, url: entry.url });
  });
  if (problems.length > 0) throw new DocumentsFileError(`${file} (DOCUMENTS_FILE): ${problems.slice(0, 5).join("; ")}`);
  return sets;
}
