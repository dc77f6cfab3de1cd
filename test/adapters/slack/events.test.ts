import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../support/app.ts";
import {
  ANA,
  BO,
  ENGINEERS_CHANNEL,
  LEE,
  STRANGER,
  eventEnvelope,
  mention,
  message,
  nextTs,
  sendEvent,
  startTestbed,
  type Testbed,
} from "./testbed.ts";

describe("Slack events: mentions, DMs and threads", () => {
  let bed: Testbed;
  beforeAll(async () => {
    bed = await startTestbed();
  });
  afterAll(() => bed.close());

  const repliesIn = (channel: string, thread?: string) =>
    bed.slack.callsOf("chat.postMessage").filter((c) => c.args.channel === channel && c.args.thread_ts === thread);

  it("answers a mention in a channel inside the mention's thread", async () => {
    const m = mention(ANA, "hello");
    const response = await sendEvent(bed.url, eventEnvelope(m));
    expect(response.status).toBe(200);
    const [reply] = await eventually(() => {
      const found = repliesIn("C0SUPPORT", m.ts as string);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(String(reply!.args.text)).toMatch(/Hi Ana/);
  });

  it("opens a case from a mention, answers in the thread and tells the engineers' channel", async () => {
    const m = mention(ANA, "open case the Bar 50 in room 4.12 has no sound");
    await sendEvent(bed.url, eventEnvelope(m));
    const replies = await eventually(() => {
      const found = repliesIn("C0SUPPORT", m.ts as string);
      expect(found).toHaveLength(2);
      return found;
    });
    expect(String(replies[0]!.args.text)).toMatch(/I opened case CS-\d+/);
    // The case card: a header with the case number, its facts, the description.
    const cardText = JSON.stringify(replies[1]!.args.blocks);
    expect(cardText).toMatch(/"type":"header".*CS-\d+/);
    expect(cardText).toMatch(/has no sound/);
    const card = await eventually(() => {
      const post = bed.slack.callsOf("chat.postMessage").find((c) => c.args.channel === ENGINEERS_CHANNEL);
      expect(post).toBeDefined();
      return post!;
    });
    const blocks = card.args.blocks as { type: string; elements?: { action_id?: string }[] }[];
    expect(blocks[0]).toMatchObject({ type: "section" });
    expect(blocks.some((b) => b.type === "actions" && b.elements?.some((e) => e.action_id?.startsWith("case.take")))).toBe(true);
  });

  it("takes a problem described in plain words into the intake, answering in the mention's thread", async () => {
    const m = mention(ANA, "the Rally camera in the boardroom shows no picture since this morning");
    await sendEvent(bed.url, eventEnvelope(m));
    const replies = await eventually(() => {
      const found = repliesIn("C0SUPPORT", m.ts as string);
      expect(found.length).toBeGreaterThan(0);
      return found;
    });
    // Whatever the intake says first (a question or the opened case), it says it in the thread.
    expect(replies.every((r) => r.args.thread_ts === m.ts)).toBe(true);
    expect(repliesIn("C0SUPPORT", undefined)).toHaveLength(0);
  });

  it("continues in a thread it answered in, without being mentioned again", async () => {
    const m = mention(ANA, "hi");
    await sendEvent(bed.url, eventEnvelope(m));
    await eventually(() => expect(repliesIn("C0SUPPORT", m.ts as string)).toHaveLength(1));
    await sendEvent(bed.url, eventEnvelope(message(ANA, "thanks", { thread_ts: m.ts as string, parent_user_id: ANA })));
    const replies = await eventually(() => {
      const found = repliesIn("C0SUPPORT", m.ts as string);
      expect(found).toHaveLength(2);
      return found;
    });
    expect(String(replies[1]!.args.text)).toMatch(/welcome/i);
  });

  it("stays out of threads and channel chatter it is not part of", async () => {
    const parent = nextTs();
    await sendEvent(bed.url, eventEnvelope(message(ANA, "lunch?", { ts: parent })));
    await sendEvent(bed.url, eventEnvelope(message(BO, "thanks", { thread_ts: parent, parent_user_id: ANA })));
    // A later mention is answered: by then the two messages above were processed (or dropped).
    const m = mention(ANA, "hello");
    await sendEvent(bed.url, eventEnvelope(m));
    await eventually(() => expect(repliesIn("C0SUPPORT", m.ts as string)).toHaveLength(1));
    expect(repliesIn("C0SUPPORT", parent)).toHaveLength(0);
    expect(repliesIn("C0SUPPORT", undefined)).toHaveLength(0);
  });

  it("answers direct messages in the DM, not in a thread", async () => {
    await sendEvent(bed.url, eventEnvelope(message(LEE, "hello", { channel: "D0LEE", channel_type: "im" })));
    const [reply] = await eventually(() => {
      const found = repliesIn("D0LEE", undefined);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(String(reply!.args.text)).toMatch(/Hi Lee/);
  });

  it("recognises a person by their Slack e-mail on first contact", async () => {
    await sendEvent(bed.url, eventEnvelope(message(BO, "hello", { channel: "D0BO", channel_type: "im" })));
    const [reply] = await eventually(() => {
      const found = repliesIn("D0BO", undefined);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(String(reply!.args.text)).toMatch(/Hi Bo/);
  });

  it("explains politely to someone it does not know, in their language", async () => {
    await sendEvent(bed.url, eventEnvelope(message(STRANGER, "hola, necesito ayuda", { channel: "D0WHO", channel_type: "im" })));
    const [reply] = await eventually(() => {
      const found = repliesIn("D0WHO", undefined);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(String(reply!.args.text)).toMatch(/Todavía no te conozco/);
  });

  it("ignores its own messages and other bots", async () => {
    const own = { ...message("UBOT", "I opened case CS-1", { channel: "D0ANA", channel_type: "im" }), bot_id: "BBOT" };
    const other = { ...message("U0OTHERBOT", "beep", { channel: "D0ANA", channel_type: "im" }), bot_id: "B0OTHER", subtype: "bot_message" };
    expect((await sendEvent(bed.url, eventEnvelope(own))).status).toBe(200);
    expect((await sendEvent(bed.url, eventEnvelope(other))).status).toBe(200);
    await sendEvent(bed.url, eventEnvelope(message(ANA, "hello", { channel: "D0ANA", channel_type: "im" })));
    await eventually(() => expect(repliesIn("D0ANA", undefined)).toHaveLength(1));
  });
});
