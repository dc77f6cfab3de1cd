/**
 * The device-status webhook on embedded SQLite, over real HTTP on 127.0.0.1: signed events for
 * one site's devices, 16 requests in flight — one event per request, then batches of 100. Reports
 * the events per second the webhook accepted (202 after the event is stored), the latency of a
 * request, that every accepted event was stored, and how many admin messages the storm caused.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { sign } from "../adapters/webhook/signature.ts";
import { countingDeliverer, createBenchApp } from "./support.ts";
import { percentile, type BenchOptions, type BenchRow } from "./table.ts";
import { portalFeature } from "../bot/portal/index.ts";
import { itToolFeature } from "../bot/it-tools/index.ts";

export const title = "device status: webhook events accepted, latency, grouping";

const SECRET = "bench-device-secret";
const DEVICES = 200;

export async function run(options: BenchOptions): Promise<BenchRow[]> {
  // Real time, with a jump at the end to close the grouping window without waiting 30 s for it.
  const clock = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };
  const { app, dispose } = await createBenchApp({ DEVICE_WEBHOOK_SECRET: SECRET }, { clock, dispatcher: { idlePollMs: 50 } });
  app.dispatcher.register(countingDeliverer());
  const port = await app.start();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const rows: BenchRow[] = [];
  try {
    const admin = (await app.services.people.resolve({ platform: "shell", externalId: "admin" }))!;
    const serials = Array.from({ length: DEVICES }, (_, i) => `NC4-${String(7_000_000 + i)}`);
    await app.services.features
      .require(portalFeature)
      .registration.register(
        admin,
        { format: "list", rows: serials.map((serial, i) => ({ line: i + 1, serial })), site: "Madrid HQ" },
        { platform: "shell" },
      );
    const post = (body: string) =>
      new Promise<number>((resolve, reject) => {
        const timestamp = Math.floor(Date.now() / 1000);
        const req = http.request(
          {
            host: "127.0.0.1",
            port,
            path: "/webhooks/device-status",
            method: "POST",
            agent,
            headers: {
              "content-type": "application/json",
              "content-length": Buffer.byteLength(body),
              "x-switchboard-timestamp": String(timestamp),
              "x-switchboard-signature": sign(SECRET, timestamp, body),
            },
          },
          (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode ?? 0));
          },
        );
        req.on("error", reject);
        req.end(body);
      });
    let sequence = 0;
    const event = () => {
      const i = sequence++;
      return {
        id: `bench-${i}`,
        type: i % 10 === 9 ? "online" : "offline",
        serial: serials[i % DEVICES]!,
        occurredAt: new Date().toISOString(),
      };
    };

    const measure = async (label: string, total: number, perRequest: number) => {
      const requests = total / perRequest;
      const latencies: number[] = [];
      let accepted = 0;
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          for (let r = next++; r < requests; r = next++) {
            const body = perRequest === 1 ? JSON.stringify(event()) : JSON.stringify({ events: Array.from({ length: perRequest }, event) });
            const sent = performance.now();
            const status = await post(body);
            latencies.push(performance.now() - sent);
            if (status === 202) accepted += perRequest;
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      rows.push(
        {
          area: "device-status",
          metric: `events/s accepted by the webhook (${label}, 16 in flight)`,
          value: accepted / seconds,
          unit: "/s",
          target: "≥ 200",
          ok: accepted / seconds >= 200,
        },
        { area: "device-status", metric: `p50 request latency (${label})`, value: percentile(latencies, 50), unit: "ms" },
        {
          area: "device-status",
          metric: `p99 request latency (${label})`,
          value: percentile(latencies, 99),
          unit: "ms",
          target: perRequest === 1 ? "≤ 250 ms" : undefined,
          ok: perRequest === 1 ? percentile(latencies, 99) <= 250 : undefined,
        },
      );
      return accepted;
    };

    const single = options.quick ? 1_000 : 5_000;
    const accepted = (await measure("1 event per request", single, 1)) + (await measure("100 per request", single, 100));
    const storedEvents = await app.db.prisma.deviceEvent.count();
    clock.offsetMs = app.services.features.require(itToolFeature).deviceStatus.windowMs + 1_000;
    await app.scheduler.runDue();
    const adminMessages = await app.db.prisma.outbox.count({ where: { conversationId: "contoso-admins" } });
    rows.push(
      {
        area: "device-status",
        metric: "accepted events not stored (loss)",
        value: accepted - storedEvents,
        target: "= 0",
        ok: accepted === storedEvents,
      },
      {
        area: "device-status",
        metric: `admins' messages for ${accepted.toLocaleString("en-US")} events at one site (window closed)`,
        value: adminMessages,
        target: "≤ 5",
        ok: adminMessages <= 5,
      },
    );
  } finally {
    agent.destroy();
    await dispose();
  }
  return rows;
}
