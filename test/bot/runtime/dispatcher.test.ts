import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import { ManualClock } from "../../../core/clock.ts";
import { OutboxDispatcher } from "../../../bot/runtime/dispatcher.ts";
import { enqueueMessages } from "../../../bot/runtime/outbox.ts";
import type { OutboundMessage } from "../../../bot/events.ts";
import { HttpDeliverer } from "../../../adapters/webhook/http-deliverer.ts";
import { verify } from "../../../adapters/webhook/signature.ts";
import { LoopbackServer } from "../../support/loopback.ts";
import { createTestDatabase, testProviders, type TestDatabase } from "../../support/database.ts";

const log = pino({ level: "silent" });
const toPartner = (text: string, thread = "T-1"): OutboundMessage => ({
  target: { platform: "partner", conversationId: thread },
  text,
  visibility: "public",
});

describe.each(await testProviders())("outbox dispatcher on %s", (provider) => {
  let database: TestDatabase;
  let receiver: LoopbackServer;
  const clock = new ManualClock("2026-03-02T10:00:00Z");
  const deliverer = () => new HttpDeliverer({ platform: "partner", endpointFor: () => `${receiver.url}/inbox`, secret: "s3cret" });

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    receiver = await new LoopbackServer().start();
  });
  afterAll(async () => {
    await receiver.stop();
    await database.cleanup();
  });
  afterEach(async () => {
    receiver.requests.length = 0;
    receiver.respond(undefined);
    await database.db.prisma.outbox.deleteMany();
  });

  it("delivers a message once after a crash between sending and recording", async () => {
    await enqueueMessages(database.db.prisma, [{ key: "crash-1", message: toPartner("hello partner") }], clock.now());
    const crashing = new OutboxDispatcher(database.db, clock, log, {
      afterSend: () => {
        throw new Error("simulated crash before the result was recorded");
      },
    });
    crashing.register(deliverer());
    await expect(crashing.runOnce()).rejects.toThrow(/simulated crash/);
    expect(receiver.requests).toHaveLength(1);
    const stuck = await database.db.prisma.outbox.findUniqueOrThrow({ where: { idempotencyKey: "crash-1" } });
    expect(stuck.status).toBe("sending");

    // Restart: a new dispatcher finds the message once its lease has run out and sends it again.
    const restarted = new OutboxDispatcher(database.db, clock, log);
    restarted.register(deliverer());
    expect(await restarted.runOnce()).toBe(0);
    clock.advance(31_000);
    expect(await restarted.runOnce()).toBe(1);
    expect(receiver.requests).toHaveLength(2);
    expect(receiver.requests[0]!.headers["idempotency-key"]).toBe(receiver.requests[1]!.headers["idempotency-key"]);
    expect(receiver.uniqueByIdempotencyKey().map((r) => (r.json as { message: OutboundMessage }).message.text)).toEqual(["hello partner"]);
    const done = await database.db.prisma.outbox.findUniqueOrThrow({ where: { idempotencyKey: "crash-1" } });
    expect(done.status).toBe("sent");
  });

  it("signs what it sends so the receiver can check it", async () => {
    await enqueueMessages(database.db.prisma, [{ key: "signed-1", message: toPartner("signed") }], clock.now());
    const dispatcher = new OutboxDispatcher(database.db, clock, log);
    dispatcher.register(deliverer());
    await dispatcher.runOnce();
    const [request] = receiver.requests;
    const check = verify(
      "s3cret",
      {
        timestamp: request!.headers["x-switchboard-timestamp"] as string,
        signature: request!.headers["x-switchboard-signature"] as string,
      },
      request!.body,
      Math.floor(Date.now() / 1000),
    );
    expect(check).toEqual({ ok: true });
  });

  it("retries with backoff while the receiver is down, honours Retry-After, and keeps the thread's order", async () => {
    let down = true;
    receiver.respond(() => (down ? { status: 503, headers: { "retry-after": "7" }, body: { error: "down" } } : undefined));
    await enqueueMessages(
      database.db.prisma,
      ["first", "second", "third"].map((text) => ({ key: `order-${text}`, message: toPartner(text) })),
      clock.now(),
    );
    const dispatcher = new OutboxDispatcher(database.db, clock, log);
    dispatcher.register(deliverer());
    await dispatcher.runOnce();
    // Only the oldest was tried; the others wait behind it.
    expect(receiver.requests.map((r) => (r.json as { message: OutboundMessage }).message.text)).toEqual(["first"]);
    const first = await database.db.prisma.outbox.findUniqueOrThrow({ where: { idempotencyKey: "order-first" } });
    expect(first.nextAttemptAt.getTime() - clock.now().getTime()).toBe(7_000);
    clock.advance(3_000);
    await dispatcher.runOnce();
    expect(receiver.requests).toHaveLength(1);
    down = false;
    clock.advance(5_000);
    await dispatcher.runOnce();
    const texts = (requests: typeof receiver.requests) => requests.map((r) => (r.json as { message: OutboundMessage }).message.text);
    expect(texts(receiver.requests)).toEqual(["first", "first", "second", "third"]);
    expect(texts(receiver.uniqueByIdempotencyKey())).toEqual(["first", "second", "third"]);
  });

  it("gives up on a message the receiver refuses for good, and says so in the row", async () => {
    receiver.respond(() => ({ status: 404, body: { error: "conversation not found" } }));
    await enqueueMessages(database.db.prisma, [{ key: "gone-1", message: toPartner("to a removed conversation", "T-gone") }], clock.now());
    const dispatcher = new OutboxDispatcher(database.db, clock, log);
    dispatcher.register(deliverer());
    await dispatcher.runOnce();
    clock.advance(600_000);
    await dispatcher.runOnce();
    expect(receiver.requests).toHaveLength(1);
    const row = await database.db.prisma.outbox.findUniqueOrThrow({ where: { idempotencyKey: "gone-1" } });
    expect(row.status).toBe("dead");
    expect(row.lastError).toContain("404");
  });

  it("never delivers the same idempotency key twice when it is queued twice", async () => {
    await enqueueMessages(database.db.prisma, [{ key: "twice", message: toPartner("once") }], clock.now());
    await enqueueMessages(database.db.prisma, [{ key: "twice", message: toPartner("once") }], clock.now());
    const dispatcher = new OutboxDispatcher(database.db, clock, log);
    dispatcher.register(deliverer());
    await dispatcher.runOnce();
    expect(receiver.requests).toHaveLength(1);
  });
});
