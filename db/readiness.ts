/**
 * Whether the database can take writes now — what /readyz reports. A `SELECT 1` answers while an
 * external lock freezes every write (SQLite) and says nothing of a server in recovery
 * (PostgreSQL), so the check tries to start a write: BEGIN IMMEDIATE without waiting on SQLite,
 * "not in recovery" on PostgreSQL. A check that takes longer than `timeoutMs` counts as not ready.
 */
import type { Logger } from "pino";
import type { Database } from "./client.ts";

export async function databaseReady(db: Database, log?: Logger, timeoutMs = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>(
    (resolve) =>
      (timer = setTimeout(() => {
        log?.warn({ timeoutMs }, "readiness: database did not take a write in time");
        resolve(false);
      }, timeoutMs)),
  );
  try {
    const writable = db.fast.canWrite().catch((error: unknown) => {
      // The cause goes to the log only: /readyz is public and says no more than "unreachable".
      log?.warn({ err: error }, "readiness: database unreachable");
      return false;
    });
    return await Promise.race([writable, late]);
  } finally {
    clearTimeout(timer);
  }
}
