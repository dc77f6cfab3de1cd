/**
 * Slack rate-limits chat.postMessage (429 with Retry-After) for a sustained window, then
 * recovers. Time is compressed with Retry-After: 0 so each reply meets far more 429s than the
 * attempts a message used to be allowed (12): a rate limit is Slack saying "later", and no reply
 * may be dropped for it — nor posted twice.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestbed, type Testbed } from "../adapters/slack/testbed.ts";
import { reportFault } from "./summary.ts";
import { sendMentions, settle } from "./slack-stream.ts";

const EVENTS = 20;
const WINDOW_MS = 6_000;
const OLD_ATTEMPT_LIMIT = 12;

describe("Slack rate limit for a sustained window", () => {
  let bed: Testbed;
  beforeAll(async () => {
    bed = await startTestbed();
  });
  afterAll(() => bed.close());

  it("answers every mention exactly once when Slack recovers, however many 429s came first", async () => {
    const refusals = new Map<string, number>();
    bed.slack.fault = {
      refuse: (method, args) => {
        if (method !== "chat.postMessage") return undefined;
        const thread = String(args.thread_ts);
        refusals.set(thread, (refusals.get(thread) ?? 0) + 1);
        return { status: 429, headers: { "retry-after": "0" }, body: { ok: false, error: "ratelimited" } };
      },
    };
    const started = Date.now();
    const sent = await sendMentions(bed, EVENTS, 20);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, WINDOW_MS - (Date.now() - started))));
    bed.slack.fault = undefined;

    const row = await settle(bed, sent, `Slack 429 on every post for ${WINDOW_MS / 1000} s (Retry-After 0)`);
    reportFault(row);
    expect(row).toMatchObject({ sent: EVENTS, answeredOnce: EVENTS, lost: 0, doubled: 0 });
    // Each reply was refused more often than the old attempt limit allowed.
    expect(Math.min(...sent.map((m) => refusals.get(m.ts) ?? 0))).toBeGreaterThan(OLD_ATTEMPT_LIMIT);
    // Nothing was given up along the way.
    expect(await bed.t.app.db.prisma.outbox.count({ where: { status: "dead" } })).toBe(0);
  }, 60_000);
});
