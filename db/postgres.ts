/**
 * The PostgreSQL side of db/client.ts, loaded only for a PostgreSQL URL: the generated client for
 * PostgreSQL, its driver adapter, and the raw-SQL pool (db/fast-sql.ts has the interface).
 */
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "../generated/postgres/client.ts";
import type { Prisma, PrismaClient } from "../generated/sqlite/client.ts";
import type { Database, OpenOptions } from "./client.ts";
import type { FastSql, Row, Steps } from "./fast-sql.ts";

/** What db/client.ts has already worked out for the URL (passed in, so this file imports nothing of it at run time). */
export interface PostgresTarget {
  connection: URL;
  schema: string;
  connectTimeoutMs: number;
  transactionOptions: { maxWait: number; timeout: number };
}

export async function openPostgres(target: PostgresTarget, options: OpenOptions): Promise<Database> {
  const { connection, schema } = target;
  const adapter = new PrismaPg(
    {
      connectionString: connection.toString(),
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: target.connectTimeoutMs,
      // Raw SQL is unqualified, so the session's search_path selects the schema too.
      options: `-c search_path="${schema}"`,
    },
    {
      schema,
      // Without these, a connection ended by the server (restart, failover) is an unhandled
      // 'error' event and the process exits; with them pg drops it and reconnects on next use.
      onPoolError: (error: Error) => options.onConnectionError?.(error),
      onConnectionError: (error: Error) => options.onConnectionError?.(error),
    },
  );
  const prisma = new PostgresClient({ adapter, transactionOptions: target.transactionOptions }) as unknown as PrismaClient;
  const fast = new PostgresFastSql(connection.toString(), schema, Math.max(2, Math.ceil((options.poolSize ?? 10) / 2)), (error) =>
    options.onConnectionError?.(error),
  );
  connection.password = "";
  return {
    provider: "postgresql",
    prisma,
    safeUrl: connection.toString(),
    schema,
    fast,
    close: async () => {
      await fast.close();
      await prisma.$disconnect();
    },
  };
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

  /**
   * `onConnectionError` hears of connections the server ended (a restart, an idle timeout). pg
   * emits those as 'error' events, which would end the process if nobody listened; the pool
   * drops the broken connection and opens a new one on the next checkout.
   */
  constructor(
    connectionString: string,
    schema: string,
    poolSize = 5,
    private readonly onConnectionError: (error: Error) => void = () => undefined,
  ) {
    this.pool = new pg.Pool({
      connectionString,
      max: poolSize,
      options: `-c search_path="${schema}"`,
      types: utcTypes as pg.CustomTypesConfig,
      // Fail fast while the server is away instead of queueing behind a dead connection attempt.
      connectionTimeoutMillis: 5_000,
    });
    this.pool.on("error", (error) => this.onConnectionError(error));
  }

  private static values(statement: Prisma.Sql): unknown[] {
    return statement.values.map((value) => (value instanceof Date ? value.toISOString() : value));
  }

  async transaction<T>(steps: () => Steps<T>): Promise<T> {
    const client = await this.pool.connect();
    // While checked out, a connection the server ends reports here and to the query in flight.
    const onError = (error: Error) => this.onConnectionError(error);
    client.on("error", onError);
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      const work = steps();
      let step = work.next();
      while (!step.done) step = work.next((await client.query(step.value.text, PostgresFastSql.values(step.value))).rows as Row[]);
      await client.query("COMMIT");
      return step.value;
    } catch (error) {
      await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      client.off("error", onError);
      // A connection that cannot even roll back is discarded rather than handed out again.
      client.release(broken);
    }
  }

  async query(statement: Prisma.Sql): Promise<Row[]> {
    return (await this.pool.query(statement.text, PostgresFastSql.values(statement))).rows as Row[];
  }

  async canWrite(): Promise<boolean> {
    const rows = await this.pool.query("SELECT NOT pg_is_in_recovery() AS writable");
    return rows.rows[0]?.writable === true;
  }

  private closed = false;

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/** Drives steps on an open Prisma transaction (code that already holds one, e.g. a timer handler). */
