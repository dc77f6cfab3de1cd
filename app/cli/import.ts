/**
 * `npm run import -- <file.json>`: loads organizations, contracts, sites, people and their
 * Slack/Teams identities, devices and channels (format in README.md). Idempotent.
 */
import { readFileSync } from "node:fs";
import { loadCatalog, DEMO_CATALOG_FILE } from "../../core/catalog.ts";
import { ImportError, importData, parseImportFile } from "../../bot/people/importer.ts";
import { runCli, withDatabase } from "./run.ts";

async function main(argv: string[]): Promise<number> {
  const file = argv.find((arg) => !arg.startsWith("--"));
  if (!file || argv.includes("--help")) {
    console.error(
      "usage: npm run import -- <file.json>\n\nLoads the organizations, contracts, sites, people, devices and channels of an import file.",
    );
    return file ? 0 : 2;
  }
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    console.error(`cannot read ${file}: ${(error as Error).message}`);
    return 2;
  }
  const data = parseImportFile(text);
  return withDatabase(async (db, config) => {
    const report = await importData(db, loadCatalog(config.catalogFile ?? DEMO_CATALOG_FILE), data);
    console.log(JSON.stringify({ file, ...report }));
    return 0;
  });
}

runCli(main, (error) => error instanceof ImportError);
