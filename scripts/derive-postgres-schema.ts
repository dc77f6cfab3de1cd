/**
 * Derives prisma/postgres/schema.prisma from the SQLite source schema.
 * Prisma allows one provider per schema file; keeping one source and deriving the other keeps
 * the two models identical (a test checks each migrations folder against its schema).
 *
 *   npm run db:derive-postgres           write the derived file
 *   npm run db:derive-postgres -- --check  exit 1 when the derived file is out of date
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const sourceFile = `${root}prisma/schema.prisma`;
const targetFile = `${root}prisma/postgres/schema.prisma`;

/** Rewrites the SQLite schema text into the PostgreSQL one. */
export function derivePostgresSchema(sqlite: string): string {
  const header = "// GENERATED from prisma/schema.prisma by scripts/derive-postgres-schema.ts — do not edit.\n";
  const body = sqlite
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace('output     = "../generated/sqlite"', 'output     = "../../generated/postgres"');
  if (body === sqlite) throw new Error("the source schema does not look like the SQLite schema");
  return header + body;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const derived = derivePostgresSchema(readFileSync(sourceFile, "utf8"));
  if (process.argv.includes("--check")) {
    const current = readFileSync(targetFile, "utf8");
    if (current !== derived) {
      console.error("prisma/postgres/schema.prisma is out of date: run `npm run db:derive-postgres`");
      process.exit(1);
    }
  } else {
    writeFileSync(targetFile, derived);
    console.error(`wrote ${targetFile}`);
  }
}
