/**
 * What an admin sends to register devices, read into rows: one serial ("NB5-2231987 at Madrid HQ
 * tag MAD-BR-03"), a pasted list of serials (commas, spaces or one per line, one site for all),
 * or a CSV with a header (`serial,site,asset_tag[,model]`, comma, semicolon or tab separated).
 * A text that cannot be read at all is refused whole (`UploadError`); problems of single rows
 * are the registration's to report, row by row.
 */
import { checkText, CsvError, detectDelimiter, parseCsv, type CsvProblem } from "../csv.ts";
import type { Catalog } from "../../../core/catalog.ts";
import { fold, readSerial } from "../products.ts";

/** Most rows one upload may carry; bigger inventories are split (the reply says so). */
export const MAX_REGISTRATION_ROWS = 10_000;

/** One device to register, with the line it came from. */
export interface RegistrationRow {
  line: number;
  serial: string;
  site?: string;
  assetTag?: string;
  model?: string;
}

export interface RegistrationInput {
  format: "csv" | "list";
  rows: RegistrationRow[];
  /** The site named for the whole list ("… at Madrid HQ"). */
  site?: string;
}

/** Why nothing of an upload could be read. */
export type UploadProblem = CsvProblem | "empty" | "no_serial_column" | "unknown_column" | "cells" | "tag_for_many";

/** An upload refused whole; nothing was registered. */
export class UploadError extends Error {
  override readonly name = "UploadError";
  constructor(
    readonly code: UploadProblem,
    readonly line: number,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`line ${line}: ${code} ${JSON.stringify(params)}`);
  }
}

const COLUMNS: Record<string, keyof Omit<RegistrationRow, "line">> = {
  serial: "serial",
  "serial number": "serial",
  serie: "serial",
  "numero de serie": "serial",
  site: "site",
  sede: "site",
  location: "site",
  ubicacion: "site",
  "asset tag": "assetTag",
  asset: "assetTag",
  tag: "assetTag",
  etiqueta: "assetTag",
  model: "model",
  modelo: "model",
};
/** The CSV columns, as the replies name them. */
export const COLUMN_NAMES = "serial, site, asset_tag, model";

/** Reads the text that followed the command verb. */
export function readRegistration(text: string): RegistrationInput {
  // Counted before anything else, so a huge paste is refused without being parsed.
  const lines = countRows(text);
  if (lines > MAX_REGISTRATION_ROWS + 1) throw new UploadError("too_many", 1, { rows: lines, max: MAX_REGISTRATION_ROWS });
  try {
    checkText(text);
  } catch (error) {
    if (error instanceof CsvError) throw new UploadError(error.code, error.line);
    throw error;
  }
  const firstLine = text.trimStart().split("\n")[0] ?? "";
  const header = firstLine.split(detectDelimiter(firstLine)).map((cell) => fold(cell.replace(/_/g, " ")));
  if (header.length > 1 && header.some((cell) => COLUMNS[cell] === "serial")) return readCsv(text);
  if (header.length > 1 && header.some((cell) => COLUMNS[cell])) throw new UploadError("no_serial_column", 1, { columns: COLUMN_NAMES });
  return readList(text);
}

/**
 * Whether a text sent without a command (a file dropped into the chat) is meant as a registration:
 * a header with a serial column, or a list whose words are mostly serials of the catalog's shape.
 */
export function readsAsRegistration(catalog: Catalog, text: string): boolean {
  const firstLine = text.trimStart().split("\n")[0] ?? "";
  const header = firstLine.split(detectDelimiter(firstLine)).map((cell) => fold(cell.replace(/_/g, " ").trim()));
  if (header.some((cell) => COLUMNS[cell] === "serial")) return true;
  let input;
  try {
    input = readRegistration(text);
  } catch (error) {
    if (error instanceof UploadError) return false;
    throw error;
  }
  if (input.format !== "list") return false;
  const serials = input.rows.filter((row) => {
    const reading = readSerial(catalog, row.serial);
    return reading.ok || reading.reason === "unknown_model";
  });
  return serials.length * 2 > input.rows.length;
}

/** Non-blank lines (a row per line in every format; quoted line breaks are rare enough to over-count). */
function countRows(text: string): number {
  let count = 0;
  let start = 0;
  for (let end = text.indexOf("\n"); start <= text.length; end = text.indexOf("\n", start)) {
    if (end < 0) end = text.length;
    if (text.slice(start, end).trim()) count += 1;
    start = end + 1;
  }
  return count;
}

function readCsv(text: string): RegistrationInput {
  let rows;
  try {
    rows = parseCsv(text, { maxRows: MAX_REGISTRATION_ROWS + 1 });
  } catch (error) {
    if (error instanceof CsvError)
      throw new UploadError(error.code, error.line, { rows: `> ${MAX_REGISTRATION_ROWS}`, max: MAX_REGISTRATION_ROWS });
    throw error;
  }
  const [head, ...data] = rows;
  const fields = head!.cells.map((cell, index) => {
    const field = COLUMNS[fold(cell.replace(/_/g, " "))];
    if (!field) throw new UploadError("unknown_column", head!.line, { column: cell || `#${index + 1}`, columns: COLUMN_NAMES });
    return field;
  });
  if (data.length === 0) throw new UploadError("empty", head!.line);
  return {
    format: "csv",
    rows: data.map((row) => {
      if (row.cells.length > fields.length) throw new UploadError("cells", row.line, { cells: row.cells.length, columns: fields.length });
      const out: RegistrationRow = { line: row.line, serial: "" };
      fields.forEach((field, i) => {
        const value = row.cells[i]?.trim();
        if (value) out[field] = value;
      });
      return out;
    }),
  };
}

const SITE_CLAUSE = /(?:^|\s)(?:at|in|en|site|sede)\s+([^\n,;]+?)(?=\s+(?:tag|asset|etiqueta)\s|\n|$)/i;
const TAG_CLAUSE = /(?:^|\s)(?:asset tag|tag|asset|etiqueta)\s+(\S+)/i;
const FILLER = new Set(["and", "y", "e", "serial", "serials", "serie", "series", "devices", "dispositivos"]);

function readList(text: string): RegistrationInput {
  let rest = text;
  const site = SITE_CLAUSE.exec(rest);
  if (site) rest = rest.replace(site[0], " ");
  const tag = TAG_CLAUSE.exec(rest);
  if (tag) rest = rest.replace(tag[0], " ");
  const rows: RegistrationRow[] = [];
  rest.split("\n").forEach((lineText, index) => {
    for (const token of lineText.split(/[\s,;]+/)) {
      if (!token || FILLER.has(fold(token))) continue;
      rows.push({ line: index + 1, serial: token });
    }
  });
  if (rows.length === 0) throw new UploadError("empty", 1);
  if (rows.length > MAX_REGISTRATION_ROWS) throw new UploadError("too_many", 1, { rows: rows.length, max: MAX_REGISTRATION_ROWS });
  if (tag && rows.length > 1) throw new UploadError("tag_for_many", 1);
  if (tag) rows[0]!.assetTag = tag[1]!;
  return { format: "list", rows, ...(site ? { site: site[1]!.trim() } : {}) };
}
