/**
 * Each provider's migrations folder must produce exactly its schema. A database migrated by the
 * app's own migrator is compared, table by table, with one built straight from the schema file
 * (`prisma migrate diff --from-empty`); and the Prisma CLI must agree that nothing is pending.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { sqliteFile } from "../../db/client.ts";
import { createTestDatabase, testProviders, type TestDatabase } from "../support/database.ts";
import { describeSchema } from "../support/schema-snapshot.ts";

const run = promisify(execFile);
const cli = (args: string[], url: string) =>
  run("npx", ["prisma", ...args], { env: { ...process.env, DATABASE_URL: url }, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }).then(
    (result) => result.stdout,
    (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ""}\n${error.stderr ?? ""}\nFAILED`,
  );

describe("schema and migrations", () => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const database of databases) await database.cleanup();
  });

  it("keeps the derived PostgreSQL schema in step with the source schema", async () => {
    const output = await run("npx", ["tsx", "scripts/derive-postgres-schema.ts", "--check"]).then(
      () => "ok",
      (error: { stderr?: string }) => error.stderr ?? "failed",
    );
    expect(output).toBe("ok");
  });

  it.each(["sqlite", "postgresql"] as const)("the %s migrations produce exactly the schema", async (provider) => {
    if (!(await testProviders()).includes(provider)) return;
    const migrated = await createTestDatabase(provider);
    const fresh = await createTestDatabase(provider);
    databases.push(migrated, fresh);
    const config = provider === "postgresql" ? ["--config", "prisma/postgres/prisma.config.ts"] : [];
    const schemaFile = provider === "postgresql" ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma";
    const script = await cli(["migrate", "diff", ...config, "--from-empty", "--to-schema-datamodel", schemaFile, "--script"], migrated.url);
    expect(script).not.toContain("FAILED");

    // Rebuild the second database from the schema file alone.
    if (provider === "sqlite") {
      await fresh.db.close();
      const db = new Sqlite(sqliteFile(fresh.url));
      const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map((t) => t.name);
      db.pragma("foreign_keys = OFF");
      for (const table of tables) db.exec(`DROP TABLE "${table}"`);
      db.exec(script);
      db.close();
    } else {
      const url = new URL(fresh.url);
      const schema = url.searchParams.get("schema")!;
      url.searchParams.delete("schema");
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      await client.query(`DROP SCHEMA "${schema}" CASCADE; CREATE SCHEMA "${schema}"; SET search_path TO "${schema}"`);
      await client.query(script);
      await client.end();
    }
    expect(await describeSchema(migrated.url)).toEqual(await describeSchema(fresh.url));

    const status = await cli(["migrate", "status", ...config], migrated.url);
    expect(status).toContain("Database schema is up to date");
  }, 180_000);
});
