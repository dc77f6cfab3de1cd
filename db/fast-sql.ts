/**
 * The hot-path SQL runner. Prisma's per-statement cost (~0.3 ms of CPU through its query
 * interpreter and adapter) dominates the busiest writes — opening a case, recording an inbound
 * delivery, writing and claiming outbox messages — so those run their few statements on the
 * driver directly, with prepared statements cached:
 *
 * - SQLite: the better-sqlite3 connection Prisma itself uses (one connection per process). A
 *   transaction runs synchronously from BEGIN IMMEDIATE to COMMIT, so no other work can interleave;
 *   when a Prisma transaction is open on the connection, the work goes through Prisma instead.
 * - PostgreSQL: a small pg pool of its own, on the same schema.
 *
 * Statements are `Prisma.sql` templates, which render `?` placeholders for SQLite and `$n` for
 * PostgreSQL. Values come back raw from the driver; read them with `toDate` and `toNumber`.
 * A transaction is written as a generator that yields statements and receives their rows, so
 * the same code drives the synchronous SQLite path and the asynchronous PostgreSQL one.
 */
import type BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import type { Prisma, PrismaClient } from "../generated/sqlite/client.ts";

export type Row = Record<string, unknown>;
/** A transaction: yields statements, receives each one's rows, returns its result. */
export type Steps<T> = Generator<Prisma.Sql, T, Row[]>;

export interface FastSql {
  /** Runs the steps in one transaction. */
  transaction<T>(steps: () => Steps<T>): Promise<T>;
  /** Runs one statement outside a transaction; returns its rows (RETURNING or SELECT). */
  query(statement: Prisma.Sql): Promise<Row[]>;
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

export class SqliteFastSql implements FastSql {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(
    private readonly connection: () => BetterSqlite3.Database | undefined,
    private readonly prisma: PrismaClient,
  ) {}

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

  async transaction<T>(steps: () => Steps<T>): Promise<T> {
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

  async query(statement: Prisma.Sql): Promise<Row[]> {
    const db = this.connection();
    if (db && !db.inTransaction) return this.run(db, statement);
    // Reading or writing while a Prisma transaction is open on this connection would join it.
    return (await this.prisma.$queryRawUnsafe(statement.sql, ...statement.values.map(sqliteValue))) as Row[];
  }

  async close(): Promise<void> {
    this.statements.clear();
  }
}

// Prisma stores timestamps as UTC in `timestamp without time zone`: read them as UTC too.
const TIMESTAMP_OID = 1114;
const utcTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === TIMESTAMP_OID) return (text: string) => new Date(`${text.replace(" ", "T")}Z`);
    return pg.types.getTypeParser(oid, format);
  },
};

export class PostgresFastSql implements FastSql {
  private readonly pool: pg.Pool;

  constructor(connectionString: string, schema: string, poolSize = 5) {
    this.pool = new pg.Pool({
      connectionString,
      max: poolSize,
      options: `-c search_path="${schema}"`,
      types: utcTypes as pg.CustomTypesConfig,
    });
  }

  private static values(statement: Prisma.Sql): unknown[] {
    return statement.values.map((value) => (value instanceof Date ? value.toISOString() : value));
  }

  async transaction<T>(steps: () => Steps<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const work = steps();
      let step = work.next();
      while (!step.done) step = work.next((await client.query(step.value.text, PostgresFastSql.values(step.value))).rows as Row[]);
      await client.query("COMMIT");
      return step.value;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async query(statement: Prisma.Sql): Promise<Row[]> {
    return (await this.pool.query(statement.text, PostgresFastSql.values(statement))).rows as Row[];
  }

  private closed = false;

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/** Drives steps on an open Prisma transaction (code that already holds one, e.g. a timer handler). */
export async function driveOnTx<T>(tx: { $queryRaw<R = unknown>(query: Prisma.Sql): Promise<R> }, steps: Steps<T>): Promise<T> {
  let step = steps.next();
  while (!step.done) step = steps.next(await tx.$queryRaw<Row[]>(step.value));
  return step.value;
}
