/**
 * The timer scheduler. It sleeps until the next due timer (not a fixed poll), so lateness is the
 * time to run the batch, not half a polling interval. Due timers are claimed and fired inside one
 * transaction together with their handlers' writes: a crash before the commit fires them again
 * after restart, a commit makes them fired — never lost, never twice. On PostgreSQL the claim
 * uses FOR UPDATE SKIP LOCKED, so several replicas share the work without double firing.
 */
import type { Logger } from "pino";
import { Prisma, type Database, type Tx } from "../../db/client.ts";
import type { Clock } from "../../core/clock.ts";
import type { DueTimer } from "./timers.ts";
import { toDate } from "../../db/fast-sql.ts";

export type TimerHandler = (tx: Tx, timer: DueTimer, firedAt: Date) => Promise<void>;

export interface SchedulerOptions {
  batchSize?: number;
  /** The longest sleep while idle; also how soon timers written by other replicas are noticed. */
  idlePollMs?: number;
  maxAttempts?: number;
  /** Shortest pause between two batches while timers keep falling due (default 10 ms). */
  coalesceMs?: number;
  /** Called after each fired batch (metrics, benchmarks). */
  onFired?: (timers: DueTimer[], firedAt: Date) => void;
  /**
   * Scaled mode: called when this process schedules a timer (`wake(dueAt)`), so app/wake-bus.ts
   * can tell the other replicas about one due before their next poll. Wakes that come from the
   * other replicas use `wakeForPeer` and are not passed on again.
   */
  onWake?: (dueAt: Date) => void;
}

const MAX_TIMEOUT_MS = 2_147_000_000;

