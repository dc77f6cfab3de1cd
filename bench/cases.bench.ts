/**
 * Opening cases on embedded SQLite: case + timeline event + audit row + outbox message in one
 * transaction, with the outbox dispatcher delivering at the same time; memory over the run; and
 * the CPU cost of one inbound event through the pipeline with no reply.
 */
import { randomUUID } from "node:crypto";
import pino from "pino";
import { Bot } from "../bot/bot.ts";
import { Router } from "../bot/router.ts";
import { countingDeliverer, createBenchApp } from "./support.ts";
import { p50p99, percentile, type BenchOptions, type BenchRow } from "./table.ts";

export const title = "cases: opening, outbox delivery, pipeline cost";

const mb = (bytes: number) => Math.round(bytes / 1_048_576);

export async function run(options: BenchOptions): Promise<BenchRow[]> {
  const { app, dispose } = await createBenchApp({}, { dispatcher: { batchSize: 500, idlePollMs: 50 } });
  const shell = countingDeliverer();
  app.dispatcher.register(shell);
  app.dispatcher.start();
  const rows: BenchRow[] = [];
  try {
    const employee = (await app.services.people.resolve({ platform: "shell", externalId: "employee" }))!;
    const open = (i: number) =>
      app.services.cases.open(
        employee,
        { title: `Bench case ${i}`, description: "No sound from the Bar 50 in room 4.12", severity: "sev3", language: "en" },
        { platform: "shell", originKey: `bench:${i}` },
      );
    const drained = async (target: number) => {
      const drainStart = performance.now();
      while (shell.delivered < target && performance.now() - drainStart < 120_000) await new Promise((resolve) => setTimeout(resolve, 10));
      return performance.now() - drainStart;
    };

    // 1. Peak: as fast as 8 concurrent requests can open cases.
    const peakTotal = options.quick ? 3_000 : 10_000;
    const concurrency = 8;
    let next = 0;
    const peakStart = performance.now();
    const cpuStart = process.cpuUsage();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = next++; i < peakTotal; i = next++) await open(i);
      }),
    );
    const peakRate = peakTotal / ((performance.now() - peakStart) / 1000);
    const peakDrain = await drained(peakTotal);
    const cpu = process.cpuUsage(cpuStart);
    rows.push(
      {
        area: "cases",
        metric: `peak case openings/s (${concurrency} in flight, ${peakTotal.toLocaleString("en-US")} cases)`,
        value: peakRate,
        unit: "/s",
      },
      { area: "cases", metric: "CPU per opening incl. its delivery", value: (cpu.user + cpu.system) / 1000 / peakTotal, unit: "ms" },
      { area: "cases", metric: "outbox drain after the peak run", value: peakDrain, unit: "ms" },
    );

    // 2. Sustained: 500 openings per second, paced, while the dispatcher delivers; the backlog must
    //    stay small and memory flat over the whole run.
    const rate = 500;
    const total = options.quick ? 5_000 : 50_000;
    const latencies: number[] = [];
    const heap: number[] = [];
    global.gc?.();
    const heapStart = process.memoryUsage().heapUsed;
    const rss: number[] = [];
    let maxBacklog = 0;
    const sustainedStart = performance.now();
    const base = peakTotal;
    let issued = 0;
    let opened = 0;
    const inFlight = new Set<Promise<void>>();
    const backlogSampler = setInterval(() => (maxBacklog = Math.max(maxBacklog, base + opened - shell.delivered)), 50);
    while (issued < total) {
      const due = Math.floor(((performance.now() - sustainedStart) / 1000) * rate);
      while (issued < Math.min(due, total)) {
        const i = base + issued++;
        const t0 = performance.now();
        const p: Promise<void> = open(i).then(() => {
          opened += 1;
          latencies.push(performance.now() - t0);
          inFlight.delete(p);
        });
        inFlight.add(p);
        if (issued % Math.max(1, Math.floor(total / 10)) === 0) {
          // No forced GC here: it would stall the openings being measured.
          const usage = process.memoryUsage();
          heap.push(usage.heapUsed);
          rss.push(usage.rss);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await Promise.all(inFlight);
    clearInterval(backlogSampler);
    const sustainedSeconds = (performance.now() - sustainedStart) / 1000;
    const drainMs = await drained(base + total);
    const achieved = total / sustainedSeconds;
    const backlog = await app.db.prisma.outbox.count({ where: { status: { in: ["pending", "sending"] } } });
    global.gc?.();
    const heapEnd = process.memoryUsage().heapUsed;
    const heapGrowth = heapEnd - heapStart;
    rows.push(
      {
        area: "cases",
        metric: `sustained openings/s (paced at ${rate}/s, ${total.toLocaleString("en-US")} cases)`,
        value: achieved,
        unit: "/s",
        target: "≥ 500",
        ok: achieved >= rate * 0.98,
      },
      {
        area: "cases",
        metric: "opening latency p50 / p99 at that rate",
        value: p50p99(latencies, 2),
        unit: "ms",
      },
      {
        area: "cases",
        metric: "largest outbox backlog during the run",
        value: maxBacklog,
        unit: "messages",
        target: "small (< 1 s of work)",
        ok: maxBacklog < rate,
      },
      { area: "cases", metric: "outbox drain after the last opening", value: drainMs, unit: "ms", target: "< 1 s", ok: drainMs < 1_000 },
      {
        area: "cases",
        metric: "messages delivered / cases opened",
        value: `${shell.delivered} / ${base + total}`,
        target: "equal",
        ok: shell.delivered === base + total && backlog === 0,
      },
      { area: "cases", metric: "heap used, samples during the run", value: heap.map(mb).join(" → "), unit: "MB" },
      {
        area: "cases",
        metric: "heap after GC, end minus start of the run",
        value: mb(heapGrowth),
        unit: "MB",
        target: "flat (< 20)",
        ok: heapGrowth < 20 * 1_048_576,
      },
      { area: "cases", metric: "RSS, samples", value: rss.map(mb).join(" → "), unit: "MB" },
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
      {
        area: "pipeline",
        metric: "CPU per inbound event, no reply (dedupe + identity + dispatch)",
        value: (used.user + used.system) / 1000 / events,
        unit: "ms",
      },
      { area: "pipeline", metric: "inbound events/s, one at a time", value: events / (pipeElapsed / 1000), unit: "/s" },
    );
  } finally {
    await dispose();
  }
  return rows;
}
