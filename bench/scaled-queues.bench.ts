/**
 * The scaled mode's queue choice, measured: outbox dispatch and timers shared by two replicas,
 * done by (a) row claiming on PostgreSQL with `FOR UPDATE SKIP LOCKED` — the app's own
 * OutboxDispatcher and TimerScheduler — with Redis pub/sub wake-ups between the replicas
 * (app/wake-bus.ts), and (b) BullMQ queues on Redis (a job per message, a delayed job per timer),
 * whose workers still claim the row in PostgreSQL, because the database stays the source of truth
 * (a job without its row is not a message; a row without its job would never be sent).
 *
 * Both "replicas" run in this process, each with its own connections (their CPU is this
 * process's); PostgreSQL's and Redis's CPU is read from /proc and includes whatever else the
 * machine runs at the time. The deliverer and the timer handler do nothing, so what is measured
 * is the mechanism: latency from a message's commit to its delivery, lateness of timers, CPU per
 * 1,000, and that every message and timer went out exactly once.
 */
import { randomBytes } from "node:crypto";
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import pg from "pg";
import pino from "pino";
import { connectWakeBus } from "../app/wake-bus.ts";
import { systemClock } from "../core/clock.ts";
import type { DeliveryResult, OutboundDelivery } from "../bot/events.ts";
import { OutboxDispatcher } from "../bot/runtime/dispatcher.ts";
import { TimerScheduler } from "../bot/runtime/scheduler.ts";
import { scheduleStatement } from "../bot/runtime/timers.ts";
import { enqueueStatement } from "../bot/runtime/outbox.ts";
import { openDatabase, type Database } from "../db/client.ts";
import { applyMigrations } from "../db/migrate.ts";
import { POSTGRES_URL, REDIS_URL, serverPids, sleep, totalCpuSeconds } from "./support.ts";
import { p50p99, type BenchOptions, type BenchRow } from "./table.ts";

export const title = "scaled queues: outbox and timers by row claiming + Redis wake-ups vs BullMQ (two replicas, PostgreSQL)";

const silent = pino({ level: "silent" });
/** Connections handed to BullMQ: it does not close connections it was given. */
const connections: Redis[] = [];
const connection = () => {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  connections.push(redis);
  return redis;
};

/** CPU seconds so far of this process, and of PostgreSQL's and Redis's processes. */
function cpuNow(): { own: number; servers: number } {
  const usage = process.cpuUsage();
  return { own: (usage.user + usage.system) / 1e6, servers: totalCpuSeconds(serverPids()) };
}

/** CPU seconds since `start` (from `cpuNow`). */
function cpuSince(start: { own: number; servers: number }): { own: number; servers: number } {
  const now = cpuNow();
  return { own: now.own - start.own, servers: now.servers - start.servers };
}

interface Measured {
  latencies: number[];
  counts: Map<string, number>;
  cpu: { own: number; servers: number };
}

/** A no-op platform that records when each message reached it. */
class NullDeliverer {
  readonly platform = "slack" as const;
  constructor(private readonly seen: (delivery: OutboundDelivery) => void) {}
  async deliver(delivery: OutboundDelivery): Promise<DeliveryResult> {
    this.seen(delivery);
    return { ok: true, platformMessageId: delivery.id };
  }
}

/** Writes `perSecond` messages a second for `seconds`, in 10 ms batches, across 64 threads; calls `written` after each commit. */
async function writeMessages(
  db: Database,
  perSecond: number,
  seconds: number,
  written: (ids: string[], replica: number) => Promise<void> | void,
) {
  const perTick = Math.max(1, Math.round(perSecond / 100));
  const ticks = seconds * 100;
  const started = performance.now();
  let n = 0;
  for (let tick = 0; tick < ticks; tick++) {
    const now = new Date();
    const items = Array.from({ length: perTick }, () => {
      n += 1;
      return {
        key: `bench:${n}:${randomBytes(3).toString("hex")}`,
        message: {
          target: { platform: "slack" as const, conversationId: `C${n % 64}` },
          visibility: "public" as const,
          text: `message ${n}`,
        },
      };
    });
    await db.fast.query(enqueueStatement(items, now)!);
    await written(
      items.map((item) => item.key),
      tick % 2,
    );
    const due = started + (tick + 1) * 10;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
  }
  return n;
}

