import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import pino from "pino";
import { ManualClock } from "../../../core/clock.ts";
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

  it("keeps a timer that its own handler scheduled again, also when a bad neighbour sends the batch one by one", async () => {
    const scheduler = new TimerScheduler(database.db, clock, log);
    // A reminder: each firing plans the next one under the same key, ten minutes on. What it did
    // is written in the same transaction (as a far-off "test.log" row), so a rolled-back attempt
    // leaves no trace, as with a real handler's outbox message.
    const later = at("2027-01-01T00:00:00Z");
    scheduler.register("test.repeat", async (tx, timer, firedAt) => {
      const entry = `${timer.key}@${firedAt.toISOString().slice(11, 16)}`;
      await scheduleTimers(
        tx,
        [
          { key: timer.key, kind: "test.repeat", dueAt: new Date(firedAt.getTime() + 600_000) },
          { key: entry, kind: "test.log", dueAt: later },
        ],
        firedAt,
      );
    });
    scheduler.register("test.bad", async () => {
      throw new Error("bad payload");
    });
    await scheduleTimers(
      database.db.prisma,
      [
        { key: "alone", kind: "test.repeat", dueAt: clock.now() },
        { key: "with-bad", kind: "test.repeat", dueAt: clock.now() },
      ],
      clock.now(),
    );
    await scheduler.runDue();
    // From now on the batch holding "with-bad" fails and its timers fire one by one.
    await scheduleTimers(database.db.prisma, [{ key: "bad", kind: "test.bad", dueAt: at("2026-03-02T10:10:00Z") }], clock.now());
    for (let i = 0; i < 3; i++) {
      clock.advance(600_000);
      await scheduler.runDue();
    }
    const fired = (await database.db.prisma.timer.findMany({ where: { kind: "test.log" }, orderBy: { key: "asc" } })).map((r) => r.key);
    expect(fired.filter((f) => f.startsWith("alone"))).toEqual(["alone@10:00", "alone@10:10", "alone@10:20", "alone@10:30"]);
    expect(fired.filter((f) => f.startsWith("with-bad"))).toEqual(["with-bad@10:00", "with-bad@10:10", "with-bad@10:20", "with-bad@10:30"]);
    const rows = await database.db.prisma.timer.findMany({ where: { kind: "test.repeat" } });
    expect(rows.map((r) => [r.status, r.dueAt.toISOString()])).toEqual([
      ["pending", "2026-03-02T10:40:00.000Z"],
      ["pending", "2026-03-02T10:40:00.000Z"],
    ]);
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
