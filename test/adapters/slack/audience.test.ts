import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../support/app.ts";
import { ANA, ENGINEERS_CHANNEL, LEE, eventEnvelope, mention, message, post, sendEvent, startTestbed, type Testbed } from "./testbed.ts";

const NOTE = "customer firmware was side-loaded, warranty questionable";

describe("Slack messages are written for the conversation's readers", () => {
  let bed: Testbed;
  let ref: string;

  /** Everything Slack received for one channel (and thread), text and blocks. */
  const shownIn = (channel: string, thread?: string) =>
    bed.slack
      .callsOf("chat.postMessage")
      .filter((c) => c.args.channel === channel && (thread === undefined || c.args.thread_ts === thread))
      .map((c) => `${String(c.args.text)}\n${JSON.stringify(c.args.blocks ?? [])}`)
      .join("\n---\n");

  /** Sends `text` as a DM to the bot and waits for the answer. */
  const dm = async (user: string, text: string) => {
    const channel = `D0${user}`;
    const before = bed.slack.callsOf("chat.postMessage").filter((c) => c.args.channel === channel).length;
    await sendEvent(bed.url, eventEnvelope(message(user, text, { channel, channel_type: "im" })));
    return eventually(() => {
      const posts = bed.slack.callsOf("chat.postMessage").filter((c) => c.args.channel === channel);
      expect(posts.length).toBeGreaterThan(before);
      return posts
        .slice(before)
        .map((c) => `${String(c.args.text)}\n${JSON.stringify(c.args.blocks ?? [])}`)
        .join("\n");
    });
  };

  /** Mentions the bot in a channel and waits for the answer in the mention's thread. */
  const ask = async (user: string, channel: string, text: string) => {
    const m = mention(user, text, { channel });
    await sendEvent(bed.url, eventEnvelope(m));
    return eventually(() => {
      const shown = shownIn(channel, m.ts as string);
      expect(shown).toContain(ref);
      return shown;
    });
  };

  beforeAll(async () => {
    bed = await startTestbed();
    const opened = await dm(ANA, "open case the Bar 50 in room 4.12 has no sound, @channel <!here> please look");
    ref = /CS-\d+/.exec(opened)![0];
    await dm(LEE, `note ${ref} ${NOTE}`);
  });
  afterAll(() => bed.close());

  it("gives an engineer who asks in a customer's channel the customer's card, without internal notes", async () => {
    const inCustomerChannel = await ask(LEE, "C0SUPPORT", `case ${ref}`);
    expect(inCustomerChannel).toContain("has no sound");
    expect(inCustomerChannel).not.toContain("side-loaded");
    // In the engineers' channel the same question shows the note.
    expect(await ask(LEE, ENGINEERS_CHANNEL, `case ${ref}`)).toContain("side-loaded");
  });

  it("never shows a customer's admin an internal note through the audit log", async () => {
    const audit = await dm(ANA, `audit ${ref}`);
    expect(audit).toContain(`case.opened ${ref}`);
    expect(audit).not.toContain("side-loaded");
    expect(audit).not.toContain("case.note");
  });

  it("keeps a customer's @channel and <!here> from notifying the engineers' channel", async () => {
    const card = await eventually(() => {
      const shown = shownIn(ENGINEERS_CHANNEL);
      expect(shown).toContain(ref);
      return shown;
    });
    expect(card).toContain("please look");
    expect(card).not.toMatch(/<!here>|<!channel>|(^|[^\u2060])@channel\b/);
  });

  it("keeps note text and e-mail addresses out of the debug log", async () => {
    // The testbed logs at debug into memory; the flows above wrote a note and looked up profiles.
    const logged = bed.t.logs.lines.map((line) => JSON.stringify(line)).join("\n");
    expect(logged).toContain("http request");
    expect(logged).not.toContain("side-loaded");
    expect(logged).not.toMatch(/[\w.-]+@(acme|vendor|elsewhere)\.test/);
  });

  it("answers a forged or stale signature with 401 and records the refusal for the vendor", async () => {
    const body = JSON.stringify(eventEnvelope(message(ANA, "hello")));
    expect((await post(bed.url, body, "application/json", { secret: "not-the-secret" })).status).toBe(401);
    expect((await post(bed.url, body, "application/json", { timestamp: Math.floor(Date.now() / 1000) - 600 })).status).toBe(401);
    const log = await dm(LEE, "audit denied last 24h");
    expect(log).toMatch(/unsigned request from [\d.:a-f]+ · slack · denied \/slack\/events/);
    // A customer's admin does not read the vendor's refusals.
    expect(await dm(ANA, "audit denied last 24h")).toContain("No audit entries match.");
  });
});
