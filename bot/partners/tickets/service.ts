/**
 * Opening a partner ticket. At the customer's request (or support's, on their behalf) and with
 * the customer's own agreement with the partner recorded, the request is written with an outbox
 * message that the partner connector turns into the partner's ticket; the connector reports the
 * outcome back as an event (opened, refused, or failed after its retries), and only then is the
 * case shared with the partner, the customer given the tracking number, and the case put in
 * waiting_partner. When no ticket can be opened, referrals.ts tells the customer.
 */
import { newId } from "../../../db/ids.ts";
import { isHttpsLink } from "../../links.ts";
import { policy, type Viewer } from "../../authz.ts";
import { conflict, DomainError, forbidden, invalid } from "../../errors.ts";
import { translator } from "../../i18n/index.ts";
import type { CaseView } from "../../cases/view.ts";
import type { Origin } from "../../cases/service.ts";
import { enqueueMessages } from "../../runtime/outbox.ts";
import type { AgreementView } from "../registry/agreements.ts";
import { partnerTicketRef, reportedTicket, ticketOfCase, ticketWithCase, toTicketView, type BridgeDeps } from "../deps.ts";
import { openedNotices, openPartnerThread } from "./opened.ts";
import { bridgeViewer, partnerViewer } from "../webhook/people.ts";
import { notifyBridge, recordBridgeEvent, writeBridgeEntry } from "../timeline.ts";
import { ACTIVE_TICKET, type PartnerRecord, type TicketView } from "../types.ts";

export type RequestOutcome =
  | { state: "needs_agreement"; view: CaseView; partner: PartnerRecord; expired: AgreementView | null }
  | { state: "requested" | "already"; view: CaseView; partner: PartnerRecord; ticket: TicketView };

export interface TicketRequestInput {
  agreement?: { reference: string; validUntil: Date | null };
  findings?: string;
}

/** The operation key of an attempt to open a ticket (operations.ts builds the request from it). */
export const openOperationKey = (ticket: { id: string; request: number }) => `partner:open:${ticket.id}:${ticket.request}`;

const ACTIVE_CASE = ["open", "waiting_customer", "waiting_partner"];

export class TicketService {
  constructor(private readonly deps: BridgeDeps) {}

  /** The ticket of a case the viewer may see. */
  async ofCase(
    viewer: Viewer,
    number: number,
  ): Promise<{ view: CaseView; ticket: TicketView | undefined; partner: PartnerRecord | undefined }> {
    const view = await this.deps.cases.get(viewer, number);
    const ticket = await ticketOfCase(this.deps.db.prisma, view.id);
    return { view, ticket, partner: ticket ? await this.deps.registry.get(ticket.partnerId) : undefined };
  }

  /** Asks for a ticket with a partner; answers with what is missing when the agreement is. */
  async request(viewer: Viewer, number: number, partnerId: string, input: TicketRequestInput, origin: Origin): Promise<RequestOutcome> {
    const { db, clock, registry, agreements } = this.deps;
    const view = await this.deps.cases.get(viewer, number);
    if (!policy.canActAsCustomer(viewer, view)) throw forbidden("ecps.error.whoRequests");
    if (!ACTIVE_CASE.includes(view.status)) throw conflict("ecps.error.caseNotActive", { case: view.ref, status: view.status });
    const partner = await registry.get(partnerId);
    if (!partner)
      throw invalid("ecps.error.unknownPartner", { partner: partnerId, known: (await registry.list()).map((p) => p.id).join(", ") });
    const existing = await ticketOfCase(db.prisma, view.id);
    if (existing && ACTIVE_TICKET.has(existing.status)) return { state: "already", view, partner, ticket: existing };
    if (input.agreement) await agreements.record(viewer, view.organizationId, partner.id, input.agreement, origin);
    const agreement = await agreements.check(view.organizationId, partner.id);
    if (agreement.state !== "valid")
      return { state: "needs_agreement", view, partner, expired: agreement.state === "expired" ? agreement.agreement : null };

    const now = clock.now();
    const findings = input.findings?.trim().slice(0, 4_000) || null;
    const ticket = await db.prisma.$transaction(async (tx) => {
      const data = {
        partnerId: partner.id,
        status: "opening",
        externalId: null,
        trackingNumber: null,
        trackingUrl: null,
        agreementRef: agreement.agreement.reference,
        findings,
        requestedById: viewer.personId,
        lastError: null,
        updatedAt: now,
      };
      // A concurrent request (a second press with another delivery id) loses on the unique case
      // id or on the request number, and is answered with the ticket the first one asked for.
      let row;
      if (!existing) {
        const inserted = await tx.$queryRaw<
          { id: string }[]
        >`INSERT INTO "PartnerTicket" (id, "caseId", "partnerId", status, "agreementRef",
            findings, request, "requestedById", "createdAt", "updatedAt")
          VALUES (${newId(now.getTime())}, ${view.id}, ${partner.id}, 'opening', ${data.agreementRef}, ${findings}, 1, ${viewer.personId}, ${now}, ${now})
          ON CONFLICT ("caseId") DO NOTHING RETURNING id`;
        if (inserted.length === 0) return undefined;
        row = await tx.partnerTicket.findUniqueOrThrow({ where: { id: inserted[0]!.id } });
      } else {
        const updated = await tx.partnerTicket.updateMany({
          where: { id: existing.id, request: existing.request, status: { in: ["failed", "refused", "resolved", "closed"] } },
          data: { ...data, request: existing.request + 1 },
        });
        if (updated.count === 0) return undefined;
        row = await tx.partnerTicket.findUniqueOrThrow({ where: { id: existing.id } });
      }
      const ticket = toTicketView(row);
      const t = translator(view.language);
      const agreementRef = agreement.agreement.reference;
      // The person asking hears about the ticket where they asked.
      if (origin.conversation && policy.isCustomer(viewer)) {
        const ref = origin.conversation;
        await tx.$executeRaw`INSERT INTO "ThreadLink" (id, "caseId", platform, "conversationId", "threadId", role, "createdAt")
          VALUES (${newId(now.getTime())}, ${view.id}, ${ref.platform}, ${ref.conversationId}, ${ref.threadId ?? ""}, 'customer', ${now})
          ON CONFLICT ("caseId", platform, "conversationId", "threadId") DO NOTHING`;
      }
      const entry = await writeBridgeEntry(
        tx,
        view,
        {
          actorId: viewer.personId,
          body:
            t("ecps.entry.requested", { partner: partner.name, author: viewer.name, agreement: agreementRef }) +
            (findings ? `\n${t("ecps.entry.findings", { partner: partner.name, findings })}` : ""),
          data: { op: "request", partner: partner.id, request: ticket.request },
          originKey: origin.originKey ? `${origin.originKey}:partner.request` : null,
        },
        {
          actor: viewer,
          platform: origin.platform,
          action: "partner.ticket.requested",
          after: { partner: partner.id, agreement: agreementRef, request: ticket.request, findings },
        },
        now,
      );
      await enqueueMessages(
        tx,
        [
          {
            key: openOperationKey(ticket),
            caseId: view.id,
            // One outbox thread per case, so one partner being down delays no other case's ticket.
            message: {
              target: { platform: "partner", conversationId: partner.id, threadId: `case:${view.id}` },
              text: `open ticket for ${view.ref}`,
              visibility: "public",
            },
          },
        ],
        now,
      );
      if (entry)
        await notifyBridge(
          tx,
          this.deps.directory,
          view,
          entry,
          {
            engineers: (en) =>
              en("ecps.requested.engineers", { author: viewer.name, partner: partner.name, case: view.ref, agreement: agreementRef }),
          },
          origin.conversation,
          now,
        );
      return ticket;
    });
    this.deps.kick();
    if (!ticket) return { state: "already", view, partner, ticket: (await ticketOfCase(db.prisma, view.id))! };
    return { state: "requested", view, partner, ticket };
  }

