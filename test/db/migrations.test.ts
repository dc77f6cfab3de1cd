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

  it.each(["sqlite", "postgresql"] as const)(
    "the %s migrations produce exactly the schema",
    async (provider) => {
      if (!(await testProviders()).includes(provider)) return;
      const migrated = await createTestDatabase(provider);
      const fresh = await createTestDatabase(provider);
      databases.push(migrated, fresh);
      const config = provider === "postgresql" ? ["--config", "prisma/postgres/prisma.config.ts"] : [];
      const schemaFile = provider === "postgresql" ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma";
      const script = await cli(
        ["migrate", "diff", ...config, "--from-empty", "--to-schema-datamodel", schemaFile, "--script"],
        migrated.url,
      );
      expect(script).not.toContain("FAILED");

      // Rebuild the second database from the schema file alone.
      if (provider === "sqlite") {
        await fresh.db.close();
        const db = new Sqlite(sqliteFile(fresh.url));
        const tables = (
          db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]
        ).map((t) => t.name);
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
    },
    180_000,
  );
});

describe("upgrading a database that holds data", () => {
  it.each(["sqlite", "postgresql"] as const)(
    "keeps cases, their timelines and the organizations' chat tenants through every migration on %s",
    async (provider) => {
      if (!(await testProviders()).includes(provider)) return;
      const { applyMigrations, readMigrations } = await import("../../db/migrate.ts");
      const { openDatabase } = await import("../../db/client.ts");
      const database = await createTestDatabase(provider);
      await database.db.close();
      // Recreate from the first migration only, add data, then apply the rest.
      const first = readMigrations(provider)[0]!.name;
      const url = provider === "sqlite" ? database.url.replace("test.db", "upgrade.db") : `${database.url}_up`;
      await applyMigrations(url, { until: first });
      let db = await openDatabase(url);
      const now = new Date();
      // With the per-platform tenant columns of the first schema, which a later migration turns into rows.
      await db.prisma.$executeRawUnsafe(
        `INSERT INTO "Organization" (id, key, name, "slackTeamId", "teamsTenantId", "createdAt", "updatedAt") VALUES ('o1', 'o1', 'Org', 'T0OLD', 'tenant-old', $1, $1)`.replace(
          /\$1/g,
          provider === "sqlite" ? "'2026-01-01T00:00:00.000+00:00'" : "now()",
        ),
      );
      // Raw SQL, as for the case below: the client knows the latest columns, this database only the first migration's.
      await db.prisma.$executeRawUnsafe(
        `INSERT INTO "Person" (id, key, name, role, "organizationId", "createdAt", "updatedAt") VALUES ('p1', 'p1', 'Pat', 'employee', 'o1', $1, $1)`.replace(
          /\$1/g,
          provider === "sqlite" ? "'2026-01-01T00:00:00.000+00:00'" : "now()",
        ),
      );
      await db.prisma.$executeRawUnsafe(
        `INSERT INTO "Case" (id, number, "organizationId", "requesterId", title, description, severity, status, language, "createdAt", "updatedAt")
       VALUES ('c1', 10001, 'o1', 'p1', 'Old case', 'd', 'sev3', 'open', 'en', $1, $1)`.replace(
          /\$1/g,
          provider === "sqlite" ? "'2026-01-01T00:00:00.000+00:00'" : "now()",
        ),
      );
      await db.prisma.$executeRawUnsafe(
        `INSERT INTO "CaseEvent" (id, "caseId", kind, visibility, "createdAt") VALUES ('e1', 'c1', 'opened', 'public', ${provider === "sqlite" ? "'2026-01-01T00:00:00.000+00:00'" : "now()"})`,
      );
      await db.close();
      const report = await applyMigrations(url);
      expect(report.applied.length).toBe(readMigrations(provider).length - 1);
      db = await openDatabase(url);
      const kept = await db.prisma.case.findUnique({ where: { id: "c1" }, include: { events: true } });
      expect(kept?.title).toBe("Old case");
      expect(kept?.events).toHaveLength(1);
      const tenants = await db.prisma.organizationTenant.findMany({ where: { organizationId: "o1" }, orderBy: { platform: "asc" } });
      expect(tenants.map((t) => [t.platform, t.tenantId])).toEqual([
        ["slack", "T0OLD"],
        ["teams", "tenant-old"],
      ]);
      await db.close();
      void now;
      if (provider === "sqlite") {
        const { rmSync } = await import("node:fs");
        rmSync(url.slice("file:".length), { force: true });
      } else {
        const pg = (await import("pg")).default;
        const client = new pg.Client({ connectionString: url.split("?")[0] });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${new URL(url).searchParams.get("schema")}" CASCADE`);
        await client.end();
      }
      await database.cleanup();
    },
    60_000,
  );
});
