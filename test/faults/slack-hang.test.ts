/**
 * Slack's Web API stops answering posts to one channel for a few seconds: the connection is
 * accepted and no answer ever comes. Either the post never took effect, or it did and only the
 * answer hangs. The outbox's request must time out and be retried (a retry reads the thread back
 * first, so a post that landed is not posted again), and meanwhile the other channels are answered
 * as usual: one hung conversation holds up no one else.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eventually } from "../support/app.ts";
import { scaled } from "../support/time-scale.ts";
import { ANA, eventEnvelope, mention, sendEvent, startTestbed, type Testbed } from "../adapters/slack/testbed.ts";
import { countAnswers, reportFault, type FaultRow } from "./summary.ts";

const HUNG = "C0HUNG";
const OTHER = "C0SUPPORT";
const WINDOW_MS = 3_000;
/** The outbox client's request timeout (adapters/slack/index.ts). */
const SLACK_TIMEOUT_MS = 10_000;

interface Sent {
  channel: string;
  ts: string;
  sentAt: number;
}

let bed: Testbed;
beforeEach(async () => {
  bed = await startTestbed();
});
afterEach(() => bed.close());

/** Sends `count` mentions ("hello") to `channel`, `spacingMs` apart, each acknowledged with 200. */
async function sendMentions(channel: string, count: number, spacingMs: number): Promise<Sent[]> {
  const sent: Sent[] = [];
  for (let i = 0; i < count; i++) {
    const m = mention(ANA, "hello", { channel });
    sent.push({ channel, ts: String(m.ts), sentAt: Date.now() });
    expect((await sendEvent(bed.url, eventEnvelope(m))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, spacingMs));
  }
  return sent;
}

const repliesTo = (m: Sent) => bed.slack.messagesIn(m.channel, m.ts);
const firstReplyMs = (m: Sent) => Math.min(...repliesTo(m).map((p) => p.at)) - m.sentAt;

/** Waits for an answer to every mention and an empty Slack outbox, then a moment for a late double. */
async function settle(sent: Sent[], fault: string): Promise<FaultRow> {
  await eventually(async () => {
    for (const m of sent) expect(repliesTo(m).length, `${m.channel} ${m.ts}`).toBeGreaterThan(0);
    expect(await bed.t.app.db.prisma.outbox.count({ where: { platform: "slack", status: { in: ["pending", "sending"] } } })).toBe(0);
  }, 45_000);
  await new Promise((resolve) => setTimeout(resolve, 500));
  return {
    fault,
    ...countAnswers(
      sent.map((m) => m.ts),
      new Map(sent.map((m) => [m.ts, repliesTo(m).length])),
    ),
    latestReplyMs: Math.max(...sent.map(firstReplyMs)),
  };
}

/** Runs the window: mentions in the hung channel first, then in another one while it hangs. */
async function hangWindow(): Promise<{ hung: Sent[]; other: Sent[] }> {
  const started = Date.now();
  const hung = await sendMentions(HUNG, 4, 100);
  // The hung channel's posts are in flight now; the other channel's messages come after them.
  await eventually(() => expect(bed.slack.callsOf("chat.postMessage").filter((c) => c.args.channel === HUNG).length).toBeGreaterThan(0));
  const other = await sendMentions(OTHER, 4, 100);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, WINDOW_MS - (Date.now() - started))));
  bed.slack.fault = undefined;
  return { hung, other };
}

describe("Slack Web API hangs (connection accepted, no answer)", () => {
  it("times out a post that never took effect, posts it once afterwards, and answers the other channels meanwhile", async () => {
    bed.slack.fault = { refuse: (method, args) => (method === "chat.postMessage" && args.channel === HUNG ? { hang: true } : undefined) };
    const { hung, other } = await hangWindow();
    // The other channel's answers did not wait for the hung requests to time out.
    await eventually(() => {
      for (const m of other) expect(repliesTo(m).length).toBeGreaterThan(0);
    });
    expect(Math.max(...other.map(firstReplyMs))).toBeLessThan(Math.min(scaled(2_000), SLACK_TIMEOUT_MS / 2));

    const row = await settle([...hung, ...other], `Slack Web API hangs before the post takes effect (${WINDOW_MS / 1000} s, one channel)`);
    reportFault(row);
    expect(row).toMatchObject({ sent: 8, answeredOnce: 8, lost: 0, doubled: 0 });
    // The hung posts were really tried, timed out and tried again.
    expect(bed.slack.callsOf("chat.postMessage").filter((c) => c.args.channel === HUNG).length).toBeGreaterThan(hung.length);
  }, 90_000);

  it("times out a post whose answer hangs after it landed, and does not post it again", async () => {
    bed.slack.fault = {
      loseAnswer: (method, args) => (method === "chat.postMessage" && args.channel === HUNG ? { hang: true } : undefined),
    };
    const { hung, other } = await hangWindow();
    await eventually(() => {
      for (const m of other) expect(repliesTo(m).length).toBeGreaterThan(0);
    });
    expect(Math.max(...other.map(firstReplyMs))).toBeLessThan(Math.min(scaled(2_000), SLACK_TIMEOUT_MS / 2));

    const row = await settle([...hung, ...other], `Slack Web API hangs after the post took effect (${WINDOW_MS / 1000} s, one channel)`);
    reportFault(row);
    expect(row).toMatchObject({ sent: 8, answeredOnce: 8, lost: 0, doubled: 0 });
    // The retries found the landed posts by reading the threads back.
    expect(bed.slack.callsOf("conversations.replies").filter((c) => c.args.channel === HUNG).length).toBeGreaterThan(0);
  }, 90_000);
});
