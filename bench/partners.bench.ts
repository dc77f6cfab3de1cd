/**
 * The cloud-partner bridge on embedded SQLite with the loopback partner simulator as the
 * partner's ticket system, over real signed HTTP both ways. Several cases with an open partner
 * ticket; on each, the customer (in their own conversation) and the partner post comments at the
 * same time. Reports the mirror latency each way (from the post to its arrival on the other side:
 * the simulator's HTTP endpoint, or the customer's chat deliverer), the messages per second the
 * bridge mirrored, and the count check: every message sent arrived once, in order per ticket.
 */
import { createPartnerDeliverer } from "../adapters/partners/index.ts";
import { adapterHost, partnerSettings } from "../app/adapters.ts";
import { PartnerSimulator } from "../adapters/partners/simulator.ts";
import type { PrismaClient } from "../db/client.ts";
import type { DeliveryResult, InboundEvent, OutboundDelivery } from "../bot/events.ts";
import { createBenchApp } from "./support.ts";
import { percentile, type BenchOptions, type BenchRow } from "./table.ts";
import { partnerFeature } from "../bot/partners/index.ts";

export const title = "partners: mirror latency and throughput through the bridge (loopback simulator)";

const SECRET = "bench-partner-secret";
const AREA = "partners";

export async function run(options: BenchOptions): Promise<BenchRow[]> {
  const cases = options.quick ? 4 : 8;
  const perSide = options.quick ? 20 : 60;
  const { app, dispose } = await createBenchApp({ PARTNER_WEBHOOK_SECRET: SECRET }, { dispatcher: { idlePollMs: 50 } });
  // The customers' chat: when each mirrored partner message arrives, once per idempotency key.
  const arrived = new Map<string, { at: number; text: string; conversation: string }>();
  const seenKeys = new Set<string>();
  let duplicatesAtCustomer = 0;
  app.dispatcher.register({
    platform: "shell",
    async deliver(delivery: OutboundDelivery): Promise<DeliveryResult> {
      const text = delivery.message.text ?? "";
      const match = /(bench-p-\d+-\d+)$/.exec(text);
      // The engineers' thread gets a copy too; the customer's room is what counts here.
      if (match && delivery.message.target.conversationId.startsWith("bench-room-")) {
        if (seenKeys.has(delivery.idempotencyKey) || arrived.has(match[1]!)) duplicatesAtCustomer += 1;
        else arrived.set(match[1]!, { at: performance.now(), text, conversation: delivery.message.target.conversationId });
      }
      seenKeys.add(delivery.idempotencyKey);
      return { ok: true, platformMessageId: `m-${delivery.id}` };
    },
  });
  const port = await app.start();
  const simulator = new PartnerSimulator({
    partner: "microsoft",
    secret: SECRET,
    bridgeUrl: `http://127.0.0.1:${port}`,
    ticketPrefix: "MS-",
  });
  await simulator.start();
  app.dispatcher.register(
    createPartnerDeliverer(adapterHost(app, "partners", partnerSettings(app.config)), { openRetryDelaysMs: [50, 50], retryDelaysMs: [50] }),
  );
  const rows: BenchRow[] = [];
  try {
    const bridge = app.services.features.require(partnerFeature);
    const manager = (await app.services.people.resolve({ platform: "shell", externalId: "manager" }))!;
    await bridge.registry.connect(manager, "microsoft", { connector: "webhook", endpointUrl: simulator.url }, { platform: "shell" });
    const employee = (await app.services.people.resolve({ platform: "shell", externalId: "employee" }))!;
    await bridge.agreements.record(
      employee,
      employee.organizationId!,
      "microsoft",
      { reference: "MS-UNIFIED-4471", validUntil: null },
      { platform: "shell" },
    );

    // One case per customer room, each with its Microsoft ticket.
    let sequence = 0;
    const say = (room: string, text: string) =>
      app.bot.handle({
        kind: "message",
        platform: "shell",
        deliveryId: `bench-${++sequence}`,
        receivedAt: new Date(),
        actor: { platform: "shell", externalId: "employee" },
        conversation: { platform: "shell", conversationId: room, kind: "group" },
        text,
      } satisfies InboundEvent);
    const tickets: { room: string; number: number; ticket: string }[] = [];
    for (let i = 0; i < cases; i++) {
      const room = `bench-room-${i}`;
      const opened = await say(
        room,
        `open case Teams Rooms in room ${i} can't join Microsoft Teams meetings since the Microsoft 365 incident`,
      );
      const number = Number(/CS-(\d+)/.exec(opened.outbound.map((m) => m.text ?? "").join(" "))![1]);
      await bridge.tickets.request(employee, number, "microsoft", {}, { platform: "shell", originKey: `bench:open:${i}` });
      tickets.push({ room, number, ticket: "" });
    }
    for (const entry of tickets) entry.ticket = await waitForTicket(app.db.prisma, entry.number);

    // Latency: one message in flight at a time, alternating sides and tickets.
    const sentAt = new Map<string, number>();
    const atPartner = (prefix: string) =>
      tickets.flatMap(({ ticket }) =>
        simulator.tickets.get(ticket)!.comments.filter((c) => c.fromSwitchboard && c.body.startsWith(prefix)),
      );
    const single = { toPartner: [] as number[], toCustomer: [] as number[] };
    const probes = options.quick ? 20 : 100;
    for (let i = 0; i < probes; i++) {
      const { room, number, ticket } = tickets[i % cases]!;
      const fromCustomer = `bench-l-${i}`;
      const t0 = performance.now();
      await say(room, `comment CS-${number} ${fromCustomer}`);
      await waitUntil(() => simulator.tickets.get(ticket)!.comments.some((c) => c.body === fromCustomer), 10_000);
      single.toPartner.push(simulator.tickets.get(ticket)!.comments.find((c) => c.body === fromCustomer)!.at - t0);
      const fromPartner = `bench-p-9${i % cases}-${i}`;
      const t1 = performance.now();
      await simulator.comment(ticket, fromPartner);
      await waitUntil(() => arrived.has(fromPartner), 10_000);
      single.toCustomer.push(arrived.get(fromPartner)!.at - t1);
    }
    arrived.clear();

    // Storm: both sides at once, on every ticket, as fast as they can.
    const started = performance.now();
    await Promise.all(
      tickets.flatMap(({ room, number, ticket }, c) => [
        (async () => {
          for (let i = 0; i < perSide; i++) {
            const text = `bench-c-${c}-${i}`;
            sentAt.set(text, performance.now());
            await say(room, `comment CS-${number} ${text}`);
          }
        })(),
        Promise.all(
          Array.from({ length: perSide }, (_, i) => {
            const text = `bench-p-${c}-${i}`;
            sentAt.set(text, performance.now());
            return simulator.comment(ticket, text);
          }),
        ),
      ]),
    );
    const total = cases * perSide;
    await waitUntil(() => atPartner("bench-c-").length >= total && arrived.size >= total, 120_000);
    const elapsed = (performance.now() - started) / 1000;

    const storm = {
      toPartner: atPartner("bench-c-").map((c) => c.at - sentAt.get(c.body)!),
      toCustomer: [...arrived.entries()].map(([text, entry]) => entry.at - sentAt.get(text)!),
    };
    const inOrder = tickets.every(({ ticket }, c) => {
      const atP = simulator.tickets
        .get(ticket)!
        .comments.filter((m) => m.fromSwitchboard && m.body.startsWith("bench-c-"))
        .map((m) => m.body);
      const atC = [...arrived.entries()].filter(([, e]) => e.conversation === `bench-room-${c}`).map(([text]) => text);
      const expected = (prefix: string) => Array.from({ length: perSide }, (_, i) => `${prefix}-${c}-${i}`);
      return same(atP, expected("bench-c")) && same(atC, expected("bench-p"));
    });
    const receivedAtPartner = new Set(atPartner("bench-c-").map((c) => c.body)).size;
    const duplicatesAtPartner = atPartner("bench-c-").length - receivedAtPartner + simulator.stats.duplicates;
    const p = (values: number[], q: number) => Math.round(percentile(values, q) * 10) / 10;
    rows.push(
      { area: AREA, metric: "customer → partner mirror latency p50 (one message at a time)", value: p(single.toPartner, 50), unit: "ms" },
      {
        area: AREA,
        metric: "customer → partner mirror latency p99 (one message at a time)",
        value: p(single.toPartner, 99),
        unit: "ms",
        target: "≤ 500",
        ok: p(single.toPartner, 99) <= 500,
      },
      { area: AREA, metric: "partner → customer mirror latency p50 (one message at a time)", value: p(single.toCustomer, 50), unit: "ms" },
      {
        area: AREA,
        metric: "partner → customer mirror latency p99 (one message at a time)",
        value: p(single.toCustomer, 99),
        unit: "ms",
        target: "≤ 500",
        ok: p(single.toCustomer, 99) <= 500,
      },
      {
        area: AREA,
        metric: `messages mirrored per second (storm: ${cases} tickets, both sides posting at once)`,
        value: (2 * total) / elapsed,
        unit: "msg/s",
      },
      {
        area: AREA,
        metric: "customer → partner latency p50 / p99 in the storm (queueing included)",
        value: `${p(storm.toPartner, 50)} / ${p(storm.toPartner, 99)}`,
        unit: "ms",
      },
      {
        area: AREA,
        metric: "partner → customer latency p50 / p99 in the storm (queueing included)",
        value: `${p(storm.toCustomer, 50)} / ${p(storm.toCustomer, 99)}`,
        unit: "ms",
      },
      {
        area: AREA,
        metric: "count check: sent = received (customer → partner, partner → customer)",
        value: `${total} = ${receivedAtPartner}, ${total} = ${arrived.size}`,
        ok: receivedAtPartner === total && arrived.size === total,
      },
      {
        area: AREA,
        metric: "duplicates (at the partner, at the customer)",
        value: `${duplicatesAtPartner}, ${duplicatesAtCustomer}`,
        target: "0, 0",
        ok: duplicatesAtPartner === 0 && duplicatesAtCustomer === 0,
      },
      { area: AREA, metric: "order kept on every ticket, both ways", value: inOrder ? "yes" : "no", ok: inOrder },
    );
  } finally {
    await simulator.stop();
    await dispose();
  }
  return rows;
}

const same = (a: string[], b: string[]) => a.length === b.length && a.every((value, i) => value === b[i]);

async function waitForTicket(db: PrismaClient, number: number): Promise<string> {
  for (const started = Date.now(); Date.now() - started < 30_000;) {
    const row = await db.case.findUnique({ where: { number }, select: { id: true } });
    const ticket = row ? await db.partnerTicket.findUnique({ where: { caseId: row.id } }) : null;
    if (ticket?.externalId && ticket.status === "open") return ticket.externalId;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no partner ticket for CS-${number}`);
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<void> {
  for (const started = Date.now(); !check();) {
    if (Date.now() - started > timeoutMs) throw new Error("the bridge did not mirror every message in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
