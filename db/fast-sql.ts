/**
 * The hot-path SQL runner. Prisma's per-statement cost (~0.3 ms of CPU through its query
 * interpreter and adapter) dominates the busiest writes — opening a case, recording an inbound
 * delivery, writing and claiming outbox messages — so those run their few statements on the
 * driver directly, with prepared statements cached:
 *
 * - SQLite: the better-sqlite3 connection Prisma itself uses (one connection per process). A
 *   transaction runs synchronously from BEGIN IMMEDIATE to COMMIT, so no other work can interleave;
 *   when a Prisma transaction is open on the connection, the work goes through Prisma instead.
 *   The driver waits for a lock synchronously, on the event loop, so its busy timeout is short
 *   (db/client.ts); when another process holds the file longer, the statement is retried here
 *   with an asynchronous backoff — health checks and acknowledgements go on meanwhile — and a
 *   wait past SLOW_WAIT_MS is reported (logged as a warning by the app).
 * - PostgreSQL: a small pg pool of its own, on the same schema.
 *
 * Statements are `Prisma.sql` templates, which render `?` placeholders for SQLite and `$n` for
 * PostgreSQL. Values come back raw from the driver; read them with `toDate` and `toNumber`.
 * A transaction is written as a generator that yields statements and receives their rows, so
 * the same code drives the synchronous SQLite path and the asynchronous PostgreSQL one.
 */
import { statfsSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type BetterSqlite3 from "better-sqlite3";
import type { Prisma, PrismaClient } from "../generated/sqlite/client.ts";

export type Row = Record<string, unknown>;
/** A transaction: yields statements, receives each one's rows, returns its result. */
export type Steps<T> = Generator<Prisma.Sql, T, Row[]>;

export interface FastSql {
  /** Runs the steps in one transaction. */
  transaction<T>(steps: () => Steps<T>): Promise<T>;
  /** Runs one statement outside a transaction; returns its rows (RETURNING or SELECT). */
  query(statement: Prisma.Sql): Promise<Row[]>;
  /** Whether a write could go through now (readiness); false while the database is locked or away. */
  canWrite(): Promise<boolean>;
  close(): Promise<void>;
}

/** A timestamp column value as the driver returned it (ISO text from SQLite, Date from pg). */
export function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

/** An integer column value (BigInt from better-sqlite3, number or string from pg). */
export function toNumber(value: unknown): number {
  return typeof value === "bigint" ? Number(value) : Number(value);
}

// SQLite stores timestamps as Prisma's adapter writes them, so both paths read the same text.
const sqliteValue = (value: unknown) =>
  value instanceof Date ? value.toISOString().replace("Z", "+00:00") : typeof value === "boolean" ? (value ? 1 : 0) : (value ?? null);

/**
 * Readiness wants this much free space beside the SQLite file: less, and the next few writes
 * (a case, its outbox rows, the write-ahead log growing) fail with SQLITE_FULL.
 */
export const MIN_FREE_DISK_BYTES = 1024 * 1024;

/** A wait for the database past this long is reported. */
export const SLOW_WAIT_MS = 200;

/** A database lock wait: how long, on what, and whether the statement got through in the end. */
export interface SlowWait {
  waitedMs: number;
  statement: string;
  outcome: "done" | "gave up";
}

/** True when SQLite said another connection holds the lock (directly or through Prisma's adapter). */
export function isSqliteBusy(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 6; depth++) {
    const { code, originalCode, meta } = current as { code?: unknown; originalCode?: unknown; meta?: { driverAdapterError?: unknown } };
    if (code === "SQLITE_BUSY" || originalCode === "SQLITE_BUSY" || (typeof code === "string" && code.startsWith("SQLITE_BUSY_")))
      return true;
    current = meta?.driverAdapterError ?? (current as { cause?: unknown }).cause;
  }
  return false;
}

export interface SqliteFastSqlOptions {
  /** How long a statement keeps retrying a busy database before it fails (ms). */
  busyBudgetMs?: number;
  /** Told of every wait past SLOW_WAIT_MS. */
  onSlowWait?: (wait: SlowWait) => void;
}

export class SqliteFastSql implements FastSql {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(
    private readonly connection: () => BetterSqlite3.Database | undefined,
    private readonly prisma: PrismaClient,
    private readonly options: SqliteFastSqlOptions = {},
  ) {}

