/**
 * Opening cases on embedded SQLite: case + timeline event + audit row + outbox message in one
 * transaction, with the outbox dispatcher delivering at the same time; memory over the run; and
 * the CPU cost of one inbound event through the pipeline with no reply.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pino from "pino";
import { createApp } from "../app/app.ts";
import { readConfig } from "../app/config.ts";
import { Bot } from "../bot/bot.ts";
import type { DeliveryResult } from "../bot/events.ts";
import { Router } from "../bot/router.ts";
import { percentile, type BenchOptions, type BenchRow } from "./table.ts";

export const title = "cases: opening, outbox delivery, pipeline cost";

const mb = (bytes: number) => Math.round(bytes / 1_048_576);

export async function run(options: BenchOptions): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(tmpdir(), "switchboard-bench-"));
  const config = readConfig({ DATABASE_URL: `file:${path.join(dir, "bench.db")}`, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent" });
  const app = await createApp(config, { log: pino({ level: "silent" }), dispatcher: { batchSize: 500, idlePollMs: 50 } });
  let delivered = 0;
  app.dispatcher.register({
    platform: "shell",
    async deliver(): Promise<DeliveryResult> {
      delivered += 1;
      return { ok: true, platformMessageId: `m${delivered}` };
    },
  });
  app.dispatcher.start();
  const rows: BenchRow[] = [];
  try {
    const employee = (await app.services.people.resolve({ platform: "shell", externalId: "employee" }))!;
    const total = options.quick ? 3_000 : 50_000;
    const concurrency = 8;
    const latencies: number[] = [];
    const rss: number[] = [];
    let next = 0;
    global.gc?.();
    const rssStart = process.memoryUsage().rss;
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = next++; i < total; i = next++) {
          const t0 = performance.now();
          await app.services.cases.open(
            employee,
            { title: `Bench case ${i}`, description: "No sound from the Bar 50 in room 4.12", severity: "sev3", language: "en" },
            { platform: "shell", originKey: `bench:${i}` },
          );
          latencies.push(performance.now() - t0);
          if (i % 5_000 === 0) rss.push(process.memoryUsage().rss);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    const openRate = total / elapsed;
    // Let delivery finish, and measure how long that took after the last opening.
    const drainStart = performance.now();
    while (delivered < total && performance.now() - drainStart < 60_000) await new Promise((resolve) => setTimeout(resolve, 20));
    const drainMs = performance.now() - drainStart;
    const backlog = await app.db.prisma.outbox.count({ where: { status: { in: ["pending", "sending"] } } });
    rss.push(process.memoryUsage().rss);
    rows.push(
      { area: "cases", metric: `case openings/s (SQLite, ${total.toLocaleString("en-US")} cases, ${concurrency} in flight)`, value: openRate, unit: "/s", target: "≥ 500", ok: openRate >= 500 },
      { area: "cases", metric: "opening latency p50 / p99", value: `${percentile(latencies, 50).toFixed(2)} / ${percentile(latencies, 99).toFixed(2)}`, unit: "ms" },
      { area: "cases", metric: "process CPU per opening (incl. delivery)", value: ((cpu.user + cpu.system) / 1000) / total, unit: "ms" },
      { area: "cases", metric: "outbox messages delivered during + after the run", value: delivered, target: `= ${total}`, ok: delivered === total },
      { area: "cases", metric: "outbox drain time after the last opening", value: drainMs, unit: "ms", target: "keeps up (< 1 s)", ok: drainMs < 1_000 },
      { area: "cases", metric: "outbox backlog at the end", value: backlog, target: "0", ok: backlog === 0 },
      { area: "cases", metric: "RSS start → samples → end", value: `${mb(rssStart)} → ${rss.map(mb).join(" → ")}`, unit: "MB" },
      {
        area: "cases",
        metric: "RSS growth over the run",
        value: mb(rss[rss.length - 1]! - rssStart),
        unit: "MB",
        target: "flat (< 100)",
        ok: rss[rss.length - 1]! - rssStart < 100 * 1_048_576,
      },
    );

    // One inbound event through dedupe + identity + dispatch, with a handler that does nothing.
    const silent = new Bot(app.services, pino({ level: "silent" }), { router: new Router().otherwise(async () => undefined) });
    const events = options.quick ? 1_000 : 10_000;
    const make = () => ({
      kind: "message" as const,
      platform: "shell" as const,
      deliveryId: randomUUID(),
      receivedAt: new Date(),
      actor: { platform: "shell" as const, externalId: "employee" },
      conversation: { platform: "shell" as const, conversationId: "dm:employee" },
      text: "the bar keeps rebooting",
    });
    for (let i = 0; i < 200; i++) await silent.handle(make());
    const pipeCpu = process.cpuUsage();
    const pipeStart = performance.now();
    for (let i = 0; i < events; i++) await silent.handle(make());
    const pipeElapsed = performance.now() - pipeStart;
    const used = process.cpuUsage(pipeCpu);
    rows.push(
      { area: "pipeline", metric: "CPU per inbound event, no reply (dedupe + identity + dispatch)", value: (used.user + used.system) / 1000 / events, unit: "ms" },
      { area: "pipeline", metric: "inbound events/s, one at a time", value: events / (pipeElapsed / 1000), unit: "/s" },
    );
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
