/**
 * Timers of running SLA clocks on embedded SQLite: many due timers spread over a window, the
 * scheduler firing them as they fall due. Reports lateness (fired minus due), that every timer
 * fired exactly once, the CPU while firing and while idle, and memory.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pino from "pino";
import { systemClock } from "../bot/clock.ts";
import { TimerScheduler } from "../bot/runtime/scheduler.ts";
import { scheduleTimers, type TimerSpec } from "../bot/runtime/timers.ts";
import { openDatabase } from "../db/client.ts";
import { applyMigrations } from "../db/migrate.ts";
import { percentile, type BenchOptions, type BenchRow } from "./table.ts";

export const title = "timers: SLA clock firing on SQLite";

const mb = (bytes: number) => Math.round(bytes / 1_048_576);

export async function run(options: BenchOptions): Promise<BenchRow[]> {
  const total = options.quick ? 10_000 : 100_000;
  const windowMs = options.quick ? 10_000 : 60_000;
  const dir = mkdtempSync(path.join(tmpdir(), "switchboard-timers-"));
  const url = `file:${path.join(dir, "timers.db")}`;
  await applyMigrations(url);
  const db = await openDatabase(url);
  const rows: BenchRow[] = [];
  try {
    const lateness: number[] = [];
    const fired = new Map<string, number>();
    const scheduler = new TimerScheduler(db, systemClock, pino({ level: "silent" }));
    // The handler stands for a clock check: it records when it ran; its writes commit with the
    // timer's "fired" mark in the same transaction.
    scheduler.register("bench.clock", async (_tx, timer, firedAt) => {
      lateness.push(Math.max(0, Date.now() - timer.dueAt.getTime()));
      fired.set(timer.key, (fired.get(timer.key) ?? 0) + 1);
      void firedAt;
    });
    const start = Date.now() + 3_000;
    const specs: TimerSpec[] = Array.from({ length: total }, (_, i) => ({
      key: `bench:${i}`,
      kind: "bench.clock",
      dueAt: new Date(start + Math.floor((i * windowMs) / total)),
      payload: { i },
    }));
    for (let i = 0; i < specs.length; i += 1_000) await scheduleTimers(db.prisma, specs.slice(i, i + 1_000), new Date());
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const cpuStart = process.cpuUsage();
    scheduler.start();
    const deadline = start + windowMs + 30_000;
    while (fired.size < total && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const busy = process.cpuUsage(cpuStart);
    const busyWall = Date.now() - start;
    const rssAfter = process.memoryUsage().rss;
    // Idle: nothing due; the scheduler only checks now and then for timers written elsewhere.
    const idleStart = process.cpuUsage();
    const idleWall = options.quick ? 2_000 : 5_000;
    await new Promise((resolve) => setTimeout(resolve, idleWall));
    const idle = process.cpuUsage(idleStart);
    await scheduler.stop();
    const stored = await db.prisma.timer.count({ where: { status: "fired" } });
    const twice = [...fired.values()].filter((n) => n > 1).length;
    const p99 = percentile(lateness, 99);
    rows.push(
      { area: "timers", metric: `timers due over ${windowMs / 1000} s`, value: total },
      {
        area: "timers",
        metric: "lateness p50 / p99 / max",
        value: `${percentile(lateness, 50)} / ${p99} / ${Math.max(...lateness)}`,
        unit: "ms",
        target: "p99 ≤ 50",
        ok: p99 <= 50,
      },
      {
        area: "timers",
        metric: "fired exactly once (handler runs = fired rows = timers)",
        value: `${fired.size} / ${stored} / ${total}, ${twice} twice`,
        ok: fired.size === total && stored === total && twice === 0,
      },
      { area: "timers", metric: "CPU while firing", value: ((busy.user + busy.system) / 1000 / busyWall) * 100, unit: "% of a core" },
      {
        area: "timers",
        metric: "CPU while idle",
        value: ((idle.user + idle.system) / 1000 / idleWall) * 100,
        unit: "% of a core",
        target: "< 2",
        ok: ((idle.user + idle.system) / 1000 / idleWall) * 100 < 2,
      },
      { area: "timers", metric: "RSS before → after", value: `${mb(rssBefore)} → ${mb(rssAfter)}`, unit: "MB" },
    );
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
