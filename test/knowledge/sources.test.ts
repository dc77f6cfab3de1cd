import { execFile } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../app/app.ts";
import { readConfig } from "../../app/config.ts";
import { createLogger } from "../../app/logger.ts";
import { createTestApp, MemoryLog, RecordingDeliverer } from "../support/app.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { message } from "../support/events.ts";
import { copyFixtures, REPO_ROOT } from "./support.ts";

const run = promisify(execFile);
const TSX = path.join(REPO_ROOT, "node_modules/.bin/tsx");
const CLI = path.join(REPO_ROOT, "app/cli/kb.ts");
const DEMO_DOCS = path.join(REPO_ROOT, "demo/docs");

/** Answered only by the demo documentation (the fixture corpus has no headsets). */
const DEMO_ONLY_QUESTION = "Why does raising the boom mute my Headset Pro?";
const DEMO_PAGE = "Headset Pro and Headset Lite";

describe("knowledge sources when KNOWLEDGE_DIR changes", () => {
  it("stops answering from the demo pages once the real documentation folder is configured", async () => {
    const first = await createTestApp();
    const docs = copyFixtures();
    try {
      await first.app.bot.handle(message("employee", DEMO_ONLY_QUESTION));
      await expect.poll(() => first.recorder.textOf("dm:employee")).toContain(DEMO_PAGE);
      await first.app.stop();

      // Restart on the same database with the folder of the real documentation.
      const logs = new MemoryLog();
      const config = readConfig({
        PORT: "0",
        HOST: "127.0.0.1",
        DATABASE_URL: first.database.url,
        KNOWLEDGE_DIR: docs,
        LOG_LEVEL: "debug",
      });
      const app = await createApp(config, { log: createLogger({ level: "debug", destination: logs }), dispatcher: { idlePollMs: 20 } });
      const recorder = new RecordingDeliverer("shell");
      app.dispatcher.register(recorder);
      await app.start();
      try {
        await expect.poll(() => logs.lines.some((l) => l.msg === "documentation ingested"), { timeout: 20_000 }).toBe(true);
        await app.bot.handle(message("employee", DEMO_ONLY_QUESTION));
        await expect.poll(() => recorder.textOf("dm:employee")).toContain("couldn't find this");
        expect(recorder.textOf("dm:employee")).not.toContain(DEMO_PAGE);
        expect(logs.lines.some((l) => String(l.msg).startsWith("documentation folder changed") && l.source === DEMO_DOCS)).toBe(true);
      } finally {
        await app.stop();
      }
    } finally {
      rmSync(docs, { recursive: true, force: true });
      await first.database.cleanup();
    }
  }, 120_000);
});

describe("npm run kb -- sources | remove | reindex", () => {
  let database: TestDatabase;
  let docs: string;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    await database.db.close();
    docs = copyFixtures();
  });
  afterAll(async () => {
    rmSync(docs, { recursive: true, force: true });
    await database.cleanup();
  });

  async function kb(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run(TSX, [CLI, ...args], {
        cwd: REPO_ROOT,
        env: { ...process.env, LOG_LEVEL: "warn", DATABASE_URL: database.url },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it("lists the folders, reindexes them, and removes one", async () => {
    expect((await kb(["ingest", docs])).code).toBe(0);
    expect((await kb(["ingest", DEMO_DOCS])).code).toBe(0);

    const listed = await kb(["sources", "--json"]);
    expect(listed.code).toBe(0);
    const sources = JSON.parse(listed.stdout) as Array<{ source: string; documents: number; chunks: number; lastIngest: string }>;
    expect(sources.map((s) => s.source).sort()).toEqual([DEMO_DOCS, docs].sort());
    expect(sources.find((s) => s.source === docs)).toMatchObject({ documents: 5 });
    for (const s of sources) {
      expect(s.chunks).toBeGreaterThan(s.documents - 1);
      expect(Number.isNaN(Date.parse(s.lastIngest))).toBe(false);
    }

    const reindexed = await kb(["reindex"]);
    expect(reindexed.code).toBe(0);
    expect(reindexed.stdout).toContain(`reindexed ${docs}: 5 documents`);

    const removed = await kb(["remove", DEMO_DOCS]);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain(`removed   ${DEMO_DOCS} (6 documents)`);
    const after = await kb(["sources"]);
    expect(after.stdout).toContain(`${docs}  5 documents`);
    expect(after.stdout).not.toContain(DEMO_DOCS);
    // Seven runs of the CLI, each starting tsx: minutes on a busy shared machine.
  }, 400_000);

  it("refuses to remove a folder that is not in the index, with the usage and exit code 2", async () => {
    const result = await kb(["remove", "/nowhere/docs"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("no documents from /nowhere/docs");
    expect(result.stderr).toContain("sources [--json]");
  }, 60_000);
});
