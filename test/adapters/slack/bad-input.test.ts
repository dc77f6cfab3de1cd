import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../support/app.ts";
import {
  ANA,
  SIGNING_SECRET,
  eventEnvelope,
  mention,
  post,
  sendEvent,
  sendInteraction,
  signedHeaders,
  startTestbed,
  type Testbed,
} from "./testbed.ts";

describe("Slack requests that are retried, forged or malformed", () => {
  let bed: Testbed;
  beforeAll(async () => {
    bed = await startTestbed();
  });
  afterAll(() => bed.close());

  const repliesTo = (ts: unknown) => bed.slack.callsOf("chat.postMessage").filter((c) => c.args.thread_ts === ts);
  const logged = (pattern: RegExp) => bed.t.logs.lines.some((line) => pattern.test(String(line.msg)));
  /** A mention answered proves the app is alive and earlier requests were dealt with. */
  const stillAnswers = async () => {
    const m = mention(ANA, "hello");
    expect((await sendEvent(bed.url, eventEnvelope(m))).status).toBe(200);
    await eventually(() => expect(repliesTo(m.ts)).toHaveLength(1));
  };

  it("processes an event Slack retries (same event_id, X-Slack-Retry-Num) once", async () => {
    const m = mention(ANA, "open case projector in room 7 flickers");
    const envelope = eventEnvelope(m, { eventId: "EvRETRY0001" });
    expect((await sendEvent(bed.url, envelope)).status).toBe(200);
    const retries = [1, 2, 3].map((n) =>
      sendEvent(bed.url, envelope, { headers: { "x-slack-retry-num": String(n), "x-slack-retry-reason": "http_timeout" } }),
    );
    for (const response of await Promise.all(retries)) expect(response.status).toBe(200);
    await eventually(() => expect(repliesTo(m.ts)).toHaveLength(2));
    await stillAnswers();
    expect(repliesTo(m.ts)).toHaveLength(2);
    expect(await bed.t.app.db.prisma.case.count({ where: { title: { contains: "projector in room 7" } } })).toBe(1);
  });

  it("refuses a wrong or stale signature with 401 and does nothing", async () => {
    const before = bed.slack.calls.length;
    const m = mention(ANA, "open case forged");
    const body = JSON.stringify(eventEnvelope(m));
    expect((await post(bed.url, body, "application/json", { secret: "not-the-secret" })).status).toBe(401);
    expect((await post(bed.url, body, "application/json", { timestamp: Math.floor(Date.now() / 1000) - 600 })).status).toBe(401);
    expect((await fetch(bed.url, { method: "POST", body, headers: { "content-type": "application/json" } })).status).toBe(401);
    // The body changed after signing (a replayed signature on another event).
    const headers = signedHeaders(body);
    expect((await fetch(bed.url, { method: "POST", body: body.replace("forged", "FORGED"), headers })).status).toBe(401);
    await stillAnswers();
    expect(repliesTo(m.ts)).toHaveLength(0);
    expect(bed.slack.calls.slice(before).some((c) => String(c.args.text).includes("forged"))).toBe(false);
    expect(await bed.t.app.db.prisma.inboundDelivery.count({ where: { deliveryId: String(eventEnvelope(m).event_id) } })).toBe(0);
    expect(logged(/signature did not verify/)).toBe(true);
  });

  it("refuses a correctly signed request dated 10 minutes in the future with 401 and does nothing", async () => {
    const m = mention(ANA, "open case from the future");
    const envelope = eventEnvelope(m);
    const future = Math.floor(Date.now() / 1000) + 600;
    expect((await sendEvent(bed.url, envelope, { timestamp: future })).status).toBe(401);
    await stillAnswers();
    expect(repliesTo(m.ts)).toHaveLength(0);
    expect(await bed.t.app.db.prisma.inboundDelivery.count({ where: { deliveryId: String(envelope.event_id) } })).toBe(0);
    expect(logged(/timestamp missing or more than 5 minutes from now/)).toBe(true);
    // A sender whose clock runs a little ahead is still inside the window.
    const soon = mention(ANA, "hello from a fast clock");
    expect((await sendEvent(bed.url, eventEnvelope(soon), { timestamp: Math.floor(Date.now() / 1000) + 240 })).status).toBe(200);
    await eventually(() => expect(repliesTo(soon.ts)).toHaveLength(1));
  });

  it("refuses signed bodies Bolt cannot read (null, a null user or channel, invalid UTF-8) with 400, not a server error", async () => {
    const m = mention(ANA, "open case odd shapes");
    const bodies = [
      "null",
      JSON.stringify(eventEnvelope({ ...m, user: null })),
      JSON.stringify(eventEnvelope({ ...m, channel: null })),
      JSON.stringify(eventEnvelope({ ...m, channel: 5 })),
      JSON.stringify(eventEnvelope({ ...m, item: null })),
    ];
    for (const body of bodies) expect((await post(bed.url, body, "application/json")).status, body.slice(0, 80)).toBe(400);
    const text = Buffer.from(JSON.stringify(eventEnvelope({ ...m, text: "@@" })));
    const broken = Buffer.concat([text.subarray(0, text.indexOf("@@")), Buffer.from([0xc3, 0x28]), text.subarray(text.indexOf("@@") + 2)]);
    // Signed over the text as Bolt decodes it, so only the encoding is wrong.
    const response = await fetch(bed.url, { method: "POST", body: broken, headers: signedHeaders(broken.toString("utf8")) });
    expect(response.status).toBe(400);
    await stillAnswers();
    expect(repliesTo(m.ts)).toHaveLength(0);
  });

  it("answers Slack's URL verification and SSL check", async () => {
    const response = await post(bed.url, JSON.stringify({ type: "url_verification", challenge: "c-123", token: "x" }), "application/json");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: "c-123" });
    const ssl = await fetch(bed.url, {
      method: "POST",
      body: "ssl_check=1&token=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(ssl.status).toBe(200);
  });

  it("refuses malformed JSON and bodies that are no Slack request with 400 and a log line", async () => {
    expect((await post(bed.url, "{not json", "application/json")).status).toBe(400);
    expect((await post(bed.url, "payload=%7Bnot-json", "application/x-www-form-urlencoded")).status).toBe(400);
    expect((await post(bed.url, JSON.stringify({ type: "event_callback", event_id: "Ev1" }), "application/json")).status).toBe(400);
    expect((await post(bed.url, JSON.stringify({ hello: "world" }), "application/json")).status).toBe(400);
    expect(logged(/malformed body/)).toBe(true);
    expect(logged(/not an event, command or interaction/)).toBe(true);
    await stillAnswers();
  });

  it("acknowledges unknown event types and events with missing fields, logs them, and carries on", async () => {
    expect(
      (
        await sendEvent(
          bed.url,
          eventEnvelope({ type: "reaction_added", user: ANA, reaction: "tada", item: { type: "message", channel: "C1", ts: "1.1" } }),
        )
      ).status,
    ).toBe(200);
    expect(
      (await sendEvent(bed.url, eventEnvelope({ type: "app_mention", text: "<@UBOT> no user, no ts", channel: "C0SUPPORT" }))).status,
    ).toBe(200);
    expect(
      (await sendInteraction(bed.url, { type: "block_actions", actions: [{ type: "button", action_id: "case.take~0" }] })).status,
    ).toBe(400);
    expect((await sendInteraction(bed.url, { type: "block_actions", user: { id: ANA }, actions: [{ type: "button" }] })).status).toBe(200);
    await eventually(() => {
      expect(logged(/event type not handled/)).toBe(true);
      expect(logged(/missing fields ignored/)).toBe(true);
    });
    await stillAnswers();
  });

  it("reads the first 40,000 characters of a huge message and refuses bodies over 1 MiB with 413", async () => {
    const m = mention(ANA, `open case ${"the room display flickers and goes dark ".repeat(1_500)}`);
    expect((await sendEvent(bed.url, eventEnvelope(m))).status).toBe(200);
    await eventually(() => expect(repliesTo(m.ts).length).toBeGreaterThan(0));
    expect(String(repliesTo(m.ts)[0]!.args.text)).toMatch(/I opened case CS-\d+/);
    const huge = mention(ANA, "x".repeat(1_100_000));
    const refused = await sendEvent(bed.url, eventEnvelope(huge));
    expect(refused.status).toBe(413);
    expect(await refused.json()).toEqual({ error: "body too large" });
    await stillAnswers();
    expect(repliesTo(huge.ts)).toHaveLength(0);
  });

  it("acknowledges events from a workspace it is not installed in, logs them and does nothing", async () => {
    const m = mention("U0OUTSIDER", "open case from another workspace");
    const response = await sendEvent(bed.url, eventEnvelope({ ...m, team: "T0OTHER" }, { team: "T0OTHER" }));
    expect(response.status).toBe(200);
    await eventually(() => expect(logged(/workspace this app is not installed in/)).toBe(true));
    await stillAnswers();
    expect(repliesTo(m.ts)).toHaveLength(0);
    expect(await bed.t.app.db.prisma.case.count({ where: { title: { contains: "another workspace" } } })).toBe(0);
  });
});

