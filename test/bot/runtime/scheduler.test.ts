import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import pino from "pino";
import { ManualClock } from "../../../bot/clock.ts";
import { TimerScheduler } from "../../../bot/runtime/scheduler.ts";
import { scheduleTimers, cancelTimers } from "../../../bot/runtime/timers.ts";
import { openDatabase } from "../../../db/client.ts";
import { createTestDatabase, testProviders, type TestDatabase } from "../../support/database.ts";

const log = pino({ level: "silent" });
const at = (iso: string) => new Date(iso);

describe.each(await testProviders())("timer scheduler on %s", (provider) => {
  let database: TestDatabase;
  const clock = new ManualClock("2026-03-02T10:00:00Z");

  beforeAll(async () => {
    database = await createTestDatabase(provider);
  });
  afterAll(() => database.cleanup());
  beforeEach(async () => {
    await database.db.prisma.timer.deleteMany();
    clock.set("2026-03-02T10:00:00Z");
  });

  it("fires a timer once, when it is due, and not before", async () => {
    const fired: string[] = [];
    const scheduler = new TimerScheduler(database.db, clock, log);
    scheduler.register("test.ping", async (_tx, timer) => void fired.push(timer.key));
    await scheduleTimers(database.db.prisma, [{ key: "t1", kind: "test.ping", dueAt: at("2026-03-02T14:00:00Z") }], clock.now());
    expect(await scheduler.runDue()).toBe(0);
    clock.set("2026-03-02T14:00:00Z");
    expect(await scheduler.runDue()).toBe(1);
    expect(await scheduler.runDue()).toBe(0);
    expect(fired).toEqual(["t1"]);
  });

  it("moves a timer scheduled again under the same key, and forgets a cancelled one", async () => {
    const fired: string[] = [];
    const scheduler = new TimerScheduler(database.db, clock, log);
    scheduler.register("test.ping", async (_tx, timer) => void fired.push(timer.key));
    await scheduleTimers(database.db.prisma, [{ key: "moved", kind: "test.ping", dueAt: at("2026-03-02T11:00:00Z") }], clock.now());
    await scheduleTimers(database.db.prisma, [{ key: "moved", kind: "test.ping", dueAt: at("2026-03-02T12:00:00Z") }], clock.now());
    await scheduleTimers(database.db.prisma, [{ key: "cancelled", kind: "test.ping", dueAt: at("2026-03-02T11:00:00Z") }], clock.now());
    await cancelTimers(database.db.prisma, ["cancelled"]);
    clock.set("2026-03-02T11:30:00Z");
    await scheduler.runDue();
    expect(fired).toEqual([]);
    clock.set("2026-03-02T12:00:00Z");
    await scheduler.runDue();
    expect(fired).toEqual(["moved"]);
  });

  it("does not lose a timer whose handler failed: it is retried later, after a restart too", async () => {
    const failing = new TimerScheduler(database.db, clock, log);
    failing.register("test.flaky", async () => {
      throw new Error("downstream unavailable");
    });
    await scheduleTimers(database.db.prisma, [{ key: "flaky", kind: "test.flaky", dueAt: clock.now() }], clock.now());
    expect(await failing.runDue()).toBe(0);
    const row = await database.db.prisma.timer.findUniqueOrThrow({ where: { key: "flaky" } });
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row.lastError).toContain("downstream unavailable");

    const fired: string[] = [];
    const restarted = new TimerScheduler(database.db, clock, log);
    restarted.register("test.flaky", async (_tx, timer) => void fired.push(timer.key));
    clock.advance(60_000);
    await restarted.runDue();
    expect(fired).toEqual(["flaky"]);
  });

  it("rolls back a batch whose handler writes failed, then fires the good timers one by one", async () => {
    const fired: string[] = [];
    const scheduler = new TimerScheduler(database.db, clock, log);
    scheduler.register("test.ok", async (_tx, timer) => void fired.push(timer.key));
    scheduler.register("test.bad", async () => {
      throw new Error("bad payload");
    });
    await scheduleTimers(
      database.db.prisma,
      [
        { key: "ok-1", kind: "test.ok", dueAt: clock.now() },
        { key: "bad-1", kind: "test.bad", dueAt: clock.now() },
        { key: "ok-2", kind: "test.ok", dueAt: clock.now() },
      ],
      clock.now(),
    );
    await scheduler.runDue();
    const rows = await database.db.prisma.timer.findMany({ orderBy: { key: "asc" } });
    expect(Object.fromEntries(rows.map((r) => [r.key, r.status]))).toEqual({ "bad-1": "pending", "ok-1": "fired", "ok-2": "fired" });
    expect(new Set(fired)).toEqual(new Set(["ok-1", "ok-2"]));
  });

  it("fires late timers at once when the scheduler starts, and wakes for a new one", async () => {
    const realClock = { now: () => new Date() };
    const fired: string[] = [];
    const scheduler = new TimerScheduler(database.db, realClock, log, { idlePollMs: 10_000 });
    scheduler.register("test.ping", async (_tx, timer) => void fired.push(timer.key));
    await scheduleTimers(database.db.prisma, [{ key: "late", kind: "test.ping", dueAt: new Date(Date.now() - 3_600_000) }], new Date());
    scheduler.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fired).toEqual(["late"]);
    const due = new Date(Date.now() + 150);
    await scheduleTimers(database.db.prisma, [{ key: "soon", kind: "test.ping", dueAt: due }], new Date());
    scheduler.wake(due);
    await new Promise((resolve) => setTimeout(resolve, 600));
    await scheduler.stop();
    expect(fired).toEqual(["late", "soon"]);
  });

  it("fires each timer exactly once when two schedulers race for the same timers", async () => {
    const specs = Array.from({ length: 300 }, (_, i) => ({ key: `race-${i}`, kind: "test.race", dueAt: clock.now() }));
    await scheduleTimers(database.db.prisma, specs, clock.now());
    const counts = new Map<string, number>();
    const count = async (_tx: unknown, timer: { key: string }) => void counts.set(timer.key, (counts.get(timer.key) ?? 0) + 1);
    // On PostgreSQL the second scheduler has its own pool, as another replica would. SQLite is the
    // one-process mode: a second better-sqlite3 connection in the same process would block the
    // event loop while it waits for the lock, so both schedulers share the process's connection.
    const other = provider === "postgresql" ? await openDatabase(database.url) : database.db;
    const a = new TimerScheduler(database.db, clock, log, { batchSize: 25 });
    const b = new TimerScheduler(other, clock, log, { batchSize: 25 });
    a.register("test.race", count);
    b.register("test.race", count);
    const [firedA, firedB] = await Promise.all([a.runDue(), b.runDue()]);
    if (other !== database.db) await other.close();
    expect(firedA + firedB).toBe(300);
    expect(counts.size).toBe(300);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    if (provider === "postgresql") expect(Math.min(firedA, firedB)).toBeGreaterThan(0);
  });
});
