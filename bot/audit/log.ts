/**
 * The audit log: one append-only row per admin, engineer or customer action that changes
 * something, written in the same transaction as the change. Rows are hash-chained so that
 * tampering is detectable (bot/audit/chain.ts verifies the chain).
 */
import { Prisma, type Tx } from "../../db/client.ts";
import { driveOnTx, type Steps } from "../../db/fast-sql.ts";
import { GENESIS_HASH, hashAuditRow, type AuditRowContent } from "./chain.ts";
import type { Viewer } from "../authz.ts";
import type { Platform } from "../../core/vocabulary.ts";

export interface AuditEntry {
  actor: Viewer;
  /** Who acted, when the actor is not a known person (a refusal of an unknown user or a webhook). */
  actorLabel?: string;
  platform: Platform;
  action: string;
  subjectType: string;
  subjectId: string;
  organizationId: string | null;
  before?: unknown;
  after?: unknown;
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/** The stored content of an entry. */
export function auditRow(entry: AuditEntry, now: Date): AuditRowContent {
  return {
    at: now,
    actorId: entry.actor.personId,
    actorLabel: entry.actorLabel ?? (entry.actor.system ? "system" : `${entry.actor.name} (${entry.actor.role})`),
    platform: entry.platform,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    organizationId: entry.organizationId,
    before: json(entry.before),
    after: json(entry.after),
  };
}

/**
 * Appends one row to the chain, as transaction steps: advance the head (its lock orders
 * concurrent writers until the transaction ends), insert the row, store its hash in the head.
 */
export function* auditSteps(entry: AuditEntry, now: Date): Steps<void> {
  const row = auditRow(entry, now);
  const [head] = yield Prisma.sql`INSERT INTO "AuditHead" (id, "chainIndex", hash, "updatedAt")
    VALUES (1, 1, ${GENESIS_HASH}, ${row.at})
    ON CONFLICT (id) DO UPDATE SET "chainIndex" = "AuditHead"."chainIndex" + 1, "updatedAt" = excluded."updatedAt"
    RETURNING "chainIndex", hash`;
  const chainIndex = Number(head!.chainIndex);
  // The upsert leaves `hash` alone, so what it returns is the previous row's hash.
  const prevHash = String(head!.hash);
  const hash = hashAuditRow(row, chainIndex, prevHash);
  yield Prisma.sql`INSERT INTO "AuditLog" (at, "actorId", "actorLabel", platform, action, "subjectType", "subjectId", "organizationId",
      before, after, "chainIndex", "prevHash", hash)
    VALUES (${row.at}, ${row.actorId}, ${row.actorLabel}, ${row.platform}, ${row.action}, ${row.subjectType}, ${row.subjectId},
      ${row.organizationId}, ${row.before}, ${row.after}, ${chainIndex}, ${prevHash}, ${hash})`;
  yield Prisma.sql`UPDATE "AuditHead" SET hash = ${hash} WHERE id = 1`;
}

/** Appends an audit row inside the caller's (Prisma) transaction. */
export async function recordAudit(tx: Tx, entry: AuditEntry, now: Date): Promise<void> {
  await driveOnTx(tx, auditSteps(entry, now));
}
