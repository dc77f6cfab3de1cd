/** What the bridge's services share, and a few look-ups they all need. */
import type { Database, Tx } from "../../db/client.ts";
import type { Viewer } from "../authz.ts";
import type { Clock } from "../../core/clock.ts";
import { conflict } from "../errors.ts";
import { caseInclude, toCaseView, type CaseView } from "../cases/view.ts";
import type { CaseService } from "../cases/service.ts";
import type { Directory } from "../people/directory.ts";
import type { AgreementService } from "./registry/agreements.ts";
import type { PartnerRegistry } from "./registry/service.ts";
import type { PartnerRecord, TicketStatus, TicketView } from "./types.ts";

export interface BridgeDeps {
  db: Database;
  clock: Clock;
  directory: Directory;
  cases: CaseService;
  registry: PartnerRegistry;
  agreements: AgreementService;
  /** Wakes the outbox dispatcher after a commit. */
  kick(): void;
}

/** A case by id, with everything a notice needs. */
export async function caseById(tx: Tx, id: string): Promise<CaseView | undefined> {
  const row = await tx.case.findUnique({ where: { id }, include: caseInclude });
  return row ? toCaseView(row) : undefined;
}

/** A `PartnerTicket` row as stored: its status is any string until read into a view. */
type TicketRow = Omit<TicketView, "status"> & { status: string };

export function toTicketView(row: TicketRow): TicketView {
  return {
    id: row.id,
    caseId: row.caseId,
    partnerId: row.partnerId,
    status: row.status as TicketStatus,
    externalId: row.externalId,
    trackingNumber: row.trackingNumber,
    trackingUrl: row.trackingUrl,
    agreementRef: row.agreementRef,
    request: row.request,
    lastError: row.lastError,
  };
}

/** A ticket and its case, read back in the transaction that just changed the ticket. */
export async function ticketWithCase(tx: Tx, ticketId: string): Promise<{ ticket: TicketView; view: CaseView }> {
  const ticket = toTicketView(await tx.partnerTicket.findUniqueOrThrow({ where: { id: ticketId } }));
  const view = (await caseById(tx, ticket.caseId))!;
  return { ticket, view };
}

/** The ticket of a case, if one was ever asked for. */
export async function ticketOfCase(tx: Tx, caseId: string): Promise<TicketView | undefined> {
  const row = await tx.partnerTicket.findUnique({ where: { caseId } });
  return row ? toTicketView(row) : undefined;
}

/**
 * A case the viewer may see whose ticket the partner is working on (open, in progress or waiting
 * for us), with the partner; a conflict when there is none.
 */
export async function caseWithOpenTicket(
  deps: BridgeDeps,
  viewer: Viewer,
  number: number,
): Promise<{ view: CaseView; ticket: TicketView; partner: PartnerRecord }> {
  const view = await deps.cases.get(viewer, number);
  const ticket = await ticketOfCase(deps.db.prisma, view.id);
  if (!ticket || !["open", "in_progress", "waiting_vendor"].includes(ticket.status))
    throw conflict("ecps.error.noTicket", { case: view.ref });
  const partner = (await deps.registry.get(ticket.partnerId))!;
  return { view, ticket, partner };
}

/** A partner's ticket by the partner's own id, with its case. */
export async function ticketByExternal(
  tx: Tx,
  partnerId: string,
  externalId: string,
): Promise<{ ticket: TicketView; view: CaseView } | undefined> {
  const row = await tx.partnerTicket.findUnique({ where: { partnerId_externalId: { partnerId, externalId } } });
  if (!row) return undefined;
  const view = await caseById(tx, row.caseId);
  return view ? { ticket: toTicketView(row), view } : undefined;
}

/** Our reference of one attempt to open a ticket: `<ticket row id>:<request number>`. */
export const ticketReference = (ticket: { id: string; request: number }) => `${ticket.id}:${ticket.request}`;

export function parseTicketReference(reference: string): { id: string; request: number } | undefined {
  const match = /^([0-9a-f-]{36}):(\d{1,6})$/.exec(reference);
  return match ? { id: match[1]!, request: Number(match[2]) } : undefined;
}

/**
 * The ticket row a partner's report names by our reference; undefined when the reference is not
 * ours, the ticket is another partner's, or a later request replaced that attempt.
 */
export async function reportedTicket(tx: Tx, partnerId: string, reference: string) {
  const ref = parseTicketReference(reference);
  const row = ref ? await tx.partnerTicket.findUnique({ where: { id: ref.id } }) : null;
  return ref && row && row.partnerId === partnerId && row.request === ref.request ? row : undefined;
}

/** The partner's ticket as a conversation: where webhook-mode mirroring and partner events live. */
export const partnerTicketRef = (partnerId: string, externalId: string) => ({
  platform: "partner" as const,
  conversationId: partnerId,
  threadId: externalId,
});
