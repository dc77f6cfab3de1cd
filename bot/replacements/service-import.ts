/**
 * Loads service data (depots, lanes, parts, stock, onsite coverage, technicians) from JSON or CSV
 * files in one transaction: all of it or, when anything is wrong, none of it. Every problem is
 * reported at once, naming the file, the line or row, and the field.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { projectFile } from "../../core/project-files.ts";
import type { Logger } from "pino";
import type { Database, Tx } from "../../db/client.ts";
import { newId } from "../../db/ids.ts";
import type { Catalog } from "../../core/catalog.ts";
import { formatIssuePath, upsertRow, type ImportReport } from "../people/importer.ts";
import { CsvError, parseCsv } from "./csv.ts";
import { serviceFileSchema, TABLES, type ServiceFile, type ServiceTable } from "./import-schema.ts";

/** A service file that cannot be loaded; each problem says where and what to fix. */
export class ServiceImportError extends Error {
  override readonly name = "ServiceImportError";
  constructor(readonly problems: string[]) {
    super(`the service data has ${problems.length} problem(s); nothing was imported:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** One input: a file name (its extension picks JSON or CSV) and its text. */
export interface ServiceSource {
  name: string;
  text: string;
  /** For CSV: the table, when the header alone does not tell. */
  table?: ServiceTable;
}

const MAX_CSV_ROWS = 50_000;

/** Parses and validates the sources into one service file (CSV tables are appended). */
export function parseServiceSources(sources: ServiceSource[]): ServiceFile {
  const problems: string[] = [];
  const merged: ServiceFile = { version: 1, depots: [], lanes: [], parts: [], stock: [], onsite: [], technicians: [] };
  for (const source of sources) {
    const before = problems.length;
    const file =
      path.extname(source.name).toLowerCase() === ".csv" || source.table ? readCsv(source, problems) : readJson(source, problems);
    if (!file || problems.length > before) continue;
    for (const table of Object.keys(TABLES) as ServiceTable[]) (merged[table] as unknown[]).push(...file[table]);
  }
  if (problems.length > 0) throw new ServiceImportError(problems.slice(0, 30));
  return merged;
}

function readJson(source: ServiceSource, problems: string[]): ServiceFile | undefined {
  let data: unknown;
  try {
    data = JSON.parse(source.text);
  } catch (error) {
    problems.push(`${source.name}: not valid JSON (${(error as Error).message})`);
    return undefined;
  }
  const parsed = serviceFileSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, 20)) problems.push(`${source.name}: ${formatIssuePath(issue.path)}: ${issue.message}`);
    return undefined;
  }
  return parsed.data;
}

/** Which table a CSV header is: the one whose required columns it has and whose columns it allows. */
export function tableOfHeader(header: string[]): ServiceTable | undefined {
  const matches = (Object.entries(TABLES) as [ServiceTable, (typeof TABLES)[ServiceTable]][]).filter(
    ([, spec]) => spec.required.every((column) => header.includes(column)) && header.every((column) => spec.allowed.includes(column)),
  );
  return matches.length === 1 ? matches[0]![0] : undefined;
}

function readCsv(source: ServiceSource, problems: string[]): ServiceFile | undefined {
  let table;
  try {
    table = parseCsv(source.text, { maxRows: MAX_CSV_ROWS });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    problems.push(`${source.name}: ${error.message}`);
    return undefined;
  }
  const name = source.table ?? tableOfHeader(table.header);
  if (!name) {
    const expected = Object.entries(TABLES).map(([table, spec]) => `${table} (${spec.required.join(",")})`);
    problems.push(
      `${source.name}: the header "${table.header.join(",")}" matches no table; expected one of ${expected.join("; ")} — or pass --table <name>`,
    );
    return undefined;
  }
  const spec = TABLES[name];
  const unknown = table.header.filter((column) => !spec.allowed.includes(column));
  if (unknown.length > 0)
    problems.push(`${source.name}: unknown column(s) ${unknown.join(", ")} for ${name}; allowed: ${spec.allowed.join(", ")}`);
  const rows: unknown[] = [];
  for (const row of table.rows) {
    const object: Record<string, unknown> = {};
    for (const [column, cell] of Object.entries(row.cells)) {
      if (cell === "") continue;
      if (spec.lists?.includes(column))
        object[column] = cell
          .split(/[|;]/)
          .map((item) => item.trim())
          .filter(Boolean);
      else if (spec.numbers?.includes(column)) object[column] = /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell;
      else if (spec.booleans?.includes(column))
        object[column] = /^(true|yes|1)$/i.test(cell) ? true : /^(false|no|0)$/i.test(cell) ? false : cell;
      else object[column] = cell;
    }
    if (name === "technicians" && (object.platform || object.conversationId)) {
      object.notify = { platform: object.platform, conversationId: object.conversationId };
      delete object.platform;
      delete object.conversationId;
    }
    const parsed = spec.schema.safeParse(object);
    if (!parsed.success)
      for (const issue of parsed.error.issues)
        problems.push(`${source.name} line ${row.line}: ${formatIssuePath(issue.path)}: ${issue.message}`);
    else rows.push(parsed.data);
  }
  return { version: 1, depots: [], lanes: [], parts: [], stock: [], onsite: [], technicians: [], [name]: rows } as ServiceFile;
}

/** Reads files from disk as sources. */
export function readServiceFiles(files: string[], table?: ServiceTable): ServiceSource[] {
  return files.map((file) => {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      throw new ServiceImportError([`${file}: cannot be read (${(error as Error).message})`]);
    }
    return { name: file, text, table };
  });
}

function duplicates<T>(rows: T[], keyOf: (row: T) => string, label: string, problems: string[]): void {
  const seen = new Set<string>();
  for (const row of rows) {
    const key = keyOf(row);
    if (seen.has(key)) problems.push(`${label} ${key} appears twice`);
    seen.add(key);
  }
}

/** Checks what the schema cannot: references between tables, to the catalog and to the database. */
async function crossCheck(db: Database, catalog: Catalog, file: ServiceFile): Promise<void> {
  const problems: string[] = [];
  duplicates(file.depots, (row) => row.key, "depot", problems);
  duplicates(file.lanes, (row) => `${row.depot}→${row.country}`, "lane", problems);
  duplicates(file.parts, (row) => row.code, "part", problems);
  duplicates(file.stock, (row) => `${row.depot}/${row.part}`, "stock line", problems);
  duplicates(file.onsite, (row) => `${row.country}${row.region ? `-${row.region}` : ""}`, "onsite coverage", problems);
  duplicates(file.technicians, (row) => row.key, "technician", problems);
  const models = new Set(catalog.models.map((model) => model.id));
  const families = new Set(catalog.models.map((model) => model.family));
  const [depotRows, partRows] = await Promise.all([
    db.prisma.depot.findMany({ select: { key: true, id: true } }),
    db.prisma.part.findMany({ select: { code: true } }),
  ]);
  const depots = new Set([...depotRows.map((row) => row.key), ...file.depots.map((row) => row.key)]);
  const parts = new Set([...partRows.map((row) => row.code), ...file.parts.map((row) => row.code)]);
  file.lanes.forEach(
    (lane, i) =>
      depots.has(lane.depot) || problems.push(`lanes[${i}].depot: unknown depot ${lane.depot} (not in this import or the database)`),
  );
  file.parts.forEach((part, i) => {
    for (const model of part.models)
      if (!models.has(model)) problems.push(`parts[${i}].models: unknown model ${model} (not in the product catalog)`);
    if ((part.kind === "unit") !== (part.category === "unit"))
      problems.push(`parts[${i}]: a whole unit has kind "unit" and category "unit" (a part has kind "fru")`);
  });
  file.onsite.forEach((row, i) => {
    for (const family of row.families)
      if (!families.has(family))
        problems.push(`onsite[${i}].families: unknown product family ${family} (catalog families: ${[...families].join(", ")})`);
  });
  const depotIds = new Map(depotRows.map((row) => [row.key, row.id]));
  for (const [i, line] of file.stock.entries()) {
    if (!depots.has(line.depot)) problems.push(`stock[${i}].depot: unknown depot ${line.depot}`);
    if (!parts.has(line.part)) problems.push(`stock[${i}].part: unknown part ${line.part} (add it to parts first)`);
    const depotId = depotIds.get(line.depot);
    const current = depotId
      ? await db.prisma.stockItem.findUnique({ where: { depotId_partCode: { depotId, partCode: line.part } } })
      : null;
    if (current && line.onHand < current.reserved)
      problems.push(
        `stock[${i}].onHand: ${line.onHand} is below the ${current.reserved} unit(s) of ${line.part} reserved at ${line.depot} for ordered replacements`,
      );
  }
  if (problems.length > 0) throw new ServiceImportError(problems.slice(0, 30));
}

/** Loads a validated service file. */
export async function importServiceData(db: Database, catalog: Catalog, file: ServiceFile, now: Date = new Date()): Promise<ImportReport> {
  await crossCheck(db, catalog, file);
  const report: ImportReport = { created: {}, updated: {}, unchanged: 0 };
  await db.prisma.$transaction(
    async (tx) => {
      const depotIds = new Map((await tx.depot.findMany({ select: { key: true, id: true } })).map((row) => [row.key, row.id]));
      for (const depot of file.depots) {
        const { key, ...data } = depot;
        depotIds.set(key, await upsertRow(tx, "depot", { key }, { ...data, holidayRegion: data.holidayRegion ?? null }, report));
      }
      for (const lane of file.lanes)
        await upsertRow(
          tx,
          "depotLane",
          { depotId: depotIds.get(lane.depot)!, country: lane.country },
          { priority: lane.priority, transitDays: lane.transitDays },
          report,
        );
      for (const part of file.parts)
        await upsertRow(
          tx,
          "part",
          { code: part.code },
          { name: part.name, nameEs: part.nameEs ?? null, kind: part.kind, category: part.category, models: JSON.stringify(part.models) },
          report,
          "code",
        );
      for (const line of file.stock) {
        const depotId = depotIds.get(line.depot)!;
        const existing = await tx.stockItem.findUnique({ where: { depotId_partCode: { depotId, partCode: line.part } } });
        if (!existing) {
          await tx.stockItem.create({
            data: {
              id: newId(),
              depotId,
              partCode: line.part,
              onHand: line.onHand,
              lowAt: line.lowAt,
              restockOn: line.restockOn ?? null,
              updatedAt: now,
            },
          });
          report.created.stockItem = (report.created.stockItem ?? 0) + 1;
          continue;
        }
        const restockOn = line.restockOn ?? null;
        if (existing.onHand === line.onHand && existing.lowAt === line.lowAt && existing.restockOn === restockOn) {
          report.unchanged += 1;
          continue;
        }
        // Conditional, so a reservation committed since the check is never pushed below zero.
        const updated =
          await tx.$executeRaw`UPDATE "StockItem" SET "onHand" = ${line.onHand}, "lowAt" = ${line.lowAt}, "restockOn" = ${restockOn}, "updatedAt" = ${now}
          WHERE id = ${existing.id} AND reserved <= ${line.onHand}`;
        if (updated === 0)
          throw new ServiceImportError([
            `stock ${line.depot}/${line.part}: onHand ${line.onHand} is below the units reserved meanwhile; nothing was imported`,
          ]);
        report.updated.stockItem = (report.updated.stockItem ?? 0) + 1;
      }
      for (const row of file.onsite)
        await upsertRow(
          tx,
          "onsiteCoverage",
          { country: row.country, region: row.region },
          { families: JSON.stringify(row.families), fee: Math.round(row.fee * 100), currency: row.currency, hours: row.hours },
          report,
        );
      for (const technician of file.technicians)
        await upsertRow(
          tx,
          "technician",
          { key: technician.key },
          {
            name: technician.name,
            phone: technician.phone ?? null,
            email: technician.email ?? null,
            areas: JSON.stringify(technician.areas),
            locale: technician.locale,
            platform: technician.notify?.platform ?? null,
            conversationId: technician.notify?.conversationId ?? null,
            active: technician.active,
          },
          report,
        );
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
  return report;
}

/** The demo depots, parts, stock, onsite coverage and technicians shipped with the project. */
export const DEMO_SERVICE_FILE = projectFile("demo/service-data.json");

/**
 * Seeds the demo service data into a demo database that has none yet (no depots, and the demo
 * customer present), so a first `npm start` can walk an RMA and an onsite visit end to end.
 */
export async function seedDemoServiceData(db: Database, catalog: Catalog, log: Logger): Promise<void> {
  if ((await db.prisma.depot.count()) > 0) return;
  if (!(await db.prisma.organization.findUnique({ where: { key: "contoso" }, select: { id: true } }))) return;
  const report = await importServiceData(db, catalog, parseServiceSources(readServiceFiles([DEMO_SERVICE_FILE])));
  log.info({ created: report.created }, "demo depots, stock and onsite coverage seeded");
}
