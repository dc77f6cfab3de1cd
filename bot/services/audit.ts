/**
 * The audit log: one append-only row per admin, engineer or customer action that changes
 * something, written in the same transaction as the change. Rows are hash-chained so that
 * tampering is detectable (bot/it-tools/audit-chain.ts).
 */
import type { Tx } from "../../db/client.ts";
import { appendAuditRow } from "../it-tools/audit-chain.ts";
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

/**
 * Appends an audit row inside the caller's transaction (it must be one: the chain's head is
 * locked until the transaction ends, which is what keeps concurrent writers in one chain).
 */
export async function recordAudit(tx: Tx, entry: AuditEntry, now: Date): Promise<void> {
  const label = entry.actor.system ? "system" : `${entry.actor.name} (${entry.actor.role})`;
  await appendAuditRow(tx, {
    at: now,
    actorId: entry.actor.personId,
    actorLabel: label,
    platform: entry.platform,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    organizationId: entry.organizationId,
    before: json(entry.before),
    after: json(entry.after),
  });
}
