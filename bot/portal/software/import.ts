/**
 * The firmware release import format: JSON (`{"releases": [...]}` or a bare array) or CSV with
 * the header `model,version,date,notes,link`. Everything is checked before anything is stored;
 * one bad release refuses the whole import, each problem naming its line or field.
 */
import { z } from "zod";
import type { Catalog } from "../../../core/catalog.ts";
import { checkText, CsvError, parseCsv } from "../csv.ts";
import { fold, modelByName } from "../products.ts";
import { VERSION_PATTERN } from "./versions.ts";

/** At most this many releases per import. */
export const MAX_RELEASES = 2_000;

export interface ReleaseInput {
  modelId: string;
  version: string;
  releasedAt: Date;
  notes: string;
  link: string | null;
}

/** An import refused whole: one line per problem, naming the field or line. */
export class FirmwareImportError extends Error {
  override readonly name = "FirmwareImportError";
  constructor(readonly problems: string[]) {
    super(`firmware import refused: ${problems.join("; ")}`);
  }
}

const releaseSchema = z
  .object({
    model: z.string().min(1, "is required"),
    version: z.string().regex(VERSION_PATTERN, "must be a version like 4.2.0"),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2026-01-31")
      .refine((d) => !Number.isNaN(Date.parse(d)), "is not a real date"),
    notes: z.string().max(4_000, "is longer than 4,000 characters").default(""),
    link: z
      .string()
      .url("must be a link (https://…)")
      .refine((u) => /^https?:/i.test(u), "must be an http(s) link")
      .nullish(),
  })
  .strict();

/** Reads an import text (JSON or CSV) and checks every release against the catalog. */
export function readFirmwareImport(catalog: Catalog, text: string): ReleaseInput[] {
  try {
    checkText(text);
  } catch (error) {
    if (error instanceof CsvError) throw new FirmwareImportError([error.message]);
    throw error;
  }
  const trimmed = text.trim();
  if (!trimmed) throw new FirmwareImportError(["the import is empty"]);
  const items = trimmed.startsWith("{") || trimmed.startsWith("[") ? fromJson(trimmed) : fromCsv(trimmed);
  if (items.length === 0) throw new FirmwareImportError(["the import has no releases"]);
  if (items.length > MAX_RELEASES) throw new FirmwareImportError([`${items.length} releases; at most ${MAX_RELEASES} per import`]);
  const problems: string[] = [];
  const releases: ReleaseInput[] = [];
  const seen = new Map<string, string>();
  for (const { where, data } of items) {
    const parsed = releaseSchema.safeParse(data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(`${where}${issue.path.length ? `.${issue.path.join(".")}` : ""}: ${issue.message}`);
      continue;
    }
    const model = modelByName(catalog, parsed.data.model);
    if (!model) {
      problems.push(`${where}.model: unknown model ${parsed.data.model} (not in the product catalog)`);
      continue;
    }
    const key = `${model.id} ${parsed.data.version}`;
    if (seen.has(key)) problems.push(`${where}: ${model.name} ${parsed.data.version} appears twice (also ${seen.get(key)})`);
    seen.set(key, where);
    releases.push({
      modelId: model.id,
      version: parsed.data.version,
      releasedAt: new Date(`${parsed.data.date}T00:00:00Z`),
      notes: parsed.data.notes,
      link: parsed.data.link ?? null,
    });
  }
  if (problems.length > 0) throw new FirmwareImportError(problems.slice(0, 20));
  return releases;
}

function fromJson(text: string): { where: string; data: unknown }[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new FirmwareImportError([`not valid JSON: ${(error as Error).message}`]);
  }
  const list = Array.isArray(data) ? data : (data as { releases?: unknown })?.releases;
  if (!Array.isArray(list)) throw new FirmwareImportError(['releases: expected {"releases": [ … ]} or a list of releases']);
  const prefix = Array.isArray(data) ? "" : "releases";
  return list.map((item, index) => ({ where: `${prefix}[${index}]`, data: item }));
}

const CSV_COLUMNS = ["model", "version", "date", "notes", "link"];

function fromCsv(text: string): { where: string; data: unknown }[] {
  let rows;
  try {
    rows = parseCsv(text, { maxRows: MAX_RELEASES + 1 });
  } catch (error) {
    if (error instanceof CsvError) throw new FirmwareImportError([error.message]);
    throw error;
  }
  const [head, ...data] = rows;
  const columns = head!.cells.map((cell) => fold(cell));
  const unknown = columns.filter((column) => !CSV_COLUMNS.includes(column));
  const missing = ["model", "version", "date"].filter((column) => !columns.includes(column));
  if (unknown.length > 0 || missing.length > 0)
    throw new FirmwareImportError([
      `line ${head!.line}: the header must name the columns ${CSV_COLUMNS.join(", ")}` +
        (unknown.length ? `; unknown: ${unknown.join(", ")}` : "") +
        (missing.length ? `; missing: ${missing.join(", ")}` : ""),
    ]);
  return data.map((row) => {
    if (row.cells.length > columns.length)
      throw new FirmwareImportError([
        `line ${row.line}: ${row.cells.length} values for ${columns.length} columns (put values that contain commas in quotes)`,
      ]);
    const record: Record<string, string> = {};
    columns.forEach((column, i) => {
      const value = row.cells[i];
      if (value) record[column] = value;
    });
    return { where: `line ${row.line}`, data: record };
  });
}
