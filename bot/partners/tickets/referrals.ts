/**
 * When no partner ticket can be opened — the customer holds no agreement with the partner, the
 * partner refuses, or its system stays down after the connector's retries — the customer is told
 * why, clearly, and referred to the partner with what they need: the case facts, their agreement,
 * our case number and how to reach the partner. The engineers hear of it too; it is on the
 * timeline and in the audit log.
 */
import { policy, type Viewer } from "../../authz.ts";
import { forbidden, invalid } from "../../errors.ts";
import { translator, type Translator } from "../../i18n/index.ts";
import type { CaseView } from "../../cases/view.ts";
import type { Origin } from "../../cases/service.ts";
import { referralCard } from "../card.ts";
import { reportedTicket, ticketWithCase, type BridgeDeps } from "../deps.ts";
import { bridgeViewer, partnerViewer } from "../webhook/people.ts";
import { recordBridgeEvent } from "../timeline.ts";
import type { PartnerRecord, TicketView } from "../types.ts";

/** Why a ticket could not be opened: `detail` is the partner's own words, when it gave any. */
export type NotOpenedReason = { code: "down" | "refused" | "not_configured" | "no_agreement"; detail?: string };

export function reasonText(t: Translator, partner: string, reason: NotOpenedReason): string {
  if (reason.code === "refused") return t("ecps.reason.refused", { partner, detail: reason.detail ?? "—" });
  if (reason.code === "not_configured") return t("ecps.reason.notConfigured", { partner });
  if (reason.code === "no_agreement") return t("ecps.reason.noAgreement", { partner });
  return t("ecps.reason.down", { partner });
}

export class Referrals {
  constructor(private readonly deps: BridgeDeps) {}

  /** No ticket: the connector gave up, the partner refused, or there is no way to reach it. */
  async notOpened(partnerId: string, reference: string, reason: NotOpenedReason, origin: Origin): Promise<boolean> {
    const row = await reportedTicket(this.deps.db.prisma, partnerId, reference);
    if (!row || row.status !== "opening") return false;
    return this.refer(row.id, { status: "opening", request: row.request }, reason, origin);
  }

  /** The partner refuses a ticket it had opened (`ticket.status` refused). */
  async refusedLater(ticket: TicketView, detail: string | undefined, origin: Origin): Promise<boolean> {
    return this.refer(ticket.id, { status: ticket.status, request: ticket.request }, { code: "refused", detail }, origin);
  }

  /**
   * The customer holds no agreement with the partner: nothing is opened, and they are referred
   * (the referral is on the timeline and in the audit log, like a refused ticket).
   */
  async withoutAgreement(
    viewer: Viewer,
    number: number,
    partnerId: string,
    origin: Origin,
  ): Promise<{ view: CaseView; partner: PartnerRecord }> {
    const view = await this.deps.cases.get(viewer, number);
    if (!policy.canActAsCustomer(viewer, view)) throw forbidden("ecps.error.whoRequests");
    const partner = await this.deps.registry.get(partnerId);
    if (!partner) throw invalid("ecps.error.unknownPartner", { partner: partnerId, known: "" });
    const now = this.deps.clock.now();
    const reason = reasonText(translator(view.language), partner.name, { code: "no_agreement" });
    await this.deps.db.prisma.$transaction(async (tx) => {
      await recordBridgeEvent(
        tx,
        this.deps.directory,
        view,
        {
          entry: {
            actorId: viewer.personId,
            body: translator(view.language)("ecps.entry.referred", { partner: partner.name, reason }),
            data: { op: "referred", partner: partnerId },
            originKey: origin.originKey ? `${origin.originKey}:referred` : null,
          },
          audit: {
            actor: viewer,
            platform: origin.platform,
            action: "partner.ticket.referred",
            after: { partner: partnerId, reason: "no_agreement" },
          },
          notice: {
            engineers: (en) =>
              en("ecps.failed.engineers", {
                partner: partner.name,
                case: view.ref,
                reason: reasonText(en, partner.name, { code: "no_agreement" }),
              }),
          },
          except: origin.conversation,
        },
        now,
      );
    });
    this.deps.kick();
    return { view, partner };
  }

  private async refer(
    ticketId: string,
    expected: { status: string; request: number },
    reason: NotOpenedReason,
    origin: Origin,
  ): Promise<boolean> {
    const { db, clock, registry } = this.deps;
    const now = clock.now();
    const status = reason.code === "refused" ? "refused" : "failed";
    const done = await db.prisma.$transaction(async (tx) => {
      const updated = await tx.partnerTicket.updateMany({
        where: { id: ticketId, status: expected.status, request: expected.request },
        data: { status, lastError: reason.detail ?? reason.code, updatedAt: now },
      });
      if (updated.count === 0) return false;
      const { ticket, view } = await ticketWithCase(tx, ticketId);
      const partner = (await registry.get(ticket.partnerId))!;
      const t = translator(view.language);
      await recordBridgeEvent(
        tx,
        this.deps.directory,
        view,
        {
          entry: {
            actorId: null,
            body: t("ecps.entry.failed", { partner: partner.name, reason: reasonText(t, partner.name, reason) }),
            data: { op: status, partner: partner.id, reason: reason.code, detail: reason.detail ?? null },
            originKey: origin.originKey ? `${origin.originKey}:${status}` : null,
          },
          audit: {
            actor: reason.code === "refused" ? partnerViewer(partner) : bridgeViewer(partner),
            platform: "partner",
            action: `partner.ticket.${status}`,
            after: { partner: partner.id, reason: reason.code, detail: reason.detail ?? null, request: ticket.request },
          },
          notice: {
            customer: (tc, time) => ({
              card: referralCard(tc, view, partner, reasonText(tc, partner.name, reason), ticket.agreementRef, true, time),
            }),
            engineers: (en) =>
              en("ecps.failed.engineers", { partner: partner.name, case: view.ref, reason: reasonText(en, partner.name, reason) }),
          },
        },
        now,
      );
      return true;
    });
    if (done) this.deps.kick();
    return done;
  }
}