describe("Slack deliveries while the Slack Web API is not reachable yet", () => {
  let bed: Testbed;
  beforeAll(async () => {
    bed = await startTestbed({}, undefined, (slack) => slack.script("auth.test", { body: { ok: false, error: "internal_error" } }));
  });
  afterAll(() => bed.close());

  it("answers 503 so Slack retries, instead of acknowledging an event it cannot process", async () => {
    const m = mention(ANA, "hello");
    const envelope = eventEnvelope(m);
    expect((await sendEvent(bed.url, envelope)).status).toBe(503);
    await eventually(() => expect(bed.t.logs.lines.some((l) => l.msg === "Slack workspace connected")).toBe(true));
    expect(
      (await sendEvent(bed.url, envelope, { headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_error" } })).status,
    ).toBe(200);
    await eventually(() => expect(bed.slack.callsOf("chat.postMessage").filter((c) => c.args.thread_ts === m.ts)).toHaveLength(1));
  });
});

describe("an event Slack will never resend", () => {
  let bed: Testbed;
  beforeAll(async () => {
    bed = await startTestbed();
  });
  afterAll(() => bed.close());

  it("is on disk before Slack hears 200, so a crash right after the acknowledgement loses nothing", async () => {
    const m = mention(ANA, "open case the Cam 4K in room 9 shows no picture");
    const envelope = eventEnvelope(m, { eventId: "EvRECORDED01" });
    // Processing is held back: what Slack's 200 proves is only that the event was recorded.
    const handle = bed.t.app.bot.handle.bind(bed.t.app.bot);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    bed.t.app.bot.handle = async (event, options) => {
      if (event.deliveryId === "EvRECORDED01") await held;
      return handle(event, options);
    };
    expect((await sendEvent(bed.url, envelope)).status).toBe(200);
    const row = await bed.t.app.db.prisma.inboundDelivery.findFirst({ where: { deliveryId: "EvRECORDED01" } });
    expect(row).toMatchObject({ status: "processing" });
    expect(row!.event).toContain("room 9");
    release();
    await eventually(async () => expect(await bed.t.app.db.prisma.case.count({ where: { title: { contains: "room 9" } } })).toBe(1));
    bed.t.app.bot.handle = handle;
  });

  it("is refused with an error when it cannot be recorded, so Slack retries it", async () => {
    const admit = bed.t.app.bot.admit.bind(bed.t.app.bot);
    bed.t.app.bot.admit = async () => {
      throw new Error("database unreachable");
    };
    const m = mention(ANA, "open case recorded later");
    const response = await sendEvent(bed.url, eventEnvelope(m, { eventId: "EvNOTRECORDED" }));
    expect(response.status).toBeGreaterThanOrEqual(500);
    bed.t.app.bot.admit = admit;
    // Slack's retry of the same event goes through.
    const retry = await sendEvent(bed.url, eventEnvelope(m, { eventId: "EvNOTRECORDED" }), {
      headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_error" },
    });
    expect(retry.status).toBe(200);
    await eventually(async () =>
      expect(await bed.t.app.db.prisma.case.count({ where: { title: { contains: "recorded later" } } })).toBe(1),
    );
  });
});
