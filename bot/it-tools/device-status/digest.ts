/**
 * The end of a grouping window for one site: if events arrived since the card was last written,
 * the card is updated in place with the totals; if events are still arriving, another window
 * follows; once a window passes quietly, the digest closes and the site's next event starts a new
 * card. Runs inside the timer's transaction, so the card update and the digest's new state commit
 * together — a crash fires the timer again and the outbox key makes the update idempotent.
 */
import type { Tx } from "../../../db/client.ts";
import type { DueTimer } from "../../runtime/timers.ts";
import { scheduleTimers } from "../../runtime/timers.ts";
import { formatCaseRef } from "../../cases/refs.ts";
import type { Directory } from "../../people/directory.ts";
import { enqueueMessages } from "../../runtime/outbox.ts";
import { digestTimer } from "./service.ts";
import { digestCard, digestCardKey, type DigestTotals } from "./card.ts";

interface DigestRow {
  id: string;
  organizationId: string;
  siteId: string | null;
  events: number | bigint;
  reported: number | bigint;
  updates: number | bigint;
  caseId: string | null;
  startedAt: Date | string;
  lastEventAt: Date | string;
}

const EXAMPLES = 5;

/** The timer handler of DIGEST_TIMER. */
export function createDigestFlush(directory: Directory, windowMs: number) {
  return async (tx: Tx, timer: DueTimer, firedAt: Date): Promise<void> => {
    const digestId = String(timer.payload.digestId);
    // Bumping `updates` first takes the digest's row lock (PostgreSQL), so no event of this
    // site commits between the totals read below and the decision to close.
    const [row] = await tx.$queryRaw<DigestRow[]>`UPDATE "StatusDigest" SET updates = updates + 1
      WHERE id = ${digestId} AND "closedAt" IS NULL
      RETURNING id, "organizationId", "siteId", events, reported, updates, "caseId", "startedAt", "lastEventAt"`;
    if (!row) return;
    const events = Number(row.events);
    const window = Number(row.updates);
    if (events > Number(row.reported)) {
      const totals = await readTotals(tx, row);
      const routes = await directory.routesFor("admins", row.organizationId);
      const { lang, card } = digestCard(totals);
      await enqueueMessages(
        tx,
        routes.map((target, index) => ({
          key: `${digestCardKey(digestId)}:v${window}:${index}`,
          message: { target, visibility: "public" as const, lang, replaceKey: digestCardKey(digestId), card },
        })),
        firedAt,
      );
      await tx.$executeRaw`UPDATE "StatusDigest" SET reported = ${events} WHERE id = ${digestId}`;
    }
    const quiet = new Date(row.lastEventAt).getTime() <= firedAt.getTime() - windowMs;
    if (quiet) await tx.$executeRaw`UPDATE "StatusDigest" SET "openKey" = NULL, "closedAt" = ${firedAt} WHERE id = ${digestId}`;
    else await scheduleTimers(tx, [digestTimer(digestId, window, new Date(firedAt.getTime() + windowMs))], firedAt);
  };
}

async function readTotals(tx: Tx, row: DigestRow): Promise<DigestTotals> {
  // One statement at a time: a transaction has one connection.
  const byType = await tx.$queryRaw<{ type: string; events: number | bigint; devices: number | bigint }[]>`SELECT type, COUNT(*) AS events,
      COUNT(DISTINCT "deviceId") AS devices FROM "DeviceEvent" WHERE "digestId" = ${row.id} GROUP BY type ORDER BY COUNT(*) DESC`;
  const states = await tx.$queryRaw<{ state: string; devices: number | bigint }[]>`SELECT s.state, COUNT(*) AS devices FROM "DeviceStatus" s
      JOIN "Device" d ON d.id = s."deviceId"
      WHERE d."organizationId" = ${row.organizationId} AND d."siteId" IS NOT DISTINCT FROM ${row.siteId} GROUP BY s.state`;
  const examples = await tx.$queryRaw<{ serial: string }[]>`SELECT d.serial FROM "Device" d WHERE d.id IN (
      SELECT DISTINCT e."deviceId" FROM "DeviceEvent" e WHERE e."digestId" = ${row.id} AND e.type <> 'online') ORDER BY d.serial LIMIT ${EXAMPLES + 1}`;
  const site = row.siteId ? await tx.site.findUnique({ where: { id: row.siteId }, select: { name: true } }) : null;
  const caseRow =
    row.caseId && !row.caseId.startsWith("pending:")
      ? await tx.case.findUnique({ where: { id: row.caseId }, select: { number: true } })
      : null;
  const siteDevices = await tx.device.count({ where: { organizationId: row.organizationId, siteId: row.siteId } });
  const locale = (await tx.organization.findUnique({ where: { id: row.organizationId }, select: { locale: true } }))?.locale ?? "en";
  return {
    siteId: row.siteId,
    siteName: site?.name ?? null,
    locale,
    events: Number(row.events),
    startedAt: new Date(row.startedAt),
    lastEventAt: new Date(row.lastEventAt),
    byType: byType.map((r) => ({ type: r.type, events: Number(r.events), devices: Number(r.devices) })),
    states: states.map((r) => ({ state: r.state, devices: Number(r.devices) })),
    siteDevices,
    examples: examples
      .slice(0, EXAMPLES)
      .map((r) => r.serial)
      .concat(examples.length > EXAMPLES ? ["…"] : []),
    caseRef: caseRow ? formatCaseRef(caseRow.number) : null,
  };
}