async function outboxByRowClaiming(url: string, prefix: string, perSecond: number, seconds: number): Promise<Measured> {
  const writer = await openDatabase(url, { poolSize: 4 });
  const latencies: number[] = [];
  const counts = new Map<string, number>();
  const replicas = await Promise.all([0, 1].map(() => openDatabase(url, { poolSize: 4 })));
  const buses = replicas.map(() => connectWakeBus(REDIS_URL, prefix, silent));
  const dispatchers = replicas.map((db, i) => {
    const dispatcher = new OutboxDispatcher(db, systemClock, silent, { idlePollMs: 1_000, onReleased: () => buses[i]!.outboxReleased() });
    dispatcher.register(
      new NullDeliverer((delivery) => {
        counts.set(delivery.idempotencyKey, (counts.get(delivery.idempotencyKey) ?? 0) + 1);
        latencies.push(Date.now() - (delivery as OutboundDelivery & { createdAt: Date }).createdAt.getTime());
      }),
    );
    buses[i]!.onOutbox(() => dispatcher.kick());
    return dispatcher;
  });
  await sleep(200); // subscribed
  dispatchers.forEach((d) => d.start());
  const cpu0 = cpuNow();
  // The replica that wrote a message kicks its own dispatcher, as in the app.
  const total = await writeMessages(writer, perSecond, seconds, (_ids, replica) => dispatchers[replica]!.kick());
  while (counts.size < total) await sleep(20);
  const cpu = cpuSince(cpu0);
  await Promise.all(dispatchers.map((d) => d.stop()));
  await Promise.all(buses.map((b) => b.close()));
  await Promise.all([writer, ...replicas].map((db) => db.close()));
  return { latencies, counts, cpu };
}

async function outboxByBullMQ(url: string, prefix: string, perSecond: number, seconds: number): Promise<Measured> {
  const writer = await openDatabase(url, { poolSize: 4 });
  const latencies: number[] = [];
  const counts = new Map<string, number>();
  const queue = new Queue("outbox", { connection: connection(), prefix });
  const pools = [0, 1].map(
    () => new pg.Pool({ connectionString: POSTGRES_URL, max: 4, options: `-c search_path="${new URL(url).searchParams.get("schema")}"` }),
  );
  const workers = pools.map(
    (pool) =>
      new Worker(
        "outbox",
        async (job) => {
          const key = String(job.data.key);
          // The row is the message: claim it, deliver, record — the queue only said where to look.
          const { rows } = await pool.query(
            `UPDATE "Outbox" SET status = 'sending', attempts = attempts + 1, "leaseUntil" = now() + interval '30 seconds'
             WHERE "idempotencyKey" = $1 AND status = 'pending' RETURNING id, (extract(epoch FROM "createdAt") * 1000)::float8 AS created`,
            [key],
          );
          if (rows.length === 0) return;
          counts.set(key, (counts.get(key) ?? 0) + 1);
          latencies.push(Date.now() - Number(rows[0].created));
          await pool.query(`UPDATE "Outbox" SET status = 'sent', "sentAt" = now(), "leaseUntil" = NULL WHERE id = $1`, [rows[0].id]);
        },
        { connection: connection(), prefix, concurrency: 16 },
      ),
  );
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  const cpu0 = cpuNow();
  const total = await writeMessages(writer, perSecond, seconds, async (ids) => {
    await queue.addBulk(ids.map((key) => ({ name: "send", data: { key }, opts: { jobId: key, removeOnComplete: true } })));
  });
  while (counts.size < total) await sleep(20);
  const cpu = cpuSince(cpu0);
  await Promise.all(workers.map((w) => w.close()));
  await queue.obliterate({ force: true });
  await queue.close();
  await Promise.all(pools.map((p) => p.end()));
  await writer.close();
  return { latencies, counts, cpu };
}

/** `count` timers due evenly over `seconds`, starting a second from now. */
function timerPlan(count: number, seconds: number) {
  const start = Date.now() + 1_000;
  return Array.from({ length: count }, (_, i) => ({
    key: `bench-timer:${i}:${randomBytes(3).toString("hex")}`,
    kind: "bench.tick",
    dueAt: new Date(start + Math.floor((i * seconds * 1000) / count)),
    payload: {},
  }));
}

async function insertTimers(db: Database, plan: ReturnType<typeof timerPlan>): Promise<void> {
  for (let i = 0; i < plan.length; i += 500) await db.fast.query(scheduleStatement(plan.slice(i, i + 500), new Date())!);
}

async function timersByRowClaiming(url: string, prefix: string, count: number, seconds: number): Promise<Measured> {
  const latencies: number[] = [];
  const counts = new Map<string, number>();
  const writer = await openDatabase(url, { poolSize: 2 });
  const replicas = await Promise.all([0, 1].map(() => openDatabase(url, { poolSize: 4 })));
  const buses = replicas.map(() => connectWakeBus(REDIS_URL, prefix, silent));
  const schedulers = replicas.map((db, i) => {
    const scheduler = new TimerScheduler(db, systemClock, silent, {
      idlePollMs: 1_000,
      onWake: (dueAt) => buses[i]!.timerScheduled(dueAt),
    });
    scheduler.register("bench.tick", async (_tx, timer) => {
      latencies.push(Date.now() - timer.dueAt.getTime());
      counts.set(timer.key, (counts.get(timer.key) ?? 0) + 1);
    });
    buses[i]!.onTimer((dueAt) => scheduler.wakeForPeer(dueAt));
    return scheduler;
  });
  schedulers.forEach((s) => s.start());
  await sleep(200);
  const cpu0 = cpuNow();
  const plan = timerPlan(count, seconds);
  await insertTimers(writer, plan);
  schedulers[0]!.wake(plan[0]!.dueAt); // the writer's replica wakes for the first one, as services do
  while (counts.size < count) await sleep(20);
  const cpu = cpuSince(cpu0);
  await Promise.all(schedulers.map((s) => s.stop()));
  await Promise.all(buses.map((b) => b.close()));
  await Promise.all([writer, ...replicas].map((db) => db.close()));
  return { latencies, counts, cpu };
}

