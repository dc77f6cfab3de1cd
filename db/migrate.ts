/**
 * Applies the migrations of prisma/migrations (SQLite) or prisma/postgres/migrations (PostgreSQL)
 * in-process, recording them in Prisma's own `_prisma_migrations` table so that
 * `prisma migrate status` and `prisma migrate deploy` agree with what ran here.
 *
 * Doing this in-process (rather than spawning the Prisma CLI) keeps `npm start` and every test
 * database fast to set up. On PostgreSQL an advisory lock serializes replicas that start together.
 */
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { projectFile } from "../core/project-files.ts";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { DEFAULT_CONNECT_TIMEOUT_MS, postgresConnection, providerOf, sqliteFile, type Provider } from "./client.ts";

const root = `${projectFile("prisma")}/`;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

/** The migrations folder of a provider. */
export function migrationsDir(provider: Provider): string {
  return provider === "sqlite" ? `${root}migrations` : `${root}postgres/migrations`;
}

/** Reads a provider's migrations in order. */
export function readMigrations(provider: Provider): Migration[] {
  const dir = migrationsDir(provider);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(`${dir}/${entry.name}/migration.sql`))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(`${dir}/${name}/migration.sql`, "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** Thrown when the database holds a migration that differs from the file of the same name. */
export class MigrationError extends Error {
  override readonly name = "MigrationError";
}

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`;

const POSTGRES_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`;

// Any constant works; it only has to be the same for every replica.
const ADVISORY_LOCK_KEY = 72_707_369;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
}

function plan(migrations: Migration[], applied: AppliedRow[]): Migration[] {
  const done = new Map(applied.filter((row) => row.finished_at !== null).map((row) => [row.migration_name, row.checksum]));
  for (const migration of migrations) {
    const checksum = done.get(migration.name);
    if (checksum !== undefined && checksum !== migration.checksum)
      throw new MigrationError(`migration ${migration.name} was changed after it was applied; add a new migration instead`);
  }
  return migrations.filter((migration) => !done.has(migration.name));
}

/**
 * Applies pending migrations to the database at `url`. Safe to call on every start.
 * `until` stops after the named migration (tests of upgrades with data in between).
 */
export async function applyMigrations(url: string, options: { until?: string; connectTimeoutMs?: number } = {}): Promise<MigrationReport> {
  const provider = providerOf(url);
  const all = readMigrations(provider);
  const migrations = options.until ? all.filter((m) => m.name <= options.until!) : all;
  return provider === "sqlite"
    ? applySqlite(sqliteFile(url), migrations)
    : applyPostgres(url, migrations, options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS);
}

function applySqlite(file: string, migrations: Migration[]): MigrationReport {
  if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
  const db = new Sqlite(file, { timeout: 30_000 });
  try {
    db.pragma("journal_mode = WAL");
    db.exec(SQLITE_TABLE);
    const pending = plan(
      migrations,
      db.prepare(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations"`).all() as AppliedRow[],
    );
    for (const migration of pending) {
      // IMMEDIATE takes the write lock first, so two processes never apply the same migration.
      db.transaction(() => {
        const again = db
          .prepare(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = ? AND finished_at IS NOT NULL`)
          .get(migration.name);
        if (again) return;
        db.exec(migration.sql);
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES (?, ?, current_timestamp, ?, current_timestamp, 1)`,
        ).run(randomUUID(), migration.checksum, migration.name);
      }).immediate();
    }
    return { applied: pending.map((m) => m.name), alreadyApplied: migrations.length - pending.length };
  } finally {
    db.close();
  }
}

async function applyPostgres(url: string, migrations: Migration[], connectTimeoutMs: number): Promise<MigrationReport> {
  const { connection, schema } = postgresConnection(url);
  const client = new pg.Client({ connectionString: connection.toString(), connectionTimeoutMillis: connectTimeoutMs });
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock($1)`, [ADVISORY_LOCK_KEY]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replaceAll('"', '""')}"`);
    await client.query(`SET search_path TO "${schema.replaceAll('"', '""')}"`);
    await client.query(POSTGRES_TABLE);
    const { rows } = await client.query<AppliedRow>(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations"`);
    const pending = plan(migrations, rows);
    for (const migration of pending) {
      await client.query("BEGIN");
      try {
        // The generated script creates "public" for a fresh database; tables land in search_path.
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new MigrationError(`migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
    }
    return { applied: pending.map((m) => m.name), alreadyApplied: migrations.length - pending.length };
  } finally {
    await client.query(`SELECT pg_advisory_unlock($1)`, [ADVISORY_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
