/**
 * Opens the database: SQLite through better-sqlite3 (embedded default) or PostgreSQL through pg
 * (scaled mode), both behind Prisma's driver adapters and the JavaScript query compiler.
 *
 * The two generated clients have identical model types (the PostgreSQL schema is derived from the
 * SQLite one), so the rest of the code is written against one `PrismaClient` type.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/sqlite/client.ts";
import type BetterSqlite3 from "better-sqlite3";
import { SqliteFastSql, type FastSql, type SlowWait } from "./fast-sql.ts";
import { DEFAULT_WAL_LIMIT_BYTES, startCheckpointer } from "./checkpointer.ts";

export { Prisma } from "../generated/sqlite/client.ts";
export { PrismaClient };

/** A Prisma client or the client of an interactive transaction. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export type Provider = "sqlite" | "postgresql";

export interface Database {
  readonly provider: Provider;
  readonly prisma: PrismaClient;
  /** The URL without credentials, for logs. */
  readonly safeUrl: string;
  /** PostgreSQL schema in use (scaled mode), for raw SQL and migrations. */
  readonly schema: string | undefined;
  /** Driver-level SQL for the hot paths (see db/fast-sql.ts). */
  readonly fast: FastSql;
  close(): Promise<void>;
}

/** How long the SQLite driver itself waits for a lock held by another process (synchronously). */
export const BUSY_TIMEOUT_MS = 50;

/**
 * Every interactive transaction may wait this long for its turn. Audited changes queue behind the
 * audit chain's head row (bot/audit/log.ts), and Prisma's default of 2 s made a burst fail with
 * "Unable to start a transaction in the given time" on a busy machine. Measured on 2 shared cores
 * under load: 60 concurrent audited writers through a pool of 4 wait at most 0.8 s, 120 at most
 * 0.6 s once warm — so 10 s is over ten times the worst seen, and still answers within Slack's
 * retry window when something is really stuck.
 */
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 };

/**
 * How long a PostgreSQL connection attempt may take (DATABASE_CONNECT_TIMEOUT_SECONDS). pg waits
 * forever by default, so a server that accepts the connection and never answers (a stuck proxy,
 * a half-dead host) would hang the start without a word.
 */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** Tells which provider a DATABASE_URL selects. */
export function providerOf(url: string): Provider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(`unsupported DATABASE_URL scheme: ${url.split(":")[0]}: (use file:… or postgres://…)`);
}

/**
 * What pg connects with for a PostgreSQL DATABASE_URL: the URL without Prisma's `schema`
 * parameter (pg does not know it), with user postgres when it names none, and that schema.
 */
export function postgresConnection(url: string): { connection: URL; schema: string } {
  const connection = new URL(url);
  const schema = connection.searchParams.get("schema") ?? "public";
  connection.searchParams.delete("schema");
  if (!connection.username) connection.username = "postgres";
  return { connection, schema };
}

/** Resolves `file:./x.db` against the working directory and returns the file path. */
export function sqliteFile(url: string): string {
  const raw = url.slice("file:".length).split("?")[0] ?? "";
  return raw === ":memory:" ? raw : path.resolve(raw);
}

/**
 * Prisma's SQLite adapter factory, remembering the better-sqlite3 connection it opens so the hot
 * paths can share it (db/fast-sql.ts). One process has one connection.
 */
class CapturingSqliteAdapter extends PrismaBetterSQLite3 {
  connection: BetterSqlite3.Database | undefined;
  override async connect() {
    const adapter = await super.connect();
    this.connection = (adapter as unknown as { client: BetterSqlite3.Database }).client;
    return adapter;
  }
}

/** Opens a connection pool for the URL. Migrations are applied separately (db/migrate.ts). */
export interface OpenOptions {
  poolSize?: number;
  checkpoints?: boolean;
  onCheckpointError?: (message: string) => void;
  /** SQLite: the write-ahead log's size limit (db/checkpointer.ts). */
  walLimitBytes?: number;
  /** SQLite: a wait for a lock past SLOW_WAIT_MS (logged by the app). */
  onSlowWait?: (wait: SlowWait) => void;
  /** PostgreSQL: a connection the server ended or a failed connection attempt (logged by the app). */
  onConnectionError?: (error: Error) => void;
  /** PostgreSQL: how long a connection attempt may take (DEFAULT_CONNECT_TIMEOUT_MS otherwise). */
  connectTimeoutMs?: number;
}

export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Database> {
  const provider = providerOf(url);
  if (provider === "sqlite") {
    const file = sqliteFile(url);
    if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
    // The driver waits for a lock on the event loop: only briefly here; longer waits are retried
    // asynchronously (db/fast-sql.ts), or fail the work so it is retried later (bot/middleware/dedupe.ts).
    const adapter = new CapturingSqliteAdapter({ url: file, timeout: BUSY_TIMEOUT_MS });
    const prisma = new PrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS });
    // WAL lets readers run beside the single writer; NORMAL sync is durable across process
    // crashes (the only loss window is an OS crash), which is the usual choice for WAL.
    await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await prisma.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
    await prisma.$executeRawUnsafe("PRAGMA foreign_keys = ON");
    // Checkpoints run in a worker (db/checkpointer.ts); 100,000 pages (~400 MB of log) is only a
    // backstop for a worker that stopped.
    const checkpointer =
      file === ":memory:" || options.checkpoints === false
        ? undefined
        : startCheckpointer(file, (message) => options.onCheckpointError?.(message), { limitBytes: options.walLimitBytes });
    if (checkpointer) await prisma.$queryRawUnsafe("PRAGMA wal_autocheckpoint = 100000");
    // When the log starts over after a complete checkpoint, the file is cut back to the limit.
    await prisma.$queryRawUnsafe(`PRAGMA journal_size_limit = ${Math.floor(options.walLimitBytes ?? DEFAULT_WAL_LIMIT_BYTES)}`);
    const fast = new SqliteFastSql(() => adapter.connection, prisma, { onSlowWait: options.onSlowWait });
    return {
      provider,
      prisma,
      safeUrl: `file:${file}`,
      schema: undefined,
      fast,
      close: async () => {
        await fast.close();
        await checkpointer?.stop();
        await prisma.$disconnect();
      },
    };
  }
  // The PostgreSQL client and driver adapter are loaded only for a PostgreSQL URL.
  const { connection, schema } = postgresConnection(url);
  const target = {
    connection,
    schema,
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    transactionOptions: TRANSACTION_OPTIONS,
  };
  return (await import("./postgres.ts")).openPostgres(target, options);
}
