/**
 * Onsite technicians: after remote diagnosis, a request is checked for eligibility, quoted with
 * its fee, confirmed by choosing a business-hours slot (which books a technician), and can be
 * rescheduled, handed to another site contact, cancelled or completed. Every change writes the
 * visit, its timeline event, the booking, the audit row and the outbox messages in one transaction.
 */
import type { Database, Tx } from "../../../db/client.ts";
import { policy, type Viewer } from "../../authz.ts";
import type { Clock } from "../../../core/clock.ts";
import { conflict, forbidden, invalid, notFound, hidden } from "../../errors.ts";
import { recordAudit } from "../../audit/log.ts";
import type { Origin } from "../../cases/service.ts";
import type { Directory } from "../../people/directory.ts";
import { enqueueMessages } from "../../runtime/outbox.ts";
import { canSeeService, visitFilter } from "../access.ts";
import { formatVisitRef } from "../format.ts";
import { deviceChoices, type DeviceChoices } from "./devices.ts";
import { addVisitEvent } from "./events.ts";
import { planVisitNotices, type VisitNoticeKind } from "./notify.ts";
import { requestVisit, type OnsiteRequestInput } from "./request.ts";
import { slotAt, visitSlots, type Slot } from "./slots.ts";
import { loadVisit, OPEN_VISIT_STATUSES, toVisitView, type VisitView } from "./view.ts";
import { bookTechnician, releaseBooking } from "./technicians.ts";

export type { OnsiteRequestInput } from "./request.ts";

interface Change {
  kind: VisitNoticeKind;
  body?: string;
  update: Record<string, unknown>;
  effects?: (tx: Tx, current: VisitView, now: Date) => Promise<Record<string, unknown> | void>;
}

