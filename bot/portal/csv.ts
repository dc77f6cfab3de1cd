/**
 * A small CSV reader (RFC 4180: quoted fields, doubled quotes, CRLF or LF) for the uploads the
 * portal takes — bulk registration and firmware releases. It keeps the line each row started on,
 * so every problem can name it, and it refuses what it cannot read instead of guessing.
 */

/** One data row: the physical line it starts on (1-based) and its cells, trimmed. */
export interface CsvRow {
  line: number;
  cells: string[];
}

/** Why a text cannot be read as CSV at all. */
export type CsvProblem = "encoding" | "binary" | "quote" | "unclosed" | "too_many";

const REASONS: Record<CsvProblem, string> = {
  encoding: "is not valid UTF-8 text (save the file as CSV UTF-8)",
  binary: "contains binary data; send a CSV text file",
  quote: "has a quote inside an unquoted value; put the value in quotes",
  unclosed: "has a quoted value that is never closed",
  too_many: "is past the row limit",
};

/** A problem that makes the whole text unreadable; `line` says where, `code` what. */
export class CsvError extends Error {
  override readonly name = "CsvError";
  constructor(
    readonly line: number,
    readonly code: CsvProblem,
    readonly limit?: number,
  ) {
    super(`line ${line} ${REASONS[code]}${limit ? ` (${limit.toLocaleString("en-US")} rows)` : ""}`);
  }
}

/**
 * Checks text that already went through a decoder (a chat message): replacement characters mean
 * the sender's bytes were not UTF-8, and NUL bytes mean a binary file.
 */
export function checkText(text: string): void {
  const bad = text.search(/[\uFFFD\u0000]/);
  if (bad < 0) return;
  const line = countLines(text, bad);
  throw new CsvError(line, text[bad] === "\u0000" ? "binary" : "encoding");
}

/** The 1-based line of a character offset. */
export function countLines(text: string, offset = text.length): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) line += 1;
  return line;
}

/** Picks the delimiter of a header line: comma, semicolon (European spreadsheets) or tab. */
export function detectDelimiter(firstLine: string): "," | ";" | "\t" {
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const tabs = count("\t");
  const semis = count(";");
  const commas = count(",");
  if (tabs > commas && tabs > semis) return "\t";
  return semis > commas ? ";" : ",";
}

/**
 * Parses CSV text into rows. Blank lines are skipped; `maxRows` stops early with an error (the
 * caller says what the limit is for) rather than reading a huge paste into memory.
 */
export function parseCsv(text: string, options: { delimiter?: string; maxRows?: number } = {}): CsvRow[] {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const newline = source.indexOf("\n");
  const delimiter = options.delimiter ?? detectDelimiter(newline < 0 ? source : source.slice(0, newline));
  const maxRows = options.maxRows ?? Number.POSITIVE_INFINITY;
  const rows: CsvRow[] = [];
  let line = 1;
  let i = 0;
  while (i < source.length) {
    const startLine = line;
    const cells: string[] = [];
    let cell = "";
    let quoted = false;
    let atCellStart = true;
    for (; i < source.length; i++) {
      const ch = source[i]!;
      if (quoted) {
        if (ch === '"') {
          if (source[i + 1] === '"') {
            cell += '"';
            i += 1;
          } else quoted = false;
        } else {
          if (ch === "\n") line += 1;
          cell += ch;
        }
        continue;
      }
      if (ch === '"' && atCellStart && cell.trim() === "") {
        quoted = true;
        cell = "";
        atCellStart = false;
      } else if (ch === '"') {
        throw new CsvError(line, "quote");
      } else if (ch === delimiter) {
        cells.push(cell.trim());
        cell = "";
        atCellStart = true;
      } else if (ch === "\n" || ch === "\r") {
        if (ch === "\r" && source[i + 1] === "\n") i += 1;
        i += 1;
        line += 1;
        break;
      } else {
        cell += ch;
        if (ch !== " " && ch !== "\t") atCellStart = false;
      }
    }
    if (quoted) throw new CsvError(startLine, "unclosed");
    cells.push(cell.trim());
    if (cells.length === 1 && cells[0] === "") continue;
    if (rows.length >= maxRows) throw new CsvError(startLine, "too_many", maxRows);
    rows.push({ line: startLine, cells });
  }
  return rows;
}
