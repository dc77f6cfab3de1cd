/**
 * Tells an infrastructure failure (the database, the disk or the network is away) from a bug or a
 * refusal. The difference decides what happens to an inbound event: after an infrastructure
 * failure the work was not done and can be done later, so the delivery stays unprocessed and is
 * retried; after a bug, retrying gives the same result, so the person is told at once.
 *
 * Classified by error type and code only (never by message text a person could influence), along
 * the `cause` chain, since handlers and Prisma wrap driver errors.
 */

/** Node and pg codes of a network or disk that is not there (errno names). */
const SYSTEM_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "ENOSPC",
  "EIO",
  "EROFS",
]);

/** SQLite result codes (better-sqlite3 `SqliteError.code`) that say the file is busy, full or unwritable. */
const SQLITE_CODES = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|READONLY|CANTOPEN|PROTOCOL|NOMEM)/;

/**
 * PostgreSQL SQLSTATE classes and codes: 08 connection exception, 53 insufficient resources (disk
 * full, out of memory, too many connections), 57P01–57P03 the server is shutting down or starting,
 * 58 system error (I/O), 40001/40P01 serialization failure and deadlock (retrying is the remedy).
 */
const PG_STATES = /^(08|53|58)|^57P0[123]$|^40001$|^40P01$/;

/**
 * Prisma codes: P1xxx the database cannot be reached or answered too slowly, P2024 no connection
 * from the pool in time, P2028 a transaction could not start in time (busy writers), P2034 a write
 * conflict or deadlock. Driver adapter errors carry the driver's kind instead of a code.
 */
const PRISMA_CODES = /^P1\d{3}$|^P2024$|^P2028$|^P2034$/;
const PRISMA_INFRASTRUCTURE_ERRORS = new Set(["PrismaClientInitializationError", "PrismaClientRustPanicError"]);
const ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "DatabaseDoesNotExist",
  "TooManyConnections",
  "SocketTimeout",
  "TransactionWriteConflict",
  "ConnectionClosed",
]);

/** pg's messages for a connection that went away carry no code; these are its own error strings. */
const PG_CONNECTION_MESSAGES =
  /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Client was closed)/;

/** True when `error` (or any cause it wraps) is an infrastructure failure. */
export function isInfrastructureError(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift();
    if (!current || typeof current !== "object" || seen.has(current)) continue;
    seen.add(current);
    // Prisma keeps the driver adapter's error in `meta.driverAdapterError` (its `cause` has the kind).
    const meta = (current as { meta?: { driverAdapterError?: unknown; code?: unknown } }).meta;
    queue.push((current as { cause?: unknown }).cause, meta?.driverAdapterError, meta);
    const { name, code, kind, message } = current as { name?: unknown; code?: unknown; kind?: unknown; message?: unknown };
    if (typeof name === "string" && PRISMA_INFRASTRUCTURE_ERRORS.has(name)) return true;
    if (typeof kind === "string" && ADAPTER_KINDS.has(kind)) return true;
    if (typeof code === "string") {
      if (SYSTEM_CODES.has(code) || SQLITE_CODES.test(code) || PRISMA_CODES.test(code)) return true;
      if (/^[0-9A-Z]{5}$/.test(code) && PG_STATES.test(code)) return true;
    }
    // Driver adapter errors keep the driver's original code in `cause.originalCode`.
    const original = (current as { originalCode?: unknown }).originalCode;
    if (typeof original === "string" && (SQLITE_CODES.test(original) || PG_STATES.test(original))) return true;
    if (name === "Error" && typeof message === "string" && PG_CONNECTION_MESSAGES.test(message)) return true;
  }
  return false;
}

/** An inbound event could not be handled because the infrastructure failed; the delivery stays unprocessed. */
export class InfrastructureError extends Error {
  override readonly name = "InfrastructureError";
  constructor(
    readonly deliveryId: string,
    cause: unknown,
  ) {
    super(`infrastructure failure while handling delivery ${deliveryId}: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}
