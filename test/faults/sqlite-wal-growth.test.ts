/**
 * Fault: the SQLite write-ahead log grows without bound under steady load. With writes every few
 * milliseconds and another connection reading all the time (a dashboard, a backup, an operator's
 * shell), a PASSIVE checkpoint never catches up with the end of the log, so the log never starts
 * over and the file only grows. The log must stay under its limit (SQLITE_WAL_LIMIT_MB): past it,
 * the checkpointer truncates it.
 */
import { statSync } from "node:fs";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqliteFile } from "../../db/client.ts";
import { eventually } from "../support/app.ts";
import { ANA, eventEnvelope, mention, sendEvent, startTestbed, type Testbed } from "../adapters/slack/testbed.ts";
import { countAnswers, reportFault } from "./summary.ts";

const LIMIT_MB = 1;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("fault: the SQLite write-ahead log under steady load", () => {
  let bed: Testbed;
  beforeAll(async () => {
    bed = await startTestbed({ SQLITE_WAL_LIMIT_MB: String(LIMIT_MB) });
  });
  afterAll(() => bed.close());

  const openedIn = (ts: string) =>
    bed.slack.callsOf("chat.postMessage").filter((c) => c.args.thread_ts === ts && /I opened case/.test(String(c.args.text)));

  it("keeps the log under its limit while events stream in and another connection keeps reading", async () => {
    const file = sqliteFile(bed.t.database.url);
    const walSize = () => statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0;
    // The other reader: a connection of its own that reads in short transactions, all the time.
    const reader = new Database(file, { readonly: true });
    let reading = true;
    const reads = (async () => {
      while (reading) {
        reader.exec("BEGIN");
        reader.prepare(`SELECT COUNT(*) AS n FROM "Case"`).get();
        await sleep(40);
        reader.exec("COMMIT");
        await sleep(5);
      }
    })();

    // About 30 "open case" events a second for 8 seconds.
    const events: { id: string; ts: string }[] = [];
    let maxWal = 0;
    const started = Date.now();
    for (let i = 0; Date.now() - started < 8_000; i++) {
      const m = mention(ANA, `open case the Bar 50 number walgrowth${i} crackles`);
      const envelope = eventEnvelope(m);
      events.push({ id: String(envelope.event_id), ts: String(m.ts) });
      void sendEvent(bed.url, envelope);
      maxWal = Math.max(maxWal, walSize());
      await sleep(33);
    }
    await eventually(() => {
      for (const event of events) expect(openedIn(event.ts).length).toBeGreaterThan(0);
      maxWal = Math.max(maxWal, walSize());
    }, 60_000);
    reading = false;
    await reads;
    reader.close();
    const answeredAt = Date.now();

    // The log is truncated when it passes the limit; what is written between two rounds of the
    // checkpointer (250 ms) comes on top, hence the margin (it reached 42 MB before the fix).
    expect(maxWal).toBeLessThan(LIMIT_MB * 4 * 1024 * 1024);
    const row = countAnswers(
      events.map((e) => e.id),
      new Map(events.map((e) => [e.id, openedIn(e.ts).length])),
    );
    reportFault({
      fault: `SQLite WAL under steady load and a reader (limit ${LIMIT_MB} MB, max seen ${(maxWal / 1048576).toFixed(1)} MB)`,
      ...row,
      latestReplyMs: answeredAt - started,
    });
    expect(row.lost).toBe(0);
    expect(row.doubled).toBe(0);
  }, 120_000);
});
