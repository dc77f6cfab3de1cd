// Prisma CLI configuration for the scaled (PostgreSQL) schema, derived from ../schema.prisma.
// Paths are relative to this file. A `?schema=name` parameter in DATABASE_URL selects the schema,
// as it does for the app (db/client.ts).
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// The schema reads env("DATABASE_URL"); give the CLI a PostgreSQL URL even where the
// environment points at the embedded SQLite file (`npm ci` runs `prisma generate` for both).
if (!/^postgres(ql)?:/.test(process.env.DATABASE_URL ?? "")) process.env.DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/test";
const url = new URL(process.env.DATABASE_URL!);
const schema = url.searchParams.get("schema") ?? "public";
url.searchParams.delete("schema");
if (!url.username) url.username = "postgres";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  adapter: async () => new PrismaPg({ connectionString: url.toString(), options: `-c search_path="${schema}"` }, { schema }),
});
