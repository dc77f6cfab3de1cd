/**
 * What every copy of a support card says beyond the case itself: who acknowledged the escalation
 * and when (in the reader's time zone, named), and the pings that could not be delivered and went
 * to a fallback target instead. Read in the transaction that plans the card updates, so all the
 * copies on every platform show the same thing.
 */
import type { Tx } from "../../db/client.ts";
import type { CaseView } from "../cases/view.ts";
import type { Directory } from "../people/directory.ts";

export interface SupportCardState {
  /** The last acknowledgement: the person's name and the time, e.g. "10:42 CET". */
  acknowledged?: { name: string; time: string };
  /** The last escalation a person asked for: who, when, to which level, and why. */
  raised?: { name: string; time: string; level: number; reason: string };
  /** The last reassignment by someone else than the new assignee: to whom, by whom, when. */
  reassigned?: { to: string; name: string; time: string };
  /** Who resolved the case last, and when. */
  resolved?: { name: string; time: string };
  /** "could not reach Lee Chen on Teams — sent to #support-engineers", newest first. */
  deliveryNotes: string[];
  /** The zone the card's times are in: the case's site's, else its contract's, else UTC. */
  zone?: string;
}

/** The audit action of a ping that went to a fallback target (also read back for the card). */
export const FALLBACK_AUDIT_ACTION = "escalation.ping_fallback";
const MAX_NOTES = 3;

/** "10:42 CET": a time of day in `timeZone`, with the zone named so nobody has to guess. */
export function clockIn(date: Date, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", timeZoneName: "short" }).format(date);
  } catch {
    // An unknown zone in imported data must not break a card: UTC is still a named zone.
    return `${date.toISOString().slice(11, 16)} UTC`;
  }
}

/** The zone people following the case read times in: the case's site, else its contract, else UTC. */
export async function readerTimeZone(tx: Tx, directory: Directory, view: CaseView): Promise<string> {
  if (view.siteId) {
    const site = await tx.site.findUnique({ where: { id: view.siteId }, select: { timeZone: true } });
    if (site?.timeZone) return site.timeZone;
  }
  return (await directory.contractOf(view.organizationId))?.calendar?.timeZone ?? "UTC";
}

/** Who acknowledged the case's escalation last, and when; undefined while nobody has. */
export async function lastAcknowledgement(tx: Tx, caseId: string): Promise<{ name: string; at: Date } | undefined> {
  const row = await tx.escalation.findFirst({
    where: { caseId, acknowledgedAt: { not: null }, acknowledgedById: { not: null } },
    orderBy: { acknowledgedAt: "desc" },
    select: { acknowledgedById: true, acknowledgedAt: true },
  });
  if (!row?.acknowledgedById || !row.acknowledgedAt) return undefined;
  const person = await tx.person.findUnique({ where: { id: row.acknowledgedById }, select: { name: true } });
  return { name: person?.name ?? "?", at: row.acknowledgedAt };
}

const eventFields = { actorId: true, data: true, createdAt: true } as const;

/** The state every copy of the case's support card shows. */
export async function supportCardState(tx: Tx, directory: Directory, view: CaseView): Promise<SupportCardState> {
  const [acknowledgement, raised, zone, notes, reassigned, resolved] = await Promise.all([
    lastAcknowledgement(tx, view.id),
    tx.escalation.findFirst({
      where: { caseId: view.id, trigger: "manual", requestedById: { not: null } },
      orderBy: { createdAt: "desc" },
      select: { requestedById: true, createdAt: true, level: true, reason: true },
    }),
    readerTimeZone(tx, directory, view),
    tx.auditLog.findMany({
      where: { action: FALLBACK_AUDIT_ACTION, subjectType: "case", subjectId: view.ref },
      orderBy: { seq: "desc" },
      take: MAX_NOTES,
      select: { after: true },
    }),
    tx.caseEvent.findFirst({ where: { caseId: view.id, kind: "assigned" }, orderBy: { createdAt: "desc" }, select: eventFields }),
    tx.caseEvent.findFirst({ where: { caseId: view.id, kind: "resolved" }, orderBy: { createdAt: "desc" }, select: eventFields }),
  ]);
  const nameOf = async (id: string | null) =>
    id ? ((await tx.person.findUnique({ where: { id }, select: { name: true } }))?.name ?? "?") : "?";
  const reassignedTo = reassigned ? String((JSON.parse(reassigned.data ?? "{}") as { to?: string }).to ?? "") : "";
  const reassigner = reassigned && reassignedTo ? await nameOf(reassigned.actorId) : undefined;
  const requester = raised?.requestedById
    ? await tx.person.findUnique({ where: { id: raised.requestedById }, select: { name: true } })
    : undefined;
  return {
    acknowledged: acknowledgement ? { name: acknowledgement.name, time: clockIn(acknowledgement.at, zone) } : undefined,
    raised: raised
      ? { name: requester?.name ?? "?", time: clockIn(raised.createdAt, zone), level: raised.level, reason: raised.reason ?? "" }
      : undefined,
    // Taking a case is not a reassignment: the card already says who has it and who acknowledged.
    reassigned:
      reassigned && reassigner && reassigner !== reassignedTo
        ? { to: reassignedTo, name: reassigner, time: clockIn(reassigned.createdAt, zone) }
        : undefined,
    resolved: resolved ? { name: await nameOf(resolved.actorId), time: clockIn(resolved.createdAt, zone) } : undefined,
    deliveryNotes: notes.map((row) => String((JSON.parse(row.after ?? "{}") as { note?: string }).note ?? "")).filter(Boolean),
    zone,
  };
}
