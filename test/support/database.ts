/**
 * Test databases: a fresh SQLite file in a temp folder, or a fresh schema in the PostgreSQL at
 * 127.0.0.1:5432 (database `test`), migrated with the same code the app uses at start.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase, type Database, type Provider } from "../../db/client.ts";
import { applyMigrations } from "../../db/migrate.ts";

export const POSTGRES_TEST_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

export interface TestDatabase {
  db: Database;
  url: string;
  /** Closes the pool and removes the file or schema. */
  cleanup(): Promise<void>;
}

let postgresAvailable: Promise<boolean> | undefined;

/** True when the test PostgreSQL answers; the scaled-mode tests skip with a message otherwise. */
export function isPostgresAvailable(): Promise<boolean> {
  postgresAvailable ??= (async () => {
    const client = new pg.Client({ connectionString: POSTGRES_TEST_URL, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query("SELECT 1");
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return postgresAvailable;
}

/** The providers to run storage tests against: SQLite always, PostgreSQL when it is up. */
export async function testProviders(): Promise<Provider[]> {
  if (await isPostgresAvailable()) return ["sqlite", "postgresql"];
  console.warn(`PostgreSQL is not reachable at ${POSTGRES_TEST_URL}: running the SQLite half only (.ci/run starts it)`);
  return ["sqlite"];
}

/** A migrated, empty database for one test file. */
export async function createTestDatabase(provider: Provider = "sqlite"): Promise<TestDatabase> {
  if (provider === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), "switchboard-test-"));
    const url = `file:${path.join(dir, "test.db")}`;
    await applyMigrations(url);
    const db = await openDatabase(url);
    return {
      db,
      url,
      cleanup: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const url = `${POSTGRES_TEST_URL}?schema=${schema}`;
  await applyMigrations(url);
  const db = await openDatabase(url, { poolSize: 4 });
  return {
    db,
    url,
    cleanup: async () => {
      await db.close();
      const client = new pg.Client({ connectionString: POSTGRES_TEST_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}