  /**
   * The partner has the ticket (the connector's answer, or an asynchronous `ticket.created`).
   * Idempotent: a second report of the same ticket changes nothing.
   */
  async opened(
    partnerId: string,
    reference: string,
    result: { ticket: string; trackingNumber?: string; url?: string },
    origin: Origin,
  ): Promise<"opened" | "duplicate" | "stale"> {
    const { db, clock, registry } = this.deps;
    const partner = await registry.get(partnerId);
    const row = await reportedTicket(db.prisma, partnerId, reference);
    if (!partner || !row) return "stale";
    if (row.status !== "opening") return row.externalId === result.ticket ? "duplicate" : "stale";
    const now = clock.now();
    const thread = partner.connector === "thread";
    const trackingNumber = thread ? (result.trackingNumber ?? null) : (result.trackingNumber ?? result.ticket);
    const opened = await db.prisma.$transaction(async (tx) => {
      const updated = await tx.partnerTicket.updateMany({
        where: { id: row.id, status: "opening", request: row.request },
        data: {
          status: "open",
          externalId: result.ticket,
          trackingNumber,
          // The partner's link becomes a button on people's screens: https only.
          trackingUrl: result.url && isHttpsLink(result.url) ? result.url : null,
          lastError: null,
          updatedAt: now,
        },
      });
      if (updated.count === 0) return undefined;
      // From here on the partner's engineers may see the case (bot/authz.ts).
      await tx.case.update({ where: { id: row.caseId }, data: { partnerId, updatedAt: now } });
      const { ticket, view } = await ticketWithCase(tx, row.id);
      await openPartnerThread(tx, view, partner, ticket, row.findings, now);
      const t = translator(view.language);
      await recordBridgeEvent(
        tx,
        this.deps.directory,
        view,
        {
          entry: {
            actorId: null,
            body: thread
              ? t("ecps.entry.invited", { partner: partner.name })
              : t("ecps.entry.opened", { partner: partner.name, tracking: trackingNumber ?? result.ticket }),
            data: { op: "opened", partner: partnerId, ticket: result.ticket, tracking: trackingNumber },
            originKey: origin.originKey ? `${origin.originKey}:opened` : null,
          },
          audit: {
            actor: partnerViewer(partner),
            platform: "partner",
            action: "partner.ticket.opened",
            after: { partner: partnerId, ticket: result.ticket, tracking: trackingNumber, sharedWith: partnerId },
          },
          notice: openedNotices(view, partner, ticket),
        },
        now,
      );
      return view;
    });
    if (!opened) return "duplicate";
    this.deps.kick();
    await this.waitOnPartner(opened.number, partner, thread ? undefined : result.ticket, origin);
    return "opened";
  }

  /** The case now waits on the partner (the SLA clock pauses); not told back to the partner. */
  async waitOnPartner(number: number, partner: PartnerRecord, externalId: string | undefined, origin: Origin): Promise<void> {
    try {
      await this.deps.cases.setStatus(bridgeViewer(partner), number, "waiting_partner", {
        platform: "partner",
        conversation: externalId ? partnerTicketRef(partner.id, externalId) : undefined,
        originKey: origin.originKey ? `${origin.originKey}:waiting` : undefined,
      });
    } catch (error) {
      // A case resolved or closed meanwhile stays as it is.
      if (!(error instanceof DomainError)) throw error;
    }
  }
}
