/**
 * Fault: a poison event — one whose handling fails every time, or hangs. Events are recorded
 * before Slack hears 200 and resumed at start, so such an event used to be retried at every start
 * and, when it hung, kept the server from ever becoming ready. Now each attempt is counted (a hang
 * ends at the replay time budget), at INBOUND_MAX_ATTEMPTS the event is quarantined — kept with
 * its error, counted in a metric, listed by the "quarantine" command — the person is told it was
 * lost, and everything else flows.
 *
 * The two poison events are made so by a middleware the test injects through the app's options
 * (production passes none): one fails with a disk I/O error every time, one never finishes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../app/app.ts";
import { readConfig } from "../../app/config.ts";
import { createLogger } from "../../app/logger.ts";
import type { Context } from "../../bot/context.ts";
import type { Middleware } from "../../bot/pipeline.ts";
import { MemoryLog, RecordingDeliverer, eventually } from "../support/app.ts";
import {
  ANA,
  BO,
  LEE,
  SIGNING_SECRET,
  eventEnvelope,
  mention,
  message,
  sendEvent,
  startTestbed,
  type Testbed,
} from "../adapters/slack/testbed.ts";
import { countAnswers, reportFault } from "./summary.ts";

/** Scrapes carry it as a bearer token where /metrics asks for one. */
const METRICS_TOKEN = "poison-metrics-token-0123456789";
const ENV = {
  METRICS_TOKEN,
  INBOUND_MAX_ATTEMPTS: "3",
  INBOUND_REPLAY_TIMEOUT_SECONDS: "1",
  INBOUND_LEASE_SECONDS: "2",
  RESUME_INTERVAL_SECONDS: "1",
};

/** Fails "diskfail" messages with a disk I/O error and never finishes "neverends" ones. */
function poison(attempts: Map<string, number>): Middleware<Context> {
  return async (ctx, next) => {
    const kind = ctx.text.includes("diskfail") ? "diskfail" : ctx.text.includes("neverends") ? "neverends" : undefined;
    if (!kind) return next();
    attempts.set(kind, (attempts.get(kind) ?? 0) + 1);
    if (kind === "neverends") await new Promise(() => undefined);
    throw Object.assign(new Error("disk I/O error"), { code: "SQLITE_IOERR" });
  };
}

describe("fault: a poison event", () => {
  const attempts = new Map<string, number>();
  let bed: Testbed;
  let second: App | undefined;
  const logs = new MemoryLog();
  beforeAll(async () => {
    bed = await startTestbed(ENV, { botMiddleware: [poison(attempts)] });
  });
  afterAll(async () => {
    await second?.stop().catch(() => undefined);
    await bed.close();
  });

  const threadOf = (ts: string) => bed.slack.callsOf("chat.postMessage").filter((c) => c.args.thread_ts === ts);

  it("does not hold up start-up or readiness, ends quarantined after its attempts, and the rest is answered", async () => {
    const failing = mention(ANA, "the Bar 50 diskfail makes a noise");
    const hanging = mention(BO, "the Bar 50 neverends makes a noise");
    const envelopes = [eventEnvelope(failing), eventEnvelope(hanging)];
    for (const envelope of envelopes) expect((await sendEvent(bed.url, envelope)).status).toBe(200);
    await eventually(() => expect(attempts.get("neverends")).toBe(1));

    // The process stops with both recorded and unfinished; the next start resumes them.
    await bed.t.app.stop();
    const config = readConfig({
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: bed.t.database.url,
      SEED_DEMO_DATA: "false",
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: bed.slack.apiUrl,
      ...ENV,
    });
    const startedAt = Date.now();
    second = await createApp(config, {
      log: createLogger({ level: "debug", destination: logs }),
      dispatcher: { idlePollMs: 20 },
      scheduler: { idlePollMs: 50 },
      botMiddleware: [poison(attempts)],
    });
    second.dispatcher.register(new RecordingDeliverer("shell"));
    const port = await Promise.race([
      second.start(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("start-up did not finish in 20 s")), 20_000)),
    ]);
    const base = `http://127.0.0.1:${port}`;
    await eventually(async () => expect((await fetch(`${base}/readyz`)).status).toBe(200), 10_000);
    // Ready at once: the poison events are retried in the background.
    expect(Date.now() - startedAt).toBeLessThan(15_000);

    // A later event is answered while the poison ones are retried.
    const later = mention(ANA, "hello");
    expect((await sendEvent(`${base}/slack/events`, eventEnvelope(later))).status).toBe(200);
    await eventually(() => expect(threadOf(String(later.ts)).length).toBeGreaterThan(0));

    // Both end quarantined after three attempts, and their authors hear that they were lost.
    await eventually(async () => {
      const rows = await second!.db.prisma.inboundDelivery.findMany({ where: { status: "quarantined" } });
      expect(rows.map((r) => r.attempts).sort()).toEqual([3, 3]);
    }, 30_000);
    const lostIn = (ts: string) => threadOf(ts).filter((c) => /could not process your last message/.test(String(c.args.text)));
    await eventually(() => {
      expect(lostIn(String(failing.ts))).toHaveLength(1);
      expect(lostIn(String(hanging.ts))).toHaveLength(1);
    });
    const lastAnswerMs = Date.now() - startedAt;
    expect(attempts.get("diskfail")).toBe(3);
    expect(attempts.get("neverends")).toBe(3);
    expect(logs.lines.some((l) => l.msg === "inbound delivery quarantined after repeated failures")).toBe(true);

    const metrics = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    expect(metrics).toMatch(/^switchboard_inbound_quarantined 2$/m);

    // An engineer lists them in chat; a customer may not.
    const ask = async (user: string, text: string) => {
      const dm = message(user, text, { channel: `D${user}`, channel_type: "im" });
      await sendEvent(`${base}/slack/events`, eventEnvelope(dm));
      return eventually(() => {
        const reply = bed.slack.callsOf("chat.postMessage").find((c) => c.args.channel === `D${user}` && c.at >= startedAt);
        expect(reply).toBeDefined();
        return JSON.stringify(reply!.args);
      });
    };
    const listing = await ask(LEE, "quarantine");
    expect(listing).toMatch(/2 inbound event\(s\) in quarantine/);
    for (const envelope of envelopes) expect(listing).toContain(String(envelope.event_id));
    expect(listing).toMatch(/disk I\/O error/);
    expect(listing).toMatch(/replay time budget/);
    expect(await ask(ANA, "quarantine")).toMatch(/Only support engineers/);

    // Every event got one answer: the later one its reply, the poison ones the notice that they were lost.
    const row = countAnswers(
      ["failing", "hanging", "later"],
      new Map([
        ["failing", lostIn(String(failing.ts)).length],
        ["hanging", lostIn(String(hanging.ts)).length],
        ["later", threadOf(String(later.ts)).length],
      ]),
    );
    reportFault({ fault: "poison events (one failing, one hanging) at start-up", ...row, latestReplyMs: lastAnswerMs });
    expect(row.lost).toBe(0);
    expect(row.doubled).toBe(0);
  }, 90_000);
});
