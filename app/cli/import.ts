/**
 * `npm run import -- <file.json>`: loads organizations, contracts, sites, people and their
 * Slack/Teams identities, devices and channels (format in README.md). Idempotent.
 */
import { readFileSync } from "node:fs";
import { loadCatalog, DEMO_CATALOG_FILE } from "../../bot/catalog.ts";
import { ImportError, importData, parseImportFile } from "../../bot/services/importer.ts";
import { openDatabase } from "../../db/client.ts";
import { applyMigrations } from "../../db/migrate.ts";
import { ConfigError, readConfig } from "../config.ts";
import { loadEnv } from "../env.ts";

async function main(argv: string[]): Promise<number> {
  const file = argv.find((arg) => !arg.startsWith("--"));
  if (!file || argv.includes("--help")) {
    console.error(
      "usage: npm run import -- <file.json>\n\nLoads the organizations, contracts, sites, people, devices and channels of an import file.",
    );
    return file ? 0 : 2;
  }
  const config = readConfig(loadEnv());
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    console.error(`cannot read ${file}: ${(error as Error).message}`);
    return 2;
  }
  const data = parseImportFile(text);
  await applyMigrations(config.databaseUrl);
  const db = await openDatabase(config.databaseUrl);
  try {
    const report = await importData(db, loadCatalog(config.catalogFile ?? DEMO_CATALOG_FILE), data);
    console.log(JSON.stringify({ file, ...report }));
    return 0;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ImportError || error instanceof ConfigError) console.error(error.message);
    else console.error(error);
    process.exit(error instanceof ImportError || error instanceof ConfigError ? 2 : 1);
  },
);
