/**
 * Exporting the audit log (npm run audit -- export): CSV or JSON, written in pages so a large log
 * never sits in memory. Every stored column is exported as stored — including the chain's
 * columns — so an export can be checked against the chain later. The JSON is exactly as stored;
 * the CSV neutralises cells a spreadsheet would run as formulas (see csvCell), so check the
 * chain against the JSON export or the database, not against the CSV.
 */
import type { Database } from "../../db/client.ts";
import { customerVisible, redactForCustomer } from "./customer-view.ts";

export interface ExportOptions {
  format: "csv" | "json";
  since?: Date;
  until?: Date;
  organizationId?: string;
  /**
   * The view a customer's admin gets in chat (audit-search.ts): only entries about what the
   * customer may see, internal ids and note text removed.
   */
  customerView?: boolean;
  pageSize?: number;
}

/** The exported columns, in order: every stored column, the chain's included. */
export const EXPORT_COLUMNS = [
  "seq",
  "chainIndex",
  "at",
  "actorId",
  "actorLabel",
  "platform",
  "action",
  "subjectType",
  "subjectId",
  "organizationId",
  "before",
  "after",
  "prevHash",
  "hash",
] as const;

/**
 * One CSV cell: RFC 4180 quoting (quotes, commas and line breaks inside double quotes), and a
 * value a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return —
 * an author named `=HYPERLINK(…)`) is prefixed with `'` so it opens as text.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const raw = value instanceof Date ? value.toISOString() : String(value);
  const text = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Writes the export through `write`, page by page, in log order; returns the number of entries. */
export async function exportAudit(db: Database, options: ExportOptions, write: (chunk: string) => void | Promise<void>): Promise<number> {
  const pageSize = options.pageSize ?? 1_000;
  const where = {
    ...(options.organizationId ? { organizationId: options.organizationId } : {}),
    ...(options.since || options.until
      ? { at: { ...(options.since ? { gte: options.since } : {}), ...(options.until ? { lt: options.until } : {}) } }
      : {}),
    ...(options.customerView ? customerVisible : {}),
  };
  if (options.format === "csv") await write(`${EXPORT_COLUMNS.join(",")}\n`);
  else
    await write(
      `{"filters":${JSON.stringify({ since: options.since ?? null, until: options.until ?? null, organizationId: options.organizationId ?? null })},"entries":[`,
    );
  let after = 0;
  let count = 0;
  for (;;) {
    const rows = await db.prisma.auditLog.findMany({ where: { ...where, seq: { gt: after } }, orderBy: { seq: "asc" }, take: pageSize });
    let page = "";
    for (const stored of rows) {
      const row = options.customerView ? redactForCustomer(stored) : stored;
      if (options.format === "csv") page += `${EXPORT_COLUMNS.map((column) => csvCell(row[column])).join(",")}\n`;
      else page += `${count > 0 ? "," : ""}\n${JSON.stringify(Object.fromEntries(EXPORT_COLUMNS.map((column) => [column, row[column]])))}`;
      count += 1;
    }
    if (page) await write(page);
    if (rows.length < pageSize) break;
    after = rows[rows.length - 1]!.seq;
  }
  if (options.format === "json") await write(`\n],"count":${count}}\n`);
  return count;
}
