/**
 * Stock movements. Every change is one conditional UPDATE, so two orders racing for the last unit
 * cannot both win: the database re-checks `onHand > reserved` on the row it locks (PostgreSQL) or
 * under its single writer (SQLite), and the loser's UPDATE matches no row. Never read-then-write.
 */
import type { Tx } from "../../db/client.ts";

/** A stock row after a movement. */
export interface StockLevel {
  id: string;
  depotId: string;
  partCode: string;
  onHand: number;
  reserved: number;
  lowAt: number;
}

/** Units that can still be promised. */
export const available = (level: Pick<StockLevel, "onHand" | "reserved">): number => Math.max(0, level.onHand - level.reserved);
/** At or below the depot's threshold: engineers should restock. */
export const isLow = (level: Pick<StockLevel, "onHand" | "reserved" | "lowAt">): boolean => available(level) <= level.lowAt;

interface RawLevel {
  id: string;
  depotId: string;
  partCode: string;
  onHand: number | bigint;
  reserved: number | bigint;
  lowAt: number | bigint;
}

const toLevel = (row: RawLevel): StockLevel => ({
  id: row.id,
  depotId: row.depotId,
  partCode: row.partCode,
  onHand: Number(row.onHand),
  reserved: Number(row.reserved),
  lowAt: Number(row.lowAt),
});

/** Holds one unit at a depot; undefined when none is free there. */
export async function reserveUnit(tx: Tx, depotId: string, partCode: string, now: Date): Promise<StockLevel | undefined> {
  const rows = await tx.$queryRaw<RawLevel[]>`UPDATE "StockItem" SET reserved = reserved + 1, "updatedAt" = ${now}
    WHERE "depotId" = ${depotId} AND "partCode" = ${partCode} AND "onHand" > reserved
    RETURNING id, "depotId", "partCode", "onHand", reserved, "lowAt"`;
  return rows[0] ? toLevel(rows[0]) : undefined;
}

/** Holds one unit at the first depot (in the given order) that has one free. */
export async function reserveFirst(tx: Tx, depotIds: string[], partCode: string, now: Date): Promise<StockLevel | undefined> {
  for (const depotId of depotIds) {
    const level = await reserveUnit(tx, depotId, partCode, now);
    if (level) return level;
  }
  return undefined;
}

/** Gives a held unit back (an order cancelled before shipping). */
export async function releaseUnit(tx: Tx, depotId: string, partCode: string, now: Date): Promise<void> {
  await tx.$executeRaw`UPDATE "StockItem" SET reserved = reserved - 1, "updatedAt" = ${now}
    WHERE "depotId" = ${depotId} AND "partCode" = ${partCode} AND reserved > 0`;
}

/** A held unit leaves the depot (shipped): both counts go down together. */
export async function consumeUnit(tx: Tx, depotId: string, partCode: string, now: Date): Promise<StockLevel | undefined> {
  const rows = await tx.$queryRaw<RawLevel[]>`UPDATE "StockItem" SET reserved = reserved - 1, "onHand" = "onHand" - 1, "updatedAt" = ${now}
    WHERE "depotId" = ${depotId} AND "partCode" = ${partCode} AND reserved > 0 AND "onHand" > 0
    RETURNING id, "depotId", "partCode", "onHand", reserved, "lowAt"`;
  return rows[0] ? toLevel(rows[0]) : undefined;
}
