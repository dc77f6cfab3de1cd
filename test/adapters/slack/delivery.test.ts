import { webApi } from "@slack/bolt";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlackDeliverer } from "../../../adapters/slack/deliverer.ts";
import type { OutboundDelivery } from "../../../bot/events.ts";
import { eventually } from "../../support/app.ts";
import { FakeSlack } from "./fake-slack.ts";
import { ANA, eventEnvelope, message, sendEvent, startTestbed, type Testbed } from "./testbed.ts";

const dmHello = (user: string) => message(user, "hello", { channel: `D${user}`, channel_type: "im" });

describe("Slack delivery through the outbox", () => {
  let bed: Testbed;
  beforeAll(async () => {
    bed = await startTestbed();
  });
  afterAll(() => bed.close());

  it("waits as long as Slack's Retry-After says after a 429, then delivers once", async () => {
    bed.slack.script("chat.postMessage", { status: 429, headers: { "retry-after": "1" }, body: { ok: false, error: "ratelimited" } });
    await sendEvent(bed.url, eventEnvelope(dmHello(ANA)));
    const calls = await eventually(() => {
      const found = bed.slack.callsOf("chat.postMessage").filter((c) => c.args.channel === `D${ANA}`);
      expect(found).toHaveLength(2);
      return found;
    }, 10_000);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(950);
    expect(bed.slack.messagesIn(`D${ANA}`)).toHaveLength(1);
    expect(bed.t.logs.lines.some((l) => l.msg === "Slack rate limit: holding this method")).toBe(true);
  });
});

describe("Slack delivery after a crash between posting and recording it", () => {
  let bed: Testbed;
  let crashes = 1;
  beforeAll(async () => {
    bed = await startTestbed(
      {},
      {
        dispatcher: {
          idlePollMs: 20,
          leaseMs: 300,
          afterSend: () => {
            if (crashes-- > 0) throw new Error("simulated crash after the post");
          },
        },
      },
    );
  });
  afterAll(() => bed.close());

  it("finds the first post by its idempotency key in the message metadata instead of posting twice", async () => {
    await sendEvent(bed.url, eventEnvelope(dmHello(ANA)));
    await eventually(async () => {
      const row = await bed.t.app.db.prisma.outbox.findFirstOrThrow({ where: { platform: "slack", conversationId: `D${ANA}` } });
      expect(row.status).toBe("sent");
      expect(row.attempts).toBe(2);
    }, 10_000);
    expect(bed.slack.callsOf("chat.postMessage").filter((c) => c.args.channel === `D${ANA}`)).toHaveLength(1);
    expect(bed.slack.callsOf("conversations.history").length).toBeGreaterThan(0);
    expect(bed.slack.messagesIn(`D${ANA}`)).toHaveLength(1);
  });
});

