/**
 * Joint calls with the partner's engineers: anyone on the case asks (the customer, our engineers,
 * the partner), the partner is told in its ticket or shared thread, and when it schedules the
 * call (webhook `call.scheduled`) the customer and the engineers get the time and the link.
 */
import { formatZoned, type ReaderTime } from "../handlers/reader-zone.ts";
import type { Viewer } from "../authz.ts";
import { translator } from "../i18n/index.ts";
import type { CaseView } from "../cases/view.ts";
import type { Origin } from "../cases/service.ts";
import { caseWithOpenTicket, type BridgeDeps } from "./deps.ts";
import { partnerViewer } from "./webhook/people.ts";
import { recordBridgeEvent } from "./timeline.ts";
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
    const { view, partner } = await caseWithOpenTicket(this.deps, viewer, number);
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
      await recordBridgeEvent(
        tx,
        this.deps.directory,
        view,
        {
          entry: {
            actorId: viewer.personId,
            body: translator(view.language)("ecps.entry.call", params(translator(view.language))),
            data: { op: "call", partner: partner.id, when: wanted || null },
            originKey: origin.originKey ? `${origin.originKey}:call` : null,
          },
          audit: {
            actor: viewer,
            platform: origin.platform,
            action: "partner.call.requested",
            after: { partner: partner.id, when: wanted || null },
          },
          notice: {
            customer: (t) => ({ text: t("ecps.call.customer", params(t)) }),
            engineers: (en) => en("ecps.call.engineers", params(en)),
            partnerChat: (en) => en("ecps.call.partner", params(en)),
            partnerTicket: true,
          },
          except: origin.conversation,
        },
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
    // The customer reads the time in the case's zone; the timeline and the engineers in UTC, named.
    const details = (t: ReturnType<typeof translator>, time: ReaderTime) =>
      t("ecps.call.details", { at: formatZoned(new Date(call.at), time.zone, time.lang), link: call.joinUrl ?? "—", note: call.note ?? "" }).trim();
    await this.deps.db.prisma.$transaction(async (tx) => {
      await recordBridgeEvent(
        tx,
        this.deps.directory,
        view,
        {
          entry: {
            actorId: null,
            body: `${translator(view.language)("ecps.call.scheduled", { partner: partner.name, case: view.ref })} ${details(translator(view.language), { zone: "UTC", lang: view.language })}`,
            data: { op: "call_scheduled", partner: partner.id, at: call.at, joinUrl: call.joinUrl ?? null },
            originKey: origin.originKey ? `${origin.originKey}:call_scheduled` : null,
          },
          audit: {
            actor: partnerViewer(partner),
            platform: "partner",
            action: "partner.call.scheduled",
            after: { at: call.at, joinUrl: call.joinUrl ?? null },
          },
          notice: {
            customer: (t, time) => ({
              card: {
                title: t("ecps.call.scheduled", { partner: partner.name, case: view.ref }),
                body: details(t, time),
                actions: call.joinUrl ? [{ id: "partner.join", label: t("ecps.action.join"), value: {}, url: call.joinUrl }] : [],
              },
            }),
            engineers: (en) => `${en("ecps.call.scheduled", { partner: partner.name, case: view.ref })} ${details(en, { zone: "UTC", lang: "en" })}`,
          },
          except: origin.conversation,
        },
        now,
      );
    });
    this.deps.kick();
  }
}
