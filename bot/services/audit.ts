/**
 * The audit log: one append-only row per admin, engineer or customer action that changes
 * something, written in the same transaction as the change.
 */
import type { Tx } from "../../db/client.ts";
import type { Viewer } from "../authz.ts";
import type { Platform } from "../events.ts";

export interface AuditEntry {
  actor: Viewer;
  platform: Platform;
  action: string;
  subjectType: string;
  subjectId: string;
  organizationId: string | null;
  before?: unknown;
  after?: unknown;
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/** Appends an audit row inside the caller's transaction. */
export async function recordAudit(tx: Tx, entry: AuditEntry, now: Date): Promise<void> {
  const label = entry.actor.system ? "system" : `${entry.actor.name} (${entry.actor.role})`;
  await tx.$executeRaw`INSERT INTO "AuditLog" (at, "actorId", "actorLabel", platform, action, "subjectType", "subjectId", "organizationId", before, after)
    VALUES (${now}, ${entry.actor.personId}, ${label}, ${entry.platform}, ${entry.action}, ${entry.subjectType}, ${entry.subjectId},
      ${entry.organizationId}, ${json(entry.before)}, ${json(entry.after)})`;
}