describe("SlackDeliverer", () => {
  let slack: FakeSlack;
  let deliverer: SlackDeliverer;
  beforeAll(async () => {
    slack = await new FakeSlack().start();
    const client = new webApi.WebClient("xoxb-test", {
      slackApiUrl: slack.apiUrl,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
    });
    deliverer = new SlackDeliverer(client, pino({ level: "silent" }));
  });
  afterAll(() => slack.stop());

  let n = 0;
  const delivery = (text: string, extra: Partial<OutboundDelivery["message"]> = {}, attempt = 1): OutboundDelivery => ({
    id: `o${++n}`,
    idempotencyKey: `test:${n}`,
    attempt,
    message: {
      target: { platform: "slack", conversationId: "C0TEST", threadId: "1700000000.000001" },
      text,
      visibility: "public",
      ...extra,
    },
  });

  it("posts in the target thread with the idempotency key in the metadata", async () => {
    const result = await deliverer.deliver(delivery("hello *there*"));
    expect(result).toMatchObject({ ok: true, platformMessageId: expect.stringMatching(/^\d+\.\d+$/) });
    const call = slack.callsOf("chat.postMessage").at(-1)!;
    expect(call.args).toMatchObject({ channel: "C0TEST", thread_ts: "1700000000.000001", text: "hello *there*" });
    expect(call.args.metadata).toEqual({ event_type: "switchboard_delivery", event_payload: { key: `test:${n}` } });
  });

  it("splits a very long text into sections within Slack's limits", async () => {
    const paragraph = `${"The Bar 50 firmware update needs the device online. ".repeat(40)}\n\n`;
    await deliverer.deliver(delivery(paragraph.repeat(6)));
    const call = slack.callsOf("chat.postMessage").at(-1)!;
    const blocks = call.args.blocks as { type: string; text: { text: string } }[];
    expect(blocks.length).toBeGreaterThan(4);
    for (const block of blocks) expect(block.text.text.length).toBeLessThanOrEqual(3_000);
    expect(String(call.args.text).length).toBeLessThanOrEqual(3_000);
  });

  it("updates the message when it replaces one already sent, and posts anew if that one is gone", async () => {
    const first = await deliverer.deliver(delivery("v1"));
    const ts = first.ok ? first.platformMessageId! : "";
    expect(await deliverer.deliver({ ...delivery("v2"), existingMessageId: ts })).toEqual({ ok: true, platformMessageId: ts });
    // A text-only new state clears the old state's blocks (chat.update keeps blocks it is not given).
    expect(slack.callsOf("chat.update").at(-1)!.args).toMatchObject({ channel: "C0TEST", ts, text: "v2", blocks: [] });
    const reposted = await deliverer.deliver({ ...delivery("v3"), existingMessageId: "1.000000" });
    expect(reposted.ok && reposted.platformMessageId).not.toBe("1.000000");
  });

  it("gives up on channels it cannot post in, and retries what may pass later", async () => {
    slack.script("chat.postMessage", { body: { ok: false, error: "not_in_channel" } });
    expect(await deliverer.deliver(delivery("x"))).toMatchObject({
      ok: false,
      retryable: false,
      error: expect.stringContaining("not_in_channel"),
    });
    slack.script("chat.postMessage", { body: { ok: false, error: "internal_error" } });
    expect(await deliverer.deliver(delivery("x"))).toMatchObject({ ok: false, retryable: true });
    slack.script("chat.postMessage", { status: 503, body: "unavailable" });
    expect(await deliverer.deliver(delivery("x"))).toMatchObject({ ok: false, retryable: true });
  });

  it("delivers a message addressed to a person (their user id) in their DM, and updates it there", async () => {
    const toPerson = new SlackDeliverer(
      new webApi.WebClient("xoxb-test", { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } }),
      pino({ level: "silent" }),
      async (user) => `D${user}`,
    );
    const ping = delivery("Escalation level 1: CS-10001", { target: { platform: "slack", conversationId: "U0LEE", kind: "personal" } });
    const sent = await toPerson.deliver(ping);
    expect(slack.callsOf("chat.postMessage").at(-1)!.args).toMatchObject({ channel: "DU0LEE" });
    const ts = sent.ok ? sent.platformMessageId! : "";
    expect(await toPerson.deliver({ ...ping, idempotencyKey: "again", existingMessageId: ts })).toEqual({
      ok: true,
      platformMessageId: ts,
    });
    expect(slack.callsOf("chat.update").at(-1)!.args).toMatchObject({ channel: "DU0LEE", ts });
  });

  it("hands a long Retry-After back to the outbox instead of waiting for it", async () => {
    slack.script("chat.postMessage", { status: 429, headers: { "retry-after": "30" }, body: { ok: false, error: "ratelimited" } });
    expect(await deliverer.deliver(delivery("x"))).toMatchObject({ ok: false, retryable: true, retryAfterMs: 30_000 });
    const calls = slack.callsOf("chat.postMessage").length;
    // The gate is closed for that method: nothing is sent to Slack until it opens.
    expect(await deliverer.deliver(delivery("y"))).toMatchObject({ ok: false, retryable: true, retryAfterMs: expect.any(Number) });
    expect(slack.callsOf("chat.postMessage")).toHaveLength(calls);
  });
});
