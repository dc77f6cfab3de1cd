/**
 * Fault: the database fails while events are being handled — after Slack was answered 200 (the
 * event is recorded), before its case is written. The work was not done, so it must not be
 * answered "sorry" and marked done: it stays unprocessed and is resumed once the database is back,
 * and every "open case" ends with exactly one case and one confirmation.
 *
 * The failure is real: another process holds the SQLite file's write lock for 2.3 s — longer than
 * a write waits for it (1.5 s), so the case writes fail, while the writes after them (a reply, the
 * "done" mark) get through once it is gone, as on a disk that is nearly full. The test only holds the events at the start of
 * their handling until the lock is in place (the app's `botMiddleware` option), so each meets it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Context } from "../../bot/context.ts";
import type { Middleware } from "../../bot/pipeline.ts";
import { sqliteFile } from "../../db/client.ts";
import { eventually } from "../support/app.ts";
import { ANA, eventEnvelope, mention, sendEvent, startTestbed, type Testbed } from "../adapters/slack/testbed.ts";
import { SqliteLocker } from "./sqlite-locker.ts";
import { countAnswers, reportFault } from "./summary.ts";

/** Holds the first attempt of events whose text has `marker` until opened. */
class Gate {
  private opened = false;
  private readonly waiters: (() => void)[] = [];
  private readonly seen = new Set<string>();
  held = 0;

  constructor(private readonly marker: string) {}

  readonly middleware: Middleware<Context> = async (ctx, next) => {
    if (!this.opened && ctx.text.includes(this.marker) && !this.seen.has(ctx.event.deliveryId)) {
      this.seen.add(ctx.event.deliveryId);
      this.held += 1;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    await next();
  };

  open(): void {
    this.opened = true;
    for (const wake of this.waiters.splice(0)) wake();
  }
}

describe("fault: the database fails while events are handled", () => {
  const gate = new Gate("dbfault");
  let bed: Testbed;
  beforeAll(async () => {
    bed = await startTestbed({ INBOUND_LEASE_SECONDS: "3", RESUME_INTERVAL_SECONDS: "1" }, { botMiddleware: [gate.middleware] });
  });
  afterAll(() => bed.close());

  const threadOf = (ts: string) => bed.slack.callsOf("chat.postMessage").filter((c) => c.args.thread_ts === ts);
  const openedIn = (ts: string) => threadOf(ts).filter((c) => /I opened case/.test(String(c.args.text)));

  it("resumes every acknowledged event after the database is back: one case each, no 'sorry'", async () => {
    const events = Array.from({ length: 4 }, (_, i) => {
      const token = `dbfault${i}x${Date.now() % 100_000}`;
      const m = mention(ANA, `open case the Bar 50 number ${token} has no sound`);
      return { token, ts: String(m.ts), envelope: eventEnvelope(m) };
    });
    for (const event of events) expect((await sendEvent(bed.url, event.envelope)).status).toBe(200);
    await eventually(() => expect(gate.held).toBe(events.length));

    const locker = new SqliteLocker(sqliteFile(bed.t.database.url));
    await locker.lock(30_000);
    const failedAt = Date.now();
    gate.open();
    await new Promise((resolve) => setTimeout(resolve, 2_300 - (Date.now() - failedAt)));
    await locker.release();

    await eventually(() => {
      for (const event of events) expect(openedIn(event.ts).length, event.token).toBeGreaterThan(0);
    }, 30_000);
    // Give a doubled answer time to show up before counting.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    for (const event of events) {
      expect(await bed.t.app.db.prisma.case.count({ where: { description: { contains: event.token } } }), event.token).toBe(1);
      expect(threadOf(event.ts).map((c) => String(c.args.text))).not.toContainEqual(expect.stringMatching(/something went wrong/));
    }
    const row = countAnswers(
      events.map((e) => String(e.envelope.event_id)),
      new Map(events.map((e) => [String(e.envelope.event_id), openedIn(e.ts).length])),
    );
    const latestReplyMs = Math.max(...events.map((e) => openedIn(e.ts)[0]!.at - failedAt));
    reportFault({ fault: "database write failing mid-event (file locked 2.3 s)", ...row, latestReplyMs });
    expect(row.lost).toBe(0);
    expect(row.doubled).toBe(0);
  }, 90_000);
});
