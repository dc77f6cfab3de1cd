// Prisma CLI configuration for the embedded (SQLite) schema.
// The JavaScript schema engine with a driver adapter keeps every CLI command offline;
// the native engine would be downloaded at run time, which production hosts may not allow.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// The schema reads env("DATABASE_URL"); give the CLI a SQLite URL even where the
// environment points at PostgreSQL (e.g. `npm ci` on a scaled host runs `prisma generate`).
if (!process.env.DATABASE_URL?.startsWith("file:")) process.env.DATABASE_URL = "file:./data/switchboard.db";
const url = process.env.DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => new PrismaBetterSQLite3({ url }),
});
