/**
 * Slack takes the posts but the answers fail (500 or a dropped connection) — and reading a
 * thread back fails too — for a few seconds. A retried reply must not be posted again while it
 * cannot be checked for: people see one answer per message once Slack is healthy again.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestbed, type Testbed } from "../adapters/slack/testbed.ts";
import { reportFault } from "./summary.ts";
import { CHANNEL, sendMentions, settle } from "./slack-stream.ts";

const EVENTS = 20;
const OUTAGE_MS = 4_000;

describe("Slack answers lost while posts land, thread read-back down", () => {
  let bed: Testbed;
  beforeAll(async () => {
    bed = await startTestbed();
  });
  afterAll(() => bed.close());

  it("answers every mention exactly once after the outage", async () => {
    let calls = 0;
    bed.slack.fault = {
      // Every other lost answer is a dropped connection, the others a 500.
      loseAnswer: (method) =>
        method === "chat.postMessage" ? (calls++ % 2 ? { drop: true } : { status: 500, body: "upstream" }) : undefined,
      refuse: (method) =>
        method.startsWith("conversations.history") || method.startsWith("conversations.replies") ? { status: 500 } : undefined,
    };
    const started = Date.now();
    const sent = await sendMentions(bed, EVENTS, 50);
    const elapsed = Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, OUTAGE_MS - elapsed)));
    // Posts landed during the outage, and their retries tried to read the threads back.
    expect(bed.slack.messagesIn(CHANNEL).length).toBeGreaterThan(0);
    expect(bed.slack.callsOf("conversations.replies").length).toBeGreaterThan(0);
    bed.slack.fault = undefined;

    const row = await settle(bed, sent, "Slack: posts land, answers and read-back fail (4 s)");
    reportFault(row);
    expect(row).toMatchObject({ sent: EVENTS, answeredOnce: EVENTS, lost: 0, doubled: 0 });
  }, 60_000);
});
