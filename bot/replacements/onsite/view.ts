/** Onsite visits as the feature shows them: one shape for cards, lists and notifications. */
import type { Tx } from "../../../db/client.ts";
import type { ConversationRef } from "../../events.ts";
import type { Language, Platform } from "../../../core/vocabulary.ts";
import { formatCaseRef } from "../../cases/refs.ts";
import { formatRmaRef, formatVisitRef } from "../format.ts";

export const VISIT_STATUSES = ["quoted", "scheduled", "completed", "cancelled"] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];
export const OPEN_VISIT_STATUSES: VisitStatus[] = ["quoted", "scheduled"];

export interface VisitView {
  id: string;
  number: number;
  ref: string;
  status: VisitStatus;
  organizationId: string;
  organizationName: string;
  deviceId: string;
  serial: string;
  modelName: string;
  siteId: string;
  siteName: string;
  siteAddress: string | null;
  siteCountry: string;
  siteRegion: string | null;
  timeZone: string;
  caseId: string | null;
  caseRef: string | null;
  rmaId: string | null;
  rmaRef: string | null;
  /** The replacement's expected delivery (yyyy-MM-dd) while it is on its way: slots start then. */
  partExpected: string | null;
  requesterId: string | null;
  contactId: string | null;
  contactName: string | null;
  contactPhone: string | null;
  technicianId: string | null;
  technicianName: string | null;
  technicianPhone: string | null;
  technicianLocale: Language;
  technicianRef: ConversationRef | null;
  purpose: string;
  fee: number;
  currency: string;
  slotStart: Date | null;
  slotEnd: Date | null;
  language: Language;
  createdAt: Date;
}

type VisitRow = Awaited<ReturnType<Tx["onsiteVisit"]["findFirstOrThrow"]>>;

/** Turns a visit row into its view (a handful of lookups by id). */
export async function toVisitView(tx: Tx, row: VisitRow): Promise<VisitView> {
  const organization = await tx.organization.findUnique({ where: { id: row.organizationId }, select: { name: true } });
  const device = await tx.device.findUnique({ where: { id: row.deviceId }, select: { serial: true, model: { select: { name: true } } } });
  const site = await tx.site.findUnique({ where: { id: row.siteId } });
  const kase = row.caseId ? await tx.case.findUnique({ where: { id: row.caseId }, select: { number: true } }) : null;
  const rma = row.rmaId
    ? await tx.rma.findUnique({ where: { id: row.rmaId }, select: { number: true, status: true, deliveryDate: true } })
    : null;
  const technician = row.technicianId ? await tx.technician.findUnique({ where: { id: row.technicianId } }) : null;
  return {
    id: row.id,
    number: row.number,
    ref: formatVisitRef(row.number),
    status: row.status as VisitStatus,
    organizationId: row.organizationId,
    organizationName: organization?.name ?? row.organizationId,
    deviceId: row.deviceId,
    serial: device?.serial ?? row.deviceId,
    modelName: device?.model.name ?? "",
    siteId: row.siteId,
    siteName: site?.name ?? row.siteId,
    siteAddress: site?.address ?? site?.city ?? null,
    siteCountry: site?.country ?? "",
    siteRegion: site?.region ?? null,
    timeZone: row.timeZone,
    caseId: row.caseId,
    caseRef: kase ? formatCaseRef(kase.number) : null,
    rmaId: row.rmaId,
    rmaRef: rma ? formatRmaRef(rma.number) : null,
    partExpected: rma && (rma.status === "ordered" || rma.status === "shipped") ? rma.deliveryDate : null,
    requesterId: row.requesterId,
    contactId: row.contactId,
    contactName: row.contactName,
    contactPhone: row.contactPhone,
    technicianId: row.technicianId,
    technicianName: technician?.name ?? null,
    technicianPhone: technician?.phone ?? null,
    technicianLocale: technician?.locale === "es" ? "es" : "en",
    technicianRef:
      technician?.platform && technician.conversationId
        ? { platform: technician.platform as Platform, conversationId: technician.conversationId, kind: "personal" }
        : null,
    purpose: row.purpose,
    fee: row.fee,
    currency: row.currency,
    slotStart: row.slotStart,
    slotEnd: row.slotEnd,
    language: row.language === "es" ? "es" : "en",
    createdAt: row.createdAt,
  };
}

/** One visit by number, or undefined. */
export async function loadVisit(tx: Tx, number: number): Promise<VisitView | undefined> {
  const row = await tx.onsiteVisit.findUnique({ where: { number } });
  return row ? toVisitView(tx, row) : undefined;
}
