/**
 * Whether the database can take writes now — what /readyz reports. A `SELECT 1` answers while an
 * external lock freezes every write (SQLite) and says nothing of a server in recovery
 * (PostgreSQL), so the check tries to start a write: BEGIN IMMEDIATE without waiting on SQLite,
 * "not in recovery" on PostgreSQL. A check that takes longer than `timeoutMs` counts as not ready.
 */
import type { Database } from "./client.ts";

export async function databaseReady(db: Database, timeoutMs = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([db.fast.canWrite().catch(() => false), late]);
  } finally {
    clearTimeout(timer);
  }
}
