/**
 * `npm run import:service -- <file.json|file.csv> [more files…] [--table <name>]`: loads depots,
 * lanes (which depot ships where), parts, stock, the onsite coverage table and technicians
 * (format in bot/replacements/README.md). All files in one transaction; idempotent.
 */
import { DEMO_CATALOG_FILE, loadCatalog } from "../../core/catalog.ts";
import { TABLES, type ServiceTable } from "../../bot/replacements/import-schema.ts";
import { importServiceData, parseServiceSources, readServiceFiles, ServiceImportError } from "../../bot/replacements/service-import.ts";
import { runCli, withDatabase } from "./run.ts";

const USAGE = `usage: npm run import:service -- <file.json|file.csv> [more files…] [--table ${Object.keys(TABLES).join("|")}]

Loads depots, lanes, parts, stock, onsite coverage and technicians (bot/replacements/README.md).
A CSV file holds one table, recognised by its header (or named with --table).`;

async function main(argv: string[]): Promise<number> {
  const files: string[] = [];
  let table: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--table") table = argv[++i];
    else if (!arg.startsWith("--")) files.push(arg);
  }
  if (files.length === 0 || argv.includes("--help")) {
    console.error(USAGE);
    return files.length === 0 && !argv.includes("--help") ? 2 : 0;
  }
  if (table !== undefined && !(table in TABLES)) {
    console.error(`--table must be one of ${Object.keys(TABLES).join(", ")}`);
    return 2;
  }
  const data = parseServiceSources(readServiceFiles(files, table as ServiceTable | undefined));
  return withDatabase(async (db, config) => {
    const report = await importServiceData(db, loadCatalog(config.catalogFile ?? DEMO_CATALOG_FILE), data);
    console.log(JSON.stringify({ files, ...report }));
    return 0;
  });
}

runCli(main, (error) => error instanceof ServiceImportError);
