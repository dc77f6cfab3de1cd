/**
 * Advance replacement (RMA): order, ship, delivery, return of the faulty unit, cancel. Each change
 * writes the RMA, its timeline event, the stock movement, the audit row, the timers and the
 * outbox messages in one transaction; a redelivered event (same origin key) changes nothing.
 */
import { DateTime } from "luxon";
import type { Database, Tx } from "../../../db/client.ts";
import { policy, type Viewer } from "../../authz.ts";
import type { Clock } from "../../../core/clock.ts";
import { conflict, forbidden, invalid, notFound, hidden } from "../../errors.ts";
import { cancelTimers, scheduleTimers, type TimerSpec } from "../../runtime/timers.ts";
import { recordAudit } from "../../audit/log.ts";
import type { Origin } from "../../cases/service.ts";
import type { Directory } from "../../people/directory.ts";
import { enqueueMessages } from "../../runtime/outbox.ts";
import { canSeeService, rmaFilter } from "../access.ts";
import { parseSerial } from "../entitlement.ts";
import { formatRmaRef } from "../format.ts";
import { planRmaNotices, type RmaNoticeKind } from "./notify.ts";
import { addBusinessDays, localInstant } from "./ship-date.ts";
import { consumeUnit, releaseUnit } from "../stock.ts";
import { addRmaEvent } from "./events.ts";
import { orderReplacement, type OrderInput } from "./order.ts";
import { loadRma, OPEN_RMA_STATUSES, toRmaViews, type RmaStatus, type RmaView } from "./view.ts";

export type { OrderInput } from "./order.ts";

/** Timer kind of the faulty unit's return reminders. */
export const RETURN_TIMER = "rma.return";
export const RETURN_STAGES = ["reminder", "due", "overdue"] as const;
export type ReturnStage = (typeof RETURN_STAGES)[number];
const returnKey = (rmaId: string, stage: ReturnStage) => `rma:${rmaId}:return:${stage}`;

export interface ShipInput {
  replacementSerial: string;
  trackingNumber: string;
  carrier?: string;
}

interface Change {
  kind: RmaNoticeKind;
  body?: string;
  update: { status?: RmaStatus; [field: string]: unknown };
  /** Stock movements and timers, inside the transaction. */
  effects?: (tx: Tx, next: RmaView, now: Date) => Promise<Date | undefined>;
}

