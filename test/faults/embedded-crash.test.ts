/**
 * Fault: the embedded (SQLite) process is killed with SIGKILL in the middle of an event — Slack
 * was answered 200, the event is recorded, its handler is waiting on the language model. Nothing
 * else can own that event's lease (one process owns the file), so the next start resumes it at
 * once instead of waiting out the lease (60 s by default).
 *
 * The app runs as a child process (`node --import tsx app/main.ts --no-shell`), as in production;
 * the language model is a loopback server that holds every request, so the kill lands mid-event.
 */
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CATALOG_FILE, loadCatalog } from "../../core/catalog.ts";
import { importData, parseImportFile, syncCatalog } from "../../bot/people/importer.ts";
import { openDatabase } from "../../db/client.ts";
import { applyMigrations } from "../../db/migrate.ts";
import { FakeSlack } from "../adapters/slack/fake-slack.ts";
import { eventually } from "../support/app.ts";
import { LoopbackServer } from "../support/loopback.ts";
import {
  BOT_USER,
  Replica,
  SIGNING_SECRET,
  SLACK_PEOPLE,
  SLACK_TEAM,
  fixture,
  freePort,
  postSlackEvent,
  slackMention,
} from "../scaled/cluster.ts";
import { countAnswers, reportFault } from "./summary.ts";

describe("fault: the embedded process is killed mid-event", () => {
  let slack: FakeSlack;
  let llm: LoopbackServer;
  let dir: string;
  let env: Record<string, string>;
  let replica: Replica | undefined;

  beforeAll(async () => {
    slack = await new FakeSlack({ id: SLACK_TEAM, botUserId: BOT_USER, botId: "BEMBED" }).start();
    SLACK_PEOPLE.forEach((id, i) => slack.addUser({ id, email: `slack${i}@scale.test`, name: `Slack Person ${i}`, locale: "en-US" }));
    llm = await new LoopbackServer().start();
    llm.respond(() => ({ status: 503, body: { error: { message: "model unavailable" } } }));
    dir = mkdtempSync(path.join(tmpdir(), "switchboard-embedded-crash-"));
    const url = `file:${path.join(dir, "switchboard.db")}`;
    await applyMigrations(url);
    const db = await openDatabase(url, { checkpoints: false });
    const catalog = loadCatalog(DEMO_CATALOG_FILE);
    await syncCatalog(db, catalog);
    await importData(db, catalog, parseImportFile(JSON.stringify(fixture("http://127.0.0.1:9"))));
    await db.close();
    env = {
      DATABASE_URL: url,
      SEED_DEMO_DATA: "false",
      SLACK_BOT_TOKEN: "xoxb-embedded",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      OPENAI_API_KEY: "test-key",
      OPENAI_BASE_URL: `${llm.url}/v1`,
    };
  }, 60_000);

  afterAll(async () => {
    await replica?.kill();
    await slack.stop();
    await llm.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers the interrupted event within seconds of the restart, once", async () => {
    // The first run: the model never answers, so the handler is still waiting when the kill comes.
    const held: http.ServerResponse[] = [];
    const hang = http.createServer((_req, res) => void held.push(res));
    await new Promise<void>((resolve) => hang.listen(0, "127.0.0.1", resolve));
    const hangUrl = `http://127.0.0.1:${(hang.address() as AddressInfo).port}`;
    const port = await freePort();
    replica = new Replica("embedded", port, { ...env, OPENAI_BASE_URL: `${hangUrl}/v1` });
    await replica.start();
    const event = slackMention(
      "EvCRASH1",
      SLACK_PEOPLE[0],
      "hmm the thing in the big room is acting a bit strange today",
      "1700002000.000100",
    );
    expect(await postSlackEvent(replica.url, event)).toBe(200);
    await eventually(() => expect(held.length).toBeGreaterThan(0), 15_000);
    await replica.kill();
    for (const res of held.splice(0)) res.destroy();
    await new Promise((resolve) => hang.close(resolve));
    expect(slack.messagesIn("C0SUPPORT", "1700002000.000100")).toHaveLength(0);

    // The second run, with a model that fails at once (the rules answer alone).
    replica = new Replica("embedded", port, env);
    await replica.start();
    const readyAt = Date.now();
    const answers = await eventually(() => {
      const found = slack.messagesIn("C0SUPPORT", "1700002000.000100");
      expect(found.length).toBeGreaterThan(0);
      return found;
    }, 30_000);
    const latestReplyMs = Date.now() - readyAt;
    // Well inside the 60 s lease the event would otherwise have waited out.
    expect(latestReplyMs).toBeLessThan(15_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const row = countAnswers(["EvCRASH1"], new Map([["EvCRASH1", slack.messagesIn("C0SUPPORT", "1700002000.000100").length]]));
    reportFault({ fault: "embedded process killed mid-event (SIGKILL), restarted", ...row, latestReplyMs });
    expect(answers.length).toBe(1);
    expect(row.lost).toBe(0);
    expect(row.doubled).toBe(0);
  }, 120_000);
});