export class OnsiteService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly directory: Directory,
    private readonly onCommitted: () => void,
  ) {}

  /** The devices a request without a serial can be for: those at the site the text names, or all the organization's. */
  deviceChoices(viewer: Viewer, text: string, site?: { id: string; name: string }): Promise<DeviceChoices> {
    return deviceChoices(this.db, viewer, text, site);
  }

  /** Checks eligibility and quotes a visit; the requester then confirms by choosing a slot. */
  async request(viewer: Viewer, input: OnsiteRequestInput, origin: Origin): Promise<{ view: VisitView; slots: Slot[]; created: boolean }> {
    const { view, created } = await requestVisit(this.db, this.directory, viewer, input, origin, this.clock.now());
    if (created) this.onCommitted();
    return this.withSlots(view, created);
  }

  /** One visit, if the viewer may see it, with the slots it can be booked in. */
  async get(viewer: Viewer, number: number): Promise<{ view: VisitView; slots: Slot[] }> {
    const view = await loadVisit(this.db.prisma, number);
    if (!view) throw notFound("onsite.error.notFound", { visit: formatVisitRef(number) });
    if (!canSeeService(viewer, view)) throw hidden("onsite.error.notFound", { visit: formatVisitRef(number) }, "visit not visible to them");
    return this.withSlots(view, false);
  }

  /** The visits a viewer may see, newest first. */
  async list(viewer: Viewer, options: { all?: boolean; limit?: number } = {}): Promise<VisitView[]> {
    const scope = visitFilter(viewer);
    if (!scope) return [];
    const rows = await this.db.prisma.onsiteVisit.findMany({
      where: { ...scope, ...(options.all ? {} : { status: { in: OPEN_VISIT_STATUSES } }) },
      orderBy: { number: "desc" },
      take: Math.min(options.limit ?? 20, 100),
    });
    const views: VisitView[] = [];
    for (const row of rows) views.push(await toVisitView(this.db.prisma, row));
    return views;
  }

  /** Confirms the fee by choosing a slot (or moves a booked visit): books a technician. */
  schedule(viewer: Viewer, number: number, slotStart: string, origin: Origin): Promise<VisitView> {
    return this.mutate(viewer, number, origin, async (view, tx) => {
      if (view.status !== "quoted" && view.status !== "scheduled") throw conflict(`onsite.error.state.${view.status}`, { visit: view.ref });
      const start = new Date(slotStart);
      if (view.slotStart && view.slotStart.getTime() === start.getTime()) return undefined;
      const hours = await this.hoursOf(tx, view);
      const slot = Number.isNaN(start.getTime())
        ? undefined
        : slotAt(start, this.clock.now(), { timeZone: view.timeZone, country: view.siteCountry, region: view.siteRegion }, hours);
      if (!slot) throw invalid("onsite.error.badSlot", { visit: view.ref });
      const customer = policy.isCustomer(viewer);
      return {
        kind: view.status === "quoted" ? "scheduled" : "rescheduled",
        body: slot.start.toISOString(),
        update: {
          status: "scheduled",
          slotStart: slot.start,
          slotEnd: slot.end,
          ...(view.status === "quoted" ? { confirmedById: viewer.personId, confirmedAt: this.clock.now() } : {}),
          // The customer who confirms is the site contact unless one was named.
          ...(customer && !view.contactName ? { contactId: viewer.personId, contactName: viewer.name } : {}),
        },
        effects: async (tx2, current, now) => {
          await releaseBooking(tx2, current.id);
          const technicianId = await bookTechnician(tx2, current, slot.start, now);
          if (!technicianId) throw conflict("onsite.error.noTechnician", { visit: current.ref });
          return { technicianId };
        },
      };
    });
  }

  /** Names the person who meets the technician (a person of the organization, or a name and phone). */
  setContact(viewer: Viewer, number: number, contact: { name: string; phone?: string }, origin: Origin): Promise<VisitView> {
    return this.mutate(viewer, number, origin, async (view, tx) => {
      if (view.status !== "quoted" && view.status !== "scheduled") throw conflict(`onsite.error.state.${view.status}`, { visit: view.ref });
      const name = contact.name.trim().slice(0, 120);
      if (!name) throw invalid("onsite.error.contactName");
      const phone = contact.phone?.trim().slice(0, 40) || null;
      const person = await tx.person.findFirst({
        where: { organizationId: view.organizationId, OR: [{ name }, { email: name.toLowerCase() }] },
        select: { id: true, name: true },
      });
      return {
        kind: "contact",
        body: [name, phone].filter(Boolean).join(" "),
        update: { contactId: person?.id ?? null, contactName: person?.name ?? name, contactPhone: phone },
      };
    });
  }

  /** Cancels a visit that has not happened; the technician is freed and told. */
  cancel(viewer: Viewer, number: number, reason: string, origin: Origin): Promise<VisitView> {
    return this.mutate(viewer, number, origin, (view) => {
      if (view.status === "cancelled") return undefined;
      if (view.status !== "quoted" && view.status !== "scheduled") throw conflict(`onsite.error.state.${view.status}`, { visit: view.ref });
      return {
        kind: "cancelled",
        body: reason.trim().slice(0, 500) || undefined,
        update: { status: "cancelled", cancelledAt: this.clock.now() },
        effects: async (tx, current) => void (await releaseBooking(tx, current.id)),
      };
    });
  }

  /** The technician did the job (support). */
  complete(viewer: Viewer, number: number, notes: string, origin: Origin): Promise<VisitView> {
    return this.mutate(viewer, number, origin, (view) => {
      if (!policy.isSupport(viewer)) throw forbidden("rma.error.engineersOnly");
      if (view.status === "completed") return undefined;
      if (view.status !== "scheduled") throw conflict(`onsite.error.state.${view.status}`, { visit: view.ref });
      return {
        kind: "completed",
        body: notes.trim().slice(0, 1_000) || undefined,
        update: { status: "completed", completedAt: this.clock.now() },
      };
    });
  }

  private async withSlots(view: VisitView, created: boolean): Promise<{ view: VisitView; slots: Slot[]; created: boolean }> {
    if (view.status !== "quoted" && view.status !== "scheduled") return { view, slots: [], created };
    const hours = await this.hoursOf(this.db.prisma, view);
    const site = { timeZone: view.timeZone, country: view.siteCountry, region: view.siteRegion };
    return { view, slots: visitSlots(this.clock.now(), site, hours, { notBefore: view.partExpected ?? undefined }), created };
  }

  private async hoursOf(tx: Tx, view: VisitView): Promise<string> {
    const rows = await tx.onsiteCoverage.findMany({ where: { country: view.siteCountry } });
    return (
      rows.find((row) => row.region === (view.siteRegion ?? ""))?.hours ??
      rows.find((row) => row.region === "")?.hours ??
      "Mon-Fri 09:00-18:00"
    );
  }

  private async mutate(
    viewer: Viewer,
    number: number,
    origin: Origin,
    decide: (view: VisitView, tx: Tx) => Change | undefined | Promise<Change | undefined>,
  ): Promise<VisitView> {
    let changed = false;
    const view = await this.db.prisma.$transaction(
      async (tx) => {
        const current = await loadVisit(tx, number);
        if (!current) throw notFound("onsite.error.notFound", { visit: formatVisitRef(number) });
        if (!canSeeService(viewer, current))
          throw hidden("onsite.error.notFound", { visit: formatVisitRef(number) }, "visit not visible to them");
        if (!policy.isSupport(viewer) && !policy.isCustomer(viewer)) throw forbidden();
        const change = await decide(current, tx);
        if (!change) return current;
        const now = this.clock.now();
        const eventId = await addVisitEvent(
          tx,
          current.id,
          change.kind,
          viewer,
          change.body,
          origin.originKey ? `${origin.originKey}:${change.kind}` : undefined,
          now,
        );
        if (!eventId) return current;
        const extra = (await change.effects?.(tx, current, now)) ?? {};
        await tx.onsiteVisit.update({ where: { id: current.id }, data: { ...change.update, ...extra, updatedAt: now } });
        const next = (await loadVisit(tx, number))!;
        await recordAudit(
          tx,
          {
            actor: viewer,
            platform: origin.platform,
            action: `onsite.${change.kind}`,
            subjectType: "onsite",
            subjectId: next.ref,
            organizationId: next.organizationId,
            before: { status: current.status, slot: current.slotStart, technician: current.technicianName, contact: current.contactName },
            after: { status: next.status, slot: next.slotStart, technician: next.technicianName, contact: next.contactName },
          },
          now,
        );
        const previousTechnician =
          current.technicianId !== next.technicianId || change.kind === "cancelled"
            ? { ref: current.technicianRef, locale: current.technicianLocale }
            : undefined;
        // A cancelled visit's technician is told through `previousTechnician`, not twice.
        const notified = change.kind === "cancelled" ? { ...next, technicianRef: null } : next;
        await enqueueMessages(
          tx,
          await planVisitNotices(tx, this.directory, notified, change.kind, eventId, origin.conversation, { previousTechnician }),
          now,
        );
        changed = true;
        return next;
      },
      { maxWait: 10_000, timeout: 15_000 },
    );
    if (changed) this.onCommitted();
    return view;
  }
}