export class ReplacementService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly directory: Directory,
    private readonly onCommitted: () => void,
    private readonly onTimer: (dueAt: Date) => void = () => undefined,
  ) {}

  /** Orders an advance replacement (support, or a rule acting as the system). A second call with the same origin key returns the first RMA. */
  async order(viewer: Viewer, input: OrderInput, origin: Origin): Promise<{ view: RmaView; created: boolean }> {
    const result = await orderReplacement(this.db, this.directory, viewer, input, origin, this.clock.now());
    if (result.created) this.onCommitted();
    return result;
  }

  /** One RMA, if the viewer may see it. */
  async get(viewer: Viewer, number: number): Promise<RmaView> {
    const view = await loadRma(this.db.prisma, number);
    if (!view) throw notFound("rma.error.notFound", { rma: formatRmaRef(number) });
    if (!canSeeService(viewer, view)) throw hidden("rma.error.notFound", { rma: formatRmaRef(number) }, "replacement not visible to them");
    return view;
  }

  /** The RMAs a viewer may see, newest first: open ones, or all; optionally of one device. */
  async list(viewer: Viewer, options: { all?: boolean; serial?: string; caseNumber?: number; limit?: number } = {}): Promise<RmaView[]> {
    const scope = rmaFilter(viewer);
    if (!scope) return [];
    const device = options.serial
      ? await this.db.prisma.device.findUnique({ where: { serial: options.serial }, select: { id: true } })
      : null;
    if (options.serial && !device) return [];
    const linkedCase =
      options.caseNumber === undefined
        ? null
        : await this.db.prisma.case.findUnique({ where: { number: options.caseNumber }, select: { id: true } });
    if (options.caseNumber !== undefined && !linkedCase) return [];
    const rows = await this.db.prisma.rma.findMany({
      where: {
        ...scope,
        ...(options.all ? {} : { status: { in: OPEN_RMA_STATUSES } }),
        ...(device ? { deviceId: device.id } : {}),
        ...(linkedCase ? { caseId: linkedCase.id } : {}),
      },
      orderBy: { number: "desc" },
      take: Math.min(options.limit ?? 20, 100),
    });
    return toRmaViews(this.db.prisma, rows);
  }

  /** The replacement left the depot: its serial and tracking number (support). */
  ship(viewer: Viewer, number: number, input: ShipInput, origin: Origin): Promise<RmaView> {
    return this.mutate(viewer, number, origin, (view) => {
      if (!policy.isSupport(viewer)) throw forbidden("rma.error.engineersOnly");
      if (view.status !== "ordered") throw conflict(`rma.error.state.${view.status}`, { rma: view.ref });
      const replacementSerial = parseSerial(input.replacementSerial);
      const tracking = input.trackingNumber.trim();
      if (!replacementSerial || replacementSerial.split("-")[0] !== view.serial.split("-")[0])
        throw invalid("rma.error.badReplacementSerial", { serial: input.replacementSerial, prefix: view.serial.split("-")[0]! });
      if (!/^[A-Za-z0-9][A-Za-z0-9 -]{3,63}$/.test(tracking)) throw invalid("rma.error.badTracking", { tracking });
      return {
        kind: "shipped",
        body: `${input.carrier?.trim() ?? ""} ${tracking}`.trim(),
        update: {
          status: "shipped",
          replacementSerial,
          trackingNumber: tracking,
          carrier: input.carrier?.trim().slice(0, 60) || null,
          shippedAt: this.clock.now(),
        },
        effects: async (tx, next, now) => {
          await consumeUnit(tx, next.depotId, next.partCode, now);
          await this.replan(tx, next, now);
          return this.scheduleReturn(tx, next, next.deliveryDate, now);
        },
      };
    });
  }

  /** The replacement arrived: the customer says so, or support (the return clock restarts from today). */
  markDelivered(viewer: Viewer, number: number, origin: Origin): Promise<RmaView> {
    return this.mutate(viewer, number, origin, (view) => {
      if (view.status === "delivered") return undefined;
      if (view.status !== "shipped") throw conflict(`rma.error.state.${view.status}`, { rma: view.ref });
      const now = this.clock.now();
      const today = DateTime.fromJSDate(now, { zone: view.siteTimeZone }).toISODate()!;
      return {
        kind: "delivered",
        update: { status: "delivered", deliveredAt: now, deliveryDate: today },
        effects: (tx, next) => this.scheduleReturn(tx, next, today, now),
      };
    });
  }

  /** The faulty unit is back at the depot: the RMA is closed (support). */
  markReturned(viewer: Viewer, number: number, origin: Origin): Promise<RmaView> {
    return this.mutate(viewer, number, origin, (view) => {
      if (!policy.isSupport(viewer)) throw forbidden("rma.error.engineersOnly");
      if (view.status === "closed") return undefined;
      if (view.status !== "shipped" && view.status !== "delivered") throw conflict(`rma.error.state.${view.status}`, { rma: view.ref });
      return {
        kind: "received",
        update: { status: "closed", returnedAt: this.clock.now() },
        effects: async (tx, next) => {
          await cancelTimers(
            tx,
            RETURN_STAGES.map((stage) => returnKey(next.id, stage)),
          );
          return undefined;
        },
      };
    });
  }

  /** Cancels an order that has not shipped; the held unit goes back to stock (support). */
  cancel(viewer: Viewer, number: number, reason: string, origin: Origin): Promise<RmaView> {
    return this.mutate(viewer, number, origin, (view) => {
      if (!policy.isSupport(viewer)) throw forbidden("rma.error.engineersOnly");
      if (view.status === "cancelled") return undefined;
      if (view.status !== "ordered") throw conflict("rma.error.cannotCancel", { rma: view.ref });
      return {
        kind: "cancelled",
        body: reason.trim().slice(0, 500) || undefined,
        update: { status: "cancelled", cancelledAt: this.clock.now() },
        effects: async (tx, next, now) => {
          await releaseUnit(tx, next.depotId, next.partCode, now);
          return undefined;
        },
      };
    });
  }

  /** A return reminder timer fired (inside the scheduler's transaction). */
  async remind(tx: Tx, rmaId: string, stage: ReturnStage, timerKey: string, dueAt: Date, now: Date): Promise<void> {
    const row = await tx.rma.findUnique({ where: { id: rmaId } });
    if (!row || (row.status !== "shipped" && row.status !== "delivered")) return;
    const view = (await toRmaViews(tx, [row]))[0]!;
    const eventId = await addRmaEvent(tx, row.id, "reminder", undefined, stage, `timer:${timerKey}:${dueAt.getTime()}`, now);
    if (!eventId) return;
    await enqueueMessages(
      tx,
      await planRmaNotices(tx, this.directory, view, stage === "overdue" ? "overdue" : "reminder", eventId, undefined, { stage }),
      now,
    );
  }

  /**
   * The parcel left on the day it was really shipped (early or late against the plan): the ship
   * date and the expected delivery follow it, so the customer and the return clock read the truth.
   */
  private async replan(tx: Tx, view: RmaView, now: Date): Promise<void> {
    const depot = await tx.depot.findUnique({ where: { id: view.depotId } });
    const site = view.siteId ? await tx.site.findUnique({ where: { id: view.siteId } }) : null;
    if (!depot || !site) return;
    const lane = await tx.depotLane.findFirst({ where: { depotId: depot.id, country: site.country } });
    const shipDate = DateTime.fromJSDate(now, { zone: depot.timeZone }).toISODate()!;
    const deliveryDate = addBusinessDays(shipDate, lane?.transitDays ?? 1, site);
    if (shipDate === view.shipDate && deliveryDate === view.deliveryDate) return;
    await tx.rma.update({ where: { id: view.id }, data: { shipDate, deliveryDate } });
    view.shipDate = shipDate;
    view.deliveryDate = deliveryDate;
  }

  /** Schedules the return reminders from a delivery date; returns the earliest. */
  private async scheduleReturn(tx: Tx, view: RmaView, deliveryDate: string, now: Date): Promise<Date | undefined> {
    const depot = await tx.depot.findUnique({ where: { id: view.depotId }, select: { returnDays: true } });
    const dueDate = DateTime.fromISO(deliveryDate)
      .plus({ days: depot?.returnDays ?? 10 })
      .toISODate()!;
    const returnDueAt = localInstant(dueDate, view.siteTimeZone, 18);
    await tx.rma.update({ where: { id: view.id }, data: { returnDueAt } });
    view.returnDueAt = returnDueAt;
    const at = (days: number) => localInstant(DateTime.fromISO(dueDate).plus({ days }).toISODate()!, view.siteTimeZone, 9);
    const specs: TimerSpec[] = [
      { key: returnKey(view.id, "reminder"), kind: RETURN_TIMER, dueAt: at(-3), payload: { rmaId: view.id, stage: "reminder" } },
      { key: returnKey(view.id, "due"), kind: RETURN_TIMER, dueAt: at(0), payload: { rmaId: view.id, stage: "due" } },
      { key: returnKey(view.id, "overdue"), kind: RETURN_TIMER, dueAt: at(3), payload: { rmaId: view.id, stage: "overdue" } },
    ].filter((spec) => spec.dueAt > now);
    await scheduleTimers(tx, specs, now);
    return specs[0]?.dueAt;
  }

  private async mutate(viewer: Viewer, number: number, origin: Origin, decide: (view: RmaView) => Change | undefined): Promise<RmaView> {
    let changed = false;
    let wake: Date | undefined;
    const view = await this.db.prisma.$transaction(
      async (tx) => {
        const current = await loadRma(tx, number);
        if (!current) throw notFound("rma.error.notFound", { rma: formatRmaRef(number) });
        if (!canSeeService(viewer, current))
          throw hidden("rma.error.notFound", { rma: formatRmaRef(number) }, "replacement not visible to them");
        const change = decide(current);
        if (!change) return current;
        const now = this.clock.now();
        const originKey = origin.originKey ? `${origin.originKey}:${change.kind}` : undefined;
        const eventId = await addRmaEvent(tx, current.id, change.kind, viewer, change.body, originKey, now);
        if (!eventId) return current;
        await tx.rma.update({ where: { id: current.id }, data: { ...change.update, updatedAt: now } });
        const next = (await loadRma(tx, number))!;
        wake = await change.effects?.(tx, next, now);
        await recordAudit(
          tx,
          {
            actor: viewer,
            platform: origin.platform,
            action: `rma.${change.kind}`,
            subjectType: "rma",
            subjectId: next.ref,
            organizationId: next.organizationId,
            before: { status: current.status },
            after: { status: next.status, ...(change.body ? { detail: change.body } : {}) },
          },
          now,
        );
        await enqueueMessages(tx, await planRmaNotices(tx, this.directory, next, change.kind, eventId, origin.conversation, {}), now);
        changed = true;
        return next;
      },
      { maxWait: 10_000, timeout: 15_000 },
    );
    if (changed) this.onCommitted();
    if (wake) this.onTimer(wake);
    return view;
  }
}
