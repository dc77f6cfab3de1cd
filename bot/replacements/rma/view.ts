/**
 * RMAs as the rest of the feature sees them: one shape for cards, lists, notifications and
 * timers. The Rma table holds ids only (no relations to the customer tables), so the names are
 * fetched in a few batched queries per list, not one per row.
 */
import type { Tx } from "../../../db/client.ts";
import type { Language } from "../../../core/vocabulary.ts";
import { formatCaseRef } from "../../cases/refs.ts";
import { formatRmaRef } from "../format.ts";

export const RMA_STATUSES = ["ordered", "shipped", "delivered", "closed", "cancelled"] as const;
export type RmaStatus = (typeof RMA_STATUSES)[number];
/** Statuses in which the RMA still needs something to happen. */
export const OPEN_RMA_STATUSES: RmaStatus[] = ["ordered", "shipped", "delivered"];

export interface RmaView {
  id: string;
  number: number;
  ref: string;
  status: RmaStatus;
  organizationId: string;
  organizationName: string;
  deviceId: string;
  serial: string;
  modelName: string;
  siteId: string | null;
  siteName: string | null;
  siteTimeZone: string;
  caseId: string | null;
  caseRef: string | null;
  depotId: string;
  depotName: string;
  partCode: string;
  partName: string;
  partNameEs: string | null;
  /** "unit" (a whole device) or "fru" (a field-replaceable part). */
  partKind: string;
  requesterId: string | null;
  requesterName: string | null;
  reason: string;
  language: Language;
  shipDate: string;
  deliveryDate: string;
  replacementSerial: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  returnDueAt: Date | null;
  createdAt: Date;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  returnedAt: Date | null;
  cancelledAt: Date | null;
}

type RmaRow = Awaited<ReturnType<Tx["rma"]["findFirstOrThrow"]>>;

const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((row) => [row.id, row]));

/** Turns rows into views with their names (seven small queries for any number of rows). */
export async function toRmaViews(tx: Tx, rows: RmaRow[]): Promise<RmaView[]> {
  if (rows.length === 0) return [];
  const ids = <K extends keyof RmaRow>(key: K) =>
    [...new Set(rows.map((row) => row[key]).filter((v): v is NonNullable<typeof v> => v != null))] as string[];
  // Sequential on purpose: queries of one interactive transaction share its connection.
  const orgs = await tx.organization.findMany({ where: { id: { in: ids("organizationId") } }, select: { id: true, name: true } });
  const devices = await tx.device.findMany({
    where: { id: { in: ids("deviceId") } },
    select: { id: true, serial: true, model: { select: { name: true } } },
  });
  const sites = await tx.site.findMany({ where: { id: { in: ids("siteId") } }, select: { id: true, name: true, timeZone: true } });
  const depots = await tx.depot.findMany({ where: { id: { in: ids("depotId") } }, select: { id: true, name: true } });
  const parts = await tx.part.findMany({
    where: { code: { in: ids("partCode") } },
    select: { code: true, name: true, nameEs: true, kind: true },
  });
  const cases = await tx.case.findMany({ where: { id: { in: ids("caseId") } }, select: { id: true, number: true } });
  const people = await tx.person.findMany({ where: { id: { in: ids("requesterId") } }, select: { id: true, name: true } });
  const org = byId(orgs);
  const device = byId(devices);
  const site = byId(sites);
  const depot = byId(depots);
  const part = new Map(parts.map((row) => [row.code, row]));
  const kase = byId(cases);
  const person = byId(people);
  return rows.map((row) => {
    const d = device.get(row.deviceId);
    const s = row.siteId ? site.get(row.siteId) : undefined;
    const c = row.caseId ? kase.get(row.caseId) : undefined;
    return {
      id: row.id,
      number: row.number,
      ref: formatRmaRef(row.number),
      status: row.status as RmaStatus,
      organizationId: row.organizationId,
      organizationName: org.get(row.organizationId)?.name ?? row.organizationId,
      deviceId: row.deviceId,
      serial: d?.serial ?? row.deviceId,
      modelName: d?.model.name ?? "",
      siteId: row.siteId,
      siteName: s?.name ?? null,
      siteTimeZone: s?.timeZone ?? "UTC",
      caseId: row.caseId,
      caseRef: c ? formatCaseRef(c.number) : null,
      depotId: row.depotId,
      depotName: depot.get(row.depotId)?.name ?? row.depotId,
      partCode: row.partCode,
      partName: part.get(row.partCode)?.name ?? row.partCode,
      partNameEs: part.get(row.partCode)?.nameEs ?? null,
      partKind: part.get(row.partCode)?.kind ?? "unit",
      requesterId: row.requesterId,
      requesterName: row.requesterId ? (person.get(row.requesterId)?.name ?? null) : null,
      reason: row.reason,
      language: row.language === "es" ? "es" : "en",
      shipDate: row.shipDate,
      deliveryDate: row.deliveryDate,
      replacementSerial: row.replacementSerial,
      carrier: row.carrier,
      trackingNumber: row.trackingNumber,
      returnDueAt: row.returnDueAt,
      createdAt: row.createdAt,
      shippedAt: row.shippedAt,
      deliveredAt: row.deliveredAt,
      returnedAt: row.returnedAt,
      cancelledAt: row.cancelledAt,
    };
  });
}

/** One RMA by number, or undefined. */
export async function loadRma(tx: Tx, number: number): Promise<RmaView | undefined> {
  const row = await tx.rma.findUnique({ where: { number } });
  return row ? (await toRmaViews(tx, [row]))[0] : undefined;
}
