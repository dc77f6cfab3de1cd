/**
 * A small CSV reader (RFC 4180: quoted fields, doubled quotes, commas and line breaks inside
 * quotes, CRLF or LF). Enough for depot and stock sheets exported from a spreadsheet; anything
 * that is not clean UTF-8 text with a header row is refused with the line to fix.
 */

/** A CSV file that cannot be read; the message names the line. */
export class CsvError extends Error {
  override readonly name = "CsvError";
}

export interface CsvTable {
  header: string[];
  /** Each row with its 1-based line number in the file (the header is line 1). */
  rows: { line: number; cells: Record<string, string> }[];
}

/** Parses CSV text with a header row. */
export function parseCsv(text: string, options: { maxRows?: number } = {}): CsvTable {
  if (text.includes("\uFFFD")) throw new CsvError("the file is not UTF-8 text (save it as CSV UTF-8)");
  if (text.includes("\u0000")) throw new CsvError("the file is binary, not CSV text");
  const source = text.replace(/^\uFEFF/, "");
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else {
        if (char === "\n") line += 1;
        field += char;
      }
      continue;
    }
    if (char === '"' && field === "") quoted = true;
    else if (char === ",") {
      fields.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && source[i + 1] === "\n") i += 1;
      fields.push(field);
      records.push({ line: recordLine, fields });
      fields = [];
      field = "";
      line += 1;
      recordLine = line;
    } else field += char;
  }
  if (quoted) throw new CsvError(`line ${recordLine}: a quoted field is not closed`);
  if (field !== "" || fields.length > 0) {
    fields.push(field);
    records.push({ line: recordLine, fields });
  }
  const nonEmpty = records.filter((record) => record.fields.some((value) => value.trim() !== ""));
  const [head, ...body] = nonEmpty;
  if (!head) throw new CsvError("the file is empty (it needs a header row and data rows)");
  const header = head.fields.map((name) => name.trim());
  const duplicate = header.find((name, index) => header.indexOf(name) !== index);
  if (duplicate) throw new CsvError(`line ${head.line}: the column ${duplicate} appears twice in the header`);
  if (header.some((name) => name === "")) throw new CsvError(`line ${head.line}: the header has an empty column name`);
  if (options.maxRows !== undefined && body.length > options.maxRows)
    throw new CsvError(`the file has ${body.length} rows; at most ${options.maxRows} are accepted in one import`);
  const rows = body.map((record) => {
    if (record.fields.length !== header.length)
      throw new CsvError(`line ${record.line}: ${record.fields.length} fields, but the header has ${header.length} columns`);
    return { line: record.line, cells: Object.fromEntries(header.map((name, index) => [name, record.fields[index]!.trim()])) };
  });
  return { header, rows };
}
