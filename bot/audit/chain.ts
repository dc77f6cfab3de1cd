/**
 * The audit log's hash chain. Each row carries `chainIndex` (1, 2, 3 … in commit order),
 * `prevHash` (the previous row's hash) and `hash` = SHA-256 of its own content and `prevHash`;
 * the one `AuditHead` row holds the last index and hash. Editing a row breaks its hash, deleting
 * one leaves a gap, and cutting rows off the end no longer matches the head.
 *
 * Writing is bot/audit/log.ts (`auditSteps`); this file hashes and verifies.
 *
 * Concurrency: the head is read and advanced by one upsert at the start of each append. That
 * statement takes the head's row lock (PostgreSQL) or the database write lock (SQLite) and holds
 * it until the caller's transaction ends, so appends take turns: no two rows get the same index
 * or the same predecessor, and a rolled-back append gives its index back.
 */
import { createHash } from "node:crypto";
import type { Database } from "../../db/client.ts";

/** The `prevHash` of the first row of the chain. */
export const GENESIS_HASH = "0".repeat(64);

/** An audit row as stored (before/after already JSON text). */
export interface AuditRowContent {
  at: Date;
  actorId: string | null;
  actorLabel: string;
  platform: string;
  action: string;
  subjectType: string;
  subjectId: string;
  organizationId: string | null;
  before: string | null;
  after: string | null;
}

/** The hash of a row: every stored field, its place in the chain and its predecessor. */
export function hashAuditRow(row: AuditRowContent, chainIndex: number, prevHash: string): string {
  // A JSON array is an unambiguous encoding (no field can bleed into the next one).
  const canonical = JSON.stringify([
    1,
    chainIndex,
    prevHash,
    new Date(row.at).toISOString(),
    row.actorId,
    row.actorLabel,
    row.platform,
    row.action,
    row.subjectType,
    row.subjectId,
    row.organizationId,
    row.before,
    row.after,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

/** What a verification found. */
export interface ChainReport {
  ok: boolean;
  /** Chained rows checked. */
  checked: number;
  /** Rows written before the chain existed (not covered by it). */
  unchained: number;
  head: { chainIndex: number; hash: string } | null;
  /** The first problem, when there is one. */
  problem?: { kind: "edited" | "missing" | "relinked" | "head"; seq: number | null; chainIndex: number; message: string };
}

interface StoredRow extends AuditRowContent {
  seq: number;
  chainIndex: number;
  prevHash: string | null;
  hash: string | null;
}

/** Walks the whole chain in index order, in pages, and reports the first break. */
export async function verifyAuditChain(db: Database, pageSize = 2_000): Promise<ChainReport> {
  const prisma = db.prisma;
  const [headRow, unchained] = await Promise.all([
    prisma.auditHead.findUnique({ where: { id: 1 } }),
    prisma.auditLog.count({ where: { chainIndex: null } }),
  ]);
  const head = headRow ? { chainIndex: headRow.chainIndex, hash: headRow.hash } : null;
  let checked = 0;
  const report = (problem?: ChainReport["problem"]): ChainReport => ({
    ok: !problem,
    checked,
    unchained,
    head,
    ...(problem ? { problem } : {}),
  });
  let expected = 1;
  let prevHash = GENESIS_HASH;
  for (;;) {
    const rows = (await prisma.auditLog.findMany({
      where: { chainIndex: { gte: expected } },
      orderBy: { chainIndex: "asc" },
      take: pageSize,
    })) as StoredRow[];
    for (const row of rows) {
      if (row.chainIndex !== expected)
        return report({
          kind: "missing",
          seq: row.seq,
          chainIndex: expected,
          message: `audit entry #${expected} is missing (the chain jumps from #${expected - 1} to #${row.chainIndex})`,
        });
      if (row.prevHash !== prevHash)
        return report({
          kind: "relinked",
          seq: row.seq,
          chainIndex: row.chainIndex,
          message: `audit entry #${row.chainIndex} (seq ${row.seq}) does not follow entry #${expected - 1}: its previous-hash was changed`,
        });
      if (hashAuditRow(row, row.chainIndex, prevHash) !== row.hash)
        return report({
          kind: "edited",
          seq: row.seq,
          chainIndex: row.chainIndex,
          message: `audit entry #${row.chainIndex} (seq ${row.seq}, ${row.action} ${row.subjectId}) was changed after it was written`,
        });
      prevHash = row.hash;
      expected += 1;
      checked += 1;
    }
    if (rows.length < pageSize) break;
  }
  const last = expected - 1;
  if ((head?.chainIndex ?? 0) !== last || (last > 0 && head?.hash !== prevHash))
    return report({
      kind: "head",
      seq: null,
      chainIndex: head?.chainIndex ?? 0,
      message: `the log ends at entry #${last} but its head says #${head?.chainIndex ?? 0}: entries were removed from the end, or the head was changed`,
    });
  return report();
}