async function timersByBullMQ(url: string, prefix: string, count: number, seconds: number): Promise<Measured> {
  const latencies: number[] = [];
  const counts = new Map<string, number>();
  const writer = await openDatabase(url, { poolSize: 2 });
  const queue = new Queue("timers", { connection: connection(), prefix });
  const replicas = await Promise.all([0, 1].map(() => openDatabase(url, { poolSize: 4 })));
  const workers = replicas.map(
    (db) =>
      new Worker(
        "timers",
        async (job) => {
          const key = String(job.data.key);
          const dueAt = Number(job.data.dueAt);
          // The timer row decides (fired once, whatever the queue delivers twice), in the
          // transaction its handler writes in — as the scheduler does, but one timer at a time.
          await db.prisma.$transaction(async (tx) => {
            const rows = await tx.$queryRaw<{ id: string }[]>`UPDATE "Timer" SET status = 'fired', "firedAt" = ${new Date()}
              WHERE key = ${key} AND status = 'pending' RETURNING id`;
            if (rows.length === 0) return;
            latencies.push(Date.now() - dueAt);
            counts.set(key, (counts.get(key) ?? 0) + 1);
          });
        },
        { connection: connection(), prefix, concurrency: 16 },
      ),
  );
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  const cpu0 = cpuNow();
  const plan = timerPlan(count, seconds);
  await insertTimers(writer, plan);
  const now = Date.now();
  for (let i = 0; i < plan.length; i += 500)
    await queue.addBulk(
      plan.slice(i, i + 500).map((t) => ({
        name: "fire",
        data: { key: t.key, dueAt: t.dueAt.getTime() },
        opts: { jobId: t.key, delay: Math.max(0, t.dueAt.getTime() - now), removeOnComplete: true },
      })),
    );
  while (counts.size < count) await sleep(20);
  const cpu = cpuSince(cpu0);
  await Promise.all(workers.map((w) => w.close()));
  await queue.obliterate({ force: true });
  await queue.close();
  await Promise.all([writer, ...replicas].map((db) => db.close()));
  return { latencies, counts, cpu };
}

function rowsOf(what: string, how: string, m: Measured, expected: number): BenchRow[] {
  const per1000 = (seconds: number) => ((seconds / Math.max(1, expected)) * 1000).toFixed(2);
  const once = m.counts.size === expected && [...m.counts.values()].every((n) => n === 1);
  return [
    {
      area: "scaled-queues",
      metric: `${what}, ${how}: ${what === "timers" ? "lateness" : "commit → delivered"} p50 / p99`,
      value: p50p99(m.latencies, 1),
      unit: "ms",
    },
    {
      area: "scaled-queues",
      metric: `${what}, ${how}: CPU per 1,000, replicas / PostgreSQL + Redis`,
      value: `${per1000(m.cpu.own)} / ${per1000(m.cpu.servers)}`,
      unit: "s",
    },
    {
      area: "scaled-queues",
      metric: `${what}, ${how}: each exactly once`,
      value: `${m.counts.size} / ${expected}`,
      target: "all, once",
      ok: once,
    },
  ];
}

export async function run(options: BenchOptions): Promise<BenchRow[]> {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on("error", () => undefined);
  const admin = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2_000 });
  try {
    await probe.connect();
    await admin.connect();
  } catch (error) {
    probe.disconnect();
    await admin.end().catch(() => undefined);
    return [{ area: "scaled-queues", metric: "skipped (PostgreSQL and Redis are needed)", value: (error as Error).message }];
  }
  probe.disconnect();
  const schema = `bench_queues_${randomBytes(4).toString("hex")}`;
  const url = `${POSTGRES_URL}?schema=${schema}`;
  const prefix = `${schema}:`;
  const rows: BenchRow[] = [];
  try {
    await applyMigrations(url);
    const [perSecond, seconds] = options.quick ? [200, 3] : [500, 10];
    const [timers, timerSeconds] = options.quick ? [1_000, 3] : [6_000, 15];
    rows.push(
      ...rowsOf(
        "outbox",
        `row claiming + wake-ups (${perSecond}/s)`,
        await outboxByRowClaiming(url, prefix, perSecond, seconds),
        perSecond * seconds,
      ),
    );
    rows.push(...rowsOf("outbox", `BullMQ (${perSecond}/s)`, await outboxByBullMQ(url, prefix, perSecond, seconds), perSecond * seconds));
    rows.push(
      ...rowsOf(
        "timers",
        `row claiming (${timers} over ${timerSeconds} s)`,
        await timersByRowClaiming(url, prefix, timers, timerSeconds),
        timers,
      ),
    );
    rows.push(
      ...rowsOf(
        "timers",
        `BullMQ delayed jobs (${timers} over ${timerSeconds} s)`,
        await timersByBullMQ(url, prefix, timers, timerSeconds),
        timers,
      ),
    );
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await admin.end();
    for (const redis of connections.splice(0)) redis.disconnect();
  }
  return rows;
}
