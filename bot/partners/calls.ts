/**
 * Joint calls with the partner's engineers: anyone on the case asks (the customer, our engineers,
 * the partner), the partner is told in its ticket or shared thread, and when it schedules the
 * call (webhook `call.scheduled`) the customer and the engineers get the time and the link.
 */
import type { Viewer } from "../authz.ts";
import { conflict } from "../errors.ts";
import { translator } from "../i18n/index.ts";
import { recordAudit } from "../services/audit.ts";
import type { CaseView } from "../services/case-view.ts";
import type { Origin } from "../services/cases.ts";
import { ticketOfCase, type BridgeDeps } from "./deps.ts";
import { partnerViewer } from "./partner-people.ts";
import { insertBridgeEntry, notifyBridge } from "./timeline.ts";
import type { PartnerRecord, TicketView } from "./types.ts";

export interface ScheduledCall {
  at: string;
  joinUrl?: string;
  note?: string;
}

export class JointCalls {
  constructor(private readonly deps: BridgeDeps) {}

  /** Asks the partner for a joint call on a case with an open ticket. */
  async request(viewer: Viewer, number: number, when: string, origin: Origin): Promise<{ view: CaseView; partner: PartnerRecord }> {
    const view = await this.deps.cases.get(viewer, number);
    const ticket = await ticketOfCase(this.deps.db.prisma, view.id);
    if (!ticket || !["open", "in_progress", "waiting_vendor"].includes(ticket.status))
      throw conflict("ecps.error.noTicket", { case: view.ref });
    const partner = (await this.deps.registry.get(ticket.partnerId))!;
    const now = this.deps.clock.now();
    const wanted = when.trim().slice(0, 200);
    const whenText = (t: ReturnType<typeof translator>) => (wanted ? t("ecps.call.when", { when: wanted }) : "");
    const params = (t: ReturnType<typeof translator>) => ({
      author: viewer.name,
      partner: partner.name,
      case: view.ref,
      when: whenText(t),
    });
    await this.deps.db.prisma.$transaction(async (tx) => {
      const entry = await insertBridgeEntry(
        tx,
        {
          caseId: view.id,
          visibility: "public",
          actorId: viewer.personId,
          body: translator(view.language)("ecps.entry.call", params(translator(view.language))),
          data: { op: "call", partner: partner.id, when: wanted || null },
          originKey: origin.originKey ? `${origin.originKey}:call` : null,
        },
        now,
      );
      await recordAudit(
        tx,
        {
          actor: viewer,
          platform: origin.platform,
          action: "partner.call.requested",
          subjectType: "case",
          subjectId: view.ref,
          organizationId: view.organizationId,
          after: { partner: partner.id, when: wanted || null },
        },
        now,
      );
      if (entry)
        await notifyBridge(
          tx,
          this.deps.directory,
          view,
          entry,
          {
            customer: (t) => ({ text: t("ecps.call.customer", params(t)) }),
            engineers: (en) => en("ecps.call.engineers", params(en)),
            partnerChat: (en) => en("ecps.call.partner", params(en)),
            partnerTicket: true,
          },
          origin.conversation,
          now,
        );
    });
    this.deps.kick();
    return { view, partner };
  }

  /** The partner scheduled the call: the customer gets the time and a button to join. */
  async scheduled(
    partner: PartnerRecord,
    found: { ticket: TicketView; view: CaseView },
    call: ScheduledCall,
    origin: Origin,
  ): Promise<void> {
    const { view } = found;
    const now = this.deps.clock.now();
    const at = call.at
      .replace("T", " ")
      .replace(/:00(\.000)?Z$/, " UTC")
      .replace(/Z$/, " UTC");
    const details = (t: ReturnType<typeof translator>) =>
      t("ecps.call.details", { at, link: call.joinUrl ?? "—", note: call.note ?? "" }).trim();
    await this.deps.db.prisma.$transaction(async (tx) => {
      const entry = await insertBridgeEntry(
        tx,
        {
          caseId: view.id,
          visibility: "public",
          actorId: null,
          body: `${translator(view.language)("ecps.call.scheduled", { partner: partner.name, case: view.ref })} ${details(translator(view.language))}`,
          data: { op: "call_scheduled", partner: partner.id, at: call.at, joinUrl: call.joinUrl ?? null },
          originKey: origin.originKey ? `${origin.originKey}:call_scheduled` : null,
        },
        now,
      );
      await recordAudit(
        tx,
        {
          actor: partnerViewer(partner),
          platform: "partner",
          action: "partner.call.scheduled",
          subjectType: "case",
          subjectId: view.ref,
          organizationId: view.organizationId,
          after: { at: call.at, joinUrl: call.joinUrl ?? null },
        },
        now,
      );
      if (entry)
        await notifyBridge(
          tx,
          this.deps.directory,
          view,
          entry,
          {
            customer: (t) => ({
              card: {
                title: t("ecps.call.scheduled", { partner: partner.name, case: view.ref }),
                body: details(t),
                actions: call.joinUrl ? [{ id: "partner.join", label: t("ecps.action.join"), value: {}, url: call.joinUrl }] : [],
              },
            }),
            engineers: (en) => `${en("ecps.call.scheduled", { partner: partner.name, case: view.ref })} ${details(en)}`,
          },
          origin.conversation,
          now,
        );
    });
    this.deps.kick();
  }
}
