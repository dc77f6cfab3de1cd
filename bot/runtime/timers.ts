/**
 * Timers are rows with a due time (SLA thresholds, reminders, auto-close). Scheduling is an
 * upsert by key inside the caller's transaction, so a timer exists exactly when the change that
 * needs it committed.
 */
import { Prisma, type Tx } from "../../db/client.ts";
import { newId } from "../../db/ids.ts";

export interface TimerSpec {
  /** Unique per timer; scheduling the same key again moves it. */
  key: string;
  kind: string;
  dueAt: Date;
  payload?: Record<string, unknown>;
}

export interface DueTimer {
  id: string;
  key: string;
  kind: string;
  dueAt: Date;
  payload: Record<string, unknown>;
  attempts: number;
}

/** Creates or moves timers (one statement). */
export async function scheduleTimers(tx: Tx, specs: TimerSpec[], now: Date): Promise<void> {
  const statement = scheduleStatement(specs, now);
  if (statement) await tx.$executeRaw(statement);
}

/** The statement that creates or moves timers (for the hot paths of db/fast-sql.ts). */
export function scheduleStatement(specs: TimerSpec[], now: Date): Prisma.Sql | undefined {
  if (specs.length === 0) return undefined;
  const rows = specs.map(
    (spec) =>
      Prisma.sql`(${newId(now.getTime())}, ${spec.key}, ${spec.kind}, ${spec.dueAt}, ${JSON.stringify(spec.payload ?? {})}, 'pending', 0, ${now})`,
  );
  return Prisma.sql`INSERT INTO "Timer" (id, key, kind, "dueAt", payload, status, attempts, "createdAt") VALUES ${Prisma.join(rows)}
    ON CONFLICT (key) DO UPDATE SET "dueAt" = excluded."dueAt", payload = excluded.payload, kind = excluded.kind,
      status = 'pending', attempts = 0, "lastError" = NULL, "firedAt" = NULL`;
}

/** Cancels pending timers by key; fired ones stay as history. */
export async function cancelTimers(tx: Tx, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await tx.$executeRaw`UPDATE "Timer" SET status = 'cancelled' WHERE key IN (${Prisma.join(keys)}) AND status = 'pending'`;
}
