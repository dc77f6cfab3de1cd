// Prisma CLI configuration for the scaled (PostgreSQL) schema, derived from ../schema.prisma.
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// The schema reads env("DATABASE_URL"); give the CLI a PostgreSQL URL even where the
// environment points at the embedded SQLite file (`npm ci` runs `prisma generate` for both).
if (!/^postgres(ql)?:/.test(process.env.DATABASE_URL ?? "")) process.env.DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/test";
const connectionString = process.env.DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  adapter: async () => new PrismaPg({ connectionString }),
});