  /** Runs `attempt` until the database is not busy, waiting off the event loop between tries. */
  private async patiently<T>(what: string, attempt: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const budget = this.options.busyBudgetMs ?? 1_500;
    for (let tries = 0; ; tries++) {
      try {
        // After a first wait on the driver's short busy timeout, retries do not wait on the event
        // loop at all: they fail at once while the lock is held, and the backoff below waits instead.
        const result = tries === 0 ? await attempt() : await this.withoutWaiting(attempt);
        const waitedMs = performance.now() - started;
        if (tries > 0 && waitedMs >= SLOW_WAIT_MS) this.options.onSlowWait?.({ waitedMs, statement: what, outcome: "done" });
        return result;
      } catch (error) {
        const waitedMs = performance.now() - started;
        if (!isSqliteBusy(error)) throw error;
        if (waitedMs >= budget) {
          this.options.onSlowWait?.({ waitedMs, statement: what, outcome: "gave up" });
          throw error;
        }
        await sleep(Math.min(200, 10 * 2 ** tries));
      }
    }
  }

  private run(db: BetterSqlite3.Database, statement: Prisma.Sql): Row[] {
    let prepared = this.statements.get(statement.sql);
    if (!prepared) {
      prepared = db.prepare(statement.sql);
      if (this.statements.size > 500) this.statements.clear();
      this.statements.set(statement.sql, prepared);
    }
    const values = statement.values.map(sqliteValue);
    if (prepared.reader) return prepared.all(...values) as Row[];
    prepared.run(...values);
    return [];
  }

  private async withoutWaiting<T>(attempt: () => Promise<T>): Promise<T> {
    const db = this.connection();
    if (!db || db.inTransaction) return attempt();
    const timeout = db.pragma("busy_timeout", { simple: true }) as number;
    db.pragma("busy_timeout = 0");
    // The attempt runs synchronously up to its first await, so the setting covers its statements.
    const running = attempt();
    db.pragma(`busy_timeout = ${timeout}`);
    return running;
  }

  transaction<T>(steps: () => Steps<T>): Promise<T> {
    return this.patiently("transaction", () => this.transactionOnce(steps));
  }

  private async transactionOnce<T>(steps: () => Steps<T>): Promise<T> {
    const db = this.connection();
    if (db && !db.inTransaction) {
      return db
        .transaction(() => {
          const work = steps();
          let step = work.next();
          while (!step.done) step = work.next(this.run(db, step.value));
          return step.value;
        })
        .immediate();
    }
    // A Prisma transaction holds the connection: queue behind it through Prisma.
    return this.prisma.$transaction(
      async (tx) => {
        const work = steps();
        let step = work.next();
        while (!step.done) step = work.next((await tx.$queryRawUnsafe(step.value.sql, ...step.value.values.map(sqliteValue))) as Row[]);
        return step.value;
      },
      { maxWait: 10_000, timeout: 15_000 },
    );
  }

  query(statement: Prisma.Sql): Promise<Row[]> {
    return this.patiently(statement.sql.trim().slice(0, 60), () => this.queryOnce(statement));
  }

  private async queryOnce(statement: Prisma.Sql): Promise<Row[]> {
    const db = this.connection();
    if (db && !db.inTransaction) return this.run(db, statement);
    // Reading or writing while a Prisma transaction is open on this connection would join it.
    return (await this.prisma.$queryRawUnsafe(statement.sql, ...statement.values.map(sqliteValue))) as Row[];
  }

  /**
   * Whether a write could start now: BEGIN IMMEDIATE takes the write lock without waiting (an
   * external lock answers "no" at once), then ROLLBACK. A transaction already open on this
   * connection is a writer at work, so the answer is yes. BEGIN IMMEDIATE writes nothing, so a
   * full disk would pass it while every real write fails with SQLITE_FULL: the free space of the
   * file's disk is checked too (throws, so readiness logs why).
   */
  async canWrite(): Promise<boolean> {
    const db = this.connection();
    if (!db) return (await this.prisma.$queryRawUnsafe("SELECT 1"), true);
    if (db.inTransaction) return true;
    const timeout = db.pragma("busy_timeout", { simple: true }) as number;
    db.pragma("busy_timeout = 0");
    try {
      db.exec("BEGIN IMMEDIATE");
      db.exec("ROLLBACK");
    } catch (error) {
      if (isSqliteBusy(error) || /SQLITE_(FULL|IOERR|READONLY)/.test(String((error as { code?: unknown }).code))) return false;
      throw error;
    } finally {
      db.pragma(`busy_timeout = ${timeout}`);
    }
    if (!db.memory) {
      const { bavail, bsize } = statfsSync(path.dirname(db.name));
      if (bavail * bsize < MIN_FREE_DISK_BYTES)
        throw Object.assign(new Error(`the disk holding ${db.name} is full (${bavail * bsize} bytes free)`), { code: "ENOSPC" });
    }
    return true;
  }

  async close(): Promise<void> {
    this.statements.clear();
  }
}

export async function driveOnTx<T>(tx: { $queryRaw<R = unknown>(query: Prisma.Sql): Promise<R> }, steps: Steps<T>): Promise<T> {
  let step = steps.next();
  while (!step.done) step = steps.next(await tx.$queryRaw<Row[]>(step.value));
  return step.value;
}