export class TimerScheduler {
  private readonly handlers = new Map<string, TimerHandler>();
  private timer: NodeJS.Timeout | undefined;
  private wakeAt = Number.POSITIVE_INFINITY;
  private running = false;
  private stopped = true;
  private again = false;
  private readonly batchSize: number;
  private readonly idlePollMs: number;
  private readonly maxAttempts: number;
  private readonly coalesceMs: number;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: SchedulerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.idlePollMs = options.idlePollMs ?? 1_000;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.coalesceMs = options.coalesceMs ?? 10;
  }

  /** Registers the handler of a timer kind. */
  register(kind: string, handler: TimerHandler): void {
    this.handlers.set(kind, handler);
  }

  start(): void {
    this.stopped = false;
    this.wake();
  }

  /** Stops scheduling and waits for a running batch to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.running) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  /** Tells the scheduler a timer is due at `dueAt` (or now); it wakes earlier if needed. */
  wake(dueAt?: Date): void {
    if (dueAt) this.options.onWake?.(dueAt);
    this.wakeForPeer(dueAt);
  }

  /** Another replica wrote a timer due at `dueAt` (scaled mode): wake for it, tell nobody. */
  wakeForPeer(dueAt?: Date): void {
    if (this.stopped) return;
    const at = dueAt ? dueAt.getTime() : 0;
    if (this.running) {
      if (at <= this.clock.now().getTime()) this.again = true;
      else this.arm(at);
      return;
    }
    this.arm(at);
  }

  /** Fires every timer due now, in batches; returns how many fired. For tests and the loop. */
  async runDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const fired = await this.fireBatch();
      total += fired;
      if (fired < this.batchSize) return total;
    }
  }

  private arm(at: number): void {
    if (this.stopped) return;
    const now = this.clock.now().getTime();
    const target = Math.max(at, now);
    if (this.timer && target >= this.wakeAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.wakeAt = target;
    this.timer = setTimeout(() => void this.loop(), Math.min(target - now, MAX_TIMEOUT_MS));
  }

  private async loop(): Promise<void> {
    this.timer = undefined;
    this.wakeAt = Number.POSITIVE_INFINITY;
    if (this.stopped || this.running) return;
    this.running = true;
    let next: number | undefined;
    try {
      do {
        this.again = false;
        await this.runDue();
      } while (this.again && !this.stopped);
      next = await this.nextDue();
    } catch (error) {
      this.log.error({ err: error }, "timer loop failed; retrying shortly");
    } finally {
      this.running = false;
    }
    const now = this.clock.now().getTime();
    // Under a stream of timers a few milliseconds apart, firing each alone would cost a
    // transaction per timer; waiting at least `coalesceMs` lets one transaction take a handful.
    const earliest = this.coalesceMs > 0 ? now + this.coalesceMs : now;
    this.arm(Math.min(Math.max(next ?? Number.POSITIVE_INFINITY, earliest), now + this.idlePollMs));
  }

  /** When the earliest pending timer is due (the demo clock steps from one to the next). */
  async nextDueAt(): Promise<Date | undefined> {
    const next = await this.nextDue();
    return next === undefined ? undefined : new Date(next);
  }

  private async nextDue(): Promise<number | undefined> {
    const rows = await this.db.fast.query(Prisma.sql`SELECT MIN("dueAt") AS due FROM "Timer" WHERE status = 'pending'`);
    const due = rows[0]?.due;
    return due === null || due === undefined ? undefined : toDate(due).getTime();
  }

  /**
   * The claim is the transaction's first statement and a write: SQLite then takes its write lock
   * up front (waiting its turn) instead of failing when another connection wrote since a read;
   * PostgreSQL skips rows another replica holds. The rows stay `firing` only inside this
   * transaction: committed they are `fired`, rolled back they are `pending` again.
   */
  private claimSql(now: Date, limit: number) {
    const lock = this.db.provider === "postgresql" ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
    return Prisma.sql`UPDATE "Timer" SET status = 'firing' WHERE id IN (
        SELECT id FROM "Timer" WHERE status = 'pending' AND "dueAt" <= ${now} ORDER BY "dueAt" LIMIT ${limit} ${lock})
      RETURNING id, key, kind, "dueAt", payload, attempts`;
  }

  /**
   * Only rows still `firing` become fired. A handler may have scheduled its own key again (a
   * reminder that repeats, a raise that plans the next one): the upsert keeps the row id but sets
   * it back to `pending` with a new due time, and that fresh timer must stay pending.
   */
  private markFiredSql(timers: DueTimer[], now: Date) {
    return Prisma.sql`UPDATE "Timer" SET status = 'fired', "firedAt" = ${now}
      WHERE id IN (${Prisma.join(timers.map((t) => t.id))}) AND status = 'firing'`;
  }

  private async fireBatch(): Promise<number> {
    const now = this.clock.now();
    let fired: DueTimer[] = [];
    try {
      fired = await this.db.prisma.$transaction(
        async (tx) => {
          const due = (await tx.$queryRaw<RawTimer[]>(this.claimSql(now, this.batchSize))).map(toDueTimer).sort(byDue);
          for (const timer of due) await this.handlerFor(timer.kind)(tx, timer, now);
          if (due.length > 0) await tx.$executeRaw(this.markFiredSql(due, now));
          return due;
        },
        { maxWait: 10_000, timeout: 60_000 },
      );
    } catch (error) {
      // One bad timer must not hold back the others: fire them one by one.
      this.log.warn({ err: error }, "timer batch failed; firing one by one");
      fired = await this.fireOneByOne(now);
    }
    if (fired.length > 0) this.options.onFired?.(fired, now);
    return fired.length;
  }

  private async fireOneByOne(now: Date): Promise<DueTimer[]> {
    const fired: DueTimer[] = [];
    for (let i = 0; i < this.batchSize; i++) {
      try {
        const timer = await this.db.prisma.$transaction(async (tx) => {
          const [due] = (await tx.$queryRaw<RawTimer[]>(this.claimSql(now, 1))).map(toDueTimer);
          if (!due) return undefined;
          try {
            await this.handlerFor(due.kind)(tx, due, now);
          } catch (error) {
            throw new TimerFailure(due, error);
          }
          await tx.$executeRaw(this.markFiredSql([due], now));
          return due;
        });
        if (!timer) break;
        fired.push(timer);
      } catch (error) {
        if (!(error instanceof TimerFailure)) throw error;
        await this.recordFailure(error.timer, error.cause, now);
      }
    }
    return fired;
  }

  private async recordFailure(timer: DueTimer, cause: unknown, now: Date): Promise<void> {
    const attempts = timer.attempts + 1;
    const message = (cause as Error)?.message ?? String(cause);
    if (attempts >= this.maxAttempts) {
      this.log.error({ err: cause, timer: timer.key, kind: timer.kind }, "timer failed for the last time; giving up");
      await this.db.prisma
        .$executeRaw`UPDATE "Timer" SET status = 'failed', attempts = ${attempts}, "lastError" = ${message} WHERE id = ${timer.id}`;
      return;
    }
    const retryAt = new Date(now.getTime() + Math.min(2 ** attempts * 1_000, 300_000));
    this.log.warn({ err: cause, timer: timer.key, kind: timer.kind, attempts }, "timer handler failed; will retry");
    await this.db.prisma
      .$executeRaw`UPDATE "Timer" SET attempts = ${attempts}, "lastError" = ${message}, "dueAt" = ${retryAt} WHERE id = ${timer.id}`;
  }

  private handlerFor(kind: string): TimerHandler {
    const handler = this.handlers.get(kind);
    if (handler) return handler;
    return async (_tx, timer) => {
      throw new Error(`no handler for timer kind ${timer.kind}`);
    };
  }
}

class TimerFailure extends Error {
  constructor(
    readonly timer: DueTimer,
    override readonly cause: unknown,
  ) {
    super(`timer ${timer.key} failed`);
  }
}

const byDue = (a: DueTimer, b: DueTimer) => a.dueAt.getTime() - b.dueAt.getTime();

interface RawTimer {
  id: string;
  key: string;
  kind: string;
  dueAt: Date | string;
  payload: string;
  attempts: number | bigint;
}

function toDueTimer(row: RawTimer): DueTimer {
  return {
    id: row.id,
    key: row.key,
    kind: row.kind,
    dueAt: new Date(row.dueAt),
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    attempts: Number(row.attempts),
  };
}
