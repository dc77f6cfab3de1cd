/**
 * SLA clocks and escalations. The clock of a case starts when it opens (in the contract's
 * business time), pauses while the case waits on the customer or the partner, and stops when it
 * is resolved. Each level of escalation is pinged until someone acknowledges it, and raised to
 * the next level when nobody does; a breached threshold alerts service management. Everything is
 * rows and timers written in the same transaction as the change that caused it.
 */
import { Prisma, type Database, type Tx } from "../../db/client.ts";
import { newId } from "../../db/ids.ts";
import { policy as access, SYSTEM_VIEWER, type Viewer } from "../authz.ts";
import { BusinessCalendar, type CalendarSpec } from "../calendar/business-calendar.ts";
import type { Clock } from "../../core/clock.ts";
import { conflict, forbidden, notFound, hidden } from "../errors.ts";
import { cancelTimers, scheduleStatement, scheduleTimers, type TimerSpec } from "../runtime/timers.ts";
import type { CaseLifecycle, OpenPlan } from "../cases/lifecycle.ts";
import { NO_SLA } from "../cases/lifecycle.ts";
import type { CaseChange } from "../cases/notify.ts";
import { formatCaseRef } from "../cases/refs.ts";
import type { Severity } from "../../core/vocabulary.ts";
import { loadCase, type CaseView, type SlaView } from "../cases/view.ts";
import type { Origin } from "../cases/service.ts";
import type { Directory } from "../people/directory.ts";
import { LEVEL_AUDIENCE } from "../cases/notify.ts";
import type { ConversationRef } from "../events.ts";
import type { SlaPolicy } from "./policies.ts";
import { EscalationWriter } from "./writer.ts";
import {
  allClockKeys,
  breachTimer,
  duesAt,
  levelTimers,
  raiseTimerKey,
  repeatTimerKey,
  shiftByPause,
  slaColumns,
  slaTimerKey,
} from "./sla.ts";

const ACTIVE = new Set(["open", "waiting_customer", "waiting_partner"]);
const WAITING = new Set(["waiting_customer", "waiting_partner"]);
/** Cases of organizations without a contract in force get no clock; this is only a fallback. */
const UTC_24X7: CalendarSpec = { coverage: "24x7", timeZone: "UTC" };

export interface EscalationSummary {
  ref: string;
  title: string;
  severity: string;
  organizationName: string;
  level: number;
  acknowledged: boolean;
  breaches: string[];
  openedAt: Date;
  assigneeName: string | null;
  /** Each level raised, oldest first: where it was sent, how often, and who acknowledged it when. */
  levels: LevelPings[];
  firstResponseDue: Date | null;
  firstResponseAt: Date | null;
  resolutionDue: Date | null;
  pausedAt: Date | null;
}

export interface LevelPings {
  level: number;
  raisedAt: Date;
  /** The conversations the level's pings went to (the level's channels). */
  pinged: ConversationRef[];
  pings: number;
  acknowledgedBy: string | null;
  acknowledgedAt: Date | null;
}

export class EscalationService implements CaseLifecycle {
  private readonly calendars = new Map<string, BusinessCalendar>();
  readonly writer: EscalationWriter;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly directory: Directory,
    readonly policies: Record<Severity, SlaPolicy>,
    private readonly onCommitted: () => void,
    private readonly onTimer: (dueAt: Date) => void,
  ) {
    this.writer = new EscalationWriter(directory, policies, (spec) => this.calendar(spec));
  }

  /** The business calendar of a contract (cached: holidays are computed once per year). */
  calendar(spec: CalendarSpec | undefined): BusinessCalendar {
    const effective = spec ?? UTC_24X7;
    const key = JSON.stringify(effective);
    let calendar = this.calendars.get(key);
    if (!calendar) {
      calendar = new BusinessCalendar(effective);
      this.calendars.set(key, calendar);
    }
    return calendar;
  }

  async calendarOf(organizationId: string): Promise<BusinessCalendar> {
    return this.calendar((await this.directory.contractOf(organizationId))?.calendar);
  }

  // ───────────── lifecycle (inside the case transactions) ─────────────

  async planOpen(organizationId: string, severity: Severity, now: Date): Promise<OpenPlan | undefined> {
    const contract = await this.directory.contractOf(organizationId);
    if (!contract) return undefined;
    const dues = duesAt(this.policies[severity], this.calendar(contract.calendar), now);
    return { sla: { ...NO_SLA, policy: severity, ...dues, escalationLevel: 1 } };
  }

  async openedStatements(caseId: string, severity: Severity, organizationId: string, sla: SlaView, now: Date) {
    if (!sla.policy || !sla.firstResponseDue || !sla.resolutionDue) return { statements: [] };
    const calendar = await this.calendarOf(organizationId);
    const timers: TimerSpec[] = [
      breachTimer(caseId, "first_response", sla.firstResponseDue),
      breachTimer(caseId, "resolution", sla.resolutionDue),
      ...levelTimers(caseId, this.policies[severity], calendar, 1, now),
    ];
    const statements = [
      Prisma.sql`INSERT INTO "Escalation" (id, "caseId", level, trigger, status, pings, "createdAt", "updatedAt")
        VALUES (${newId(now.getTime())}, ${caseId}, 1, 'opened', 'open', 1, ${now}, ${now})`,
      scheduleStatement(timers, now)!,
    ];
    return { statements, wake: earliest(timers) };
  }

  async changed(tx: Tx, before: CaseView, after: CaseView, change: CaseChange, viewer: Viewer, now: Date) {
    if (!after.sla.policy) return {};
    const policy = this.policies[after.severity];
    const calendar = await this.calendarOf(after.organizationId);
    const sla: Partial<SlaView> = {};
    const timers: TimerSpec[] = [];
    const cancel: string[] = [];
    const byPublicSupport = access.isSupport(viewer) && !viewer.system && change.visibility === "public";

    // The first thing support says to the customer is the first response; every later public
    // update restarts the next-update clock.
    if (byPublicSupport && ["comment", "status", "resolved"].includes(change.kind)) {
      if (!after.sla.firstResponseAt) {
        sla.firstResponseAt = now;
        cancel.push(slaTimerKey(after.id, "first_response"));
      }
      if (ACTIVE.has(after.status) && !WAITING.has(after.status)) {
        sla.nextUpdateDue = calendar.add(now, policy.nextUpdateMs);
        timers.push(breachTimer(after.id, "next_update", sla.nextUpdateDue));
      }
    }

    switch (change.kind) {
      case "status":
        if (WAITING.has(after.status) && !WAITING.has(before.status) && policy.pauseWhenWaiting && !after.sla.pausedAt) {
          sla.pausedAt = now;
          cancel.push(...allClockKeys(after.id));
          timers.length = 0;
        } else if (!WAITING.has(after.status) && after.sla.pausedAt) {
          Object.assign(sla, this.resume(after, calendar, now, timers, policy));
        }
        break;
      case "comment":
        // A customer's reply resumes a clock paused while waiting on them.
        if (before.status === "waiting_customer" && after.status === "open" && after.sla.pausedAt)
          Object.assign(sla, this.resume(after, calendar, now, timers, policy));
        break;
      case "resolved":
      case "closed":
        cancel.push(...allClockKeys(after.id));
        timers.length = 0;
        sla.pausedAt = null;
        await tx.$executeRaw`UPDATE "Escalation" SET status = 'closed', "updatedAt" = ${now} WHERE "caseId" = ${after.id} AND status <> 'closed'`;
        break;
      case "reopened": {
        sla.resolutionDue = calendar.add(now, policy.resolutionMs);
        sla.escalationLevel = 1;
        sla.acknowledgedLevel = 0;
        sla.pausedAt = null;
        await tx.$executeRaw`INSERT INTO "Escalation" (id, "caseId", level, trigger, status, pings, "createdAt", "updatedAt")
          VALUES (${newId(now.getTime())}, ${after.id}, 1, 'reopened', 'open', 1, ${now}, ${now})`;
        timers.push(breachTimer(after.id, "resolution", sla.resolutionDue), ...levelTimers(after.id, policy, calendar, 1, now));
        break;
      }
      case "severity": {
        // The new severity's thresholds count from the opening, as if it had been right all along.
        sla.firstResponseDue = after.sla.firstResponseAt
          ? after.sla.firstResponseDue
          : calendar.add(after.createdAt, policy.firstResponseMs);
        sla.resolutionDue = calendar.add(after.createdAt, policy.resolutionMs);
        if (!after.sla.pausedAt) {
          if (!after.sla.firstResponseAt) timers.push(breachTimer(after.id, "first_response", sla.firstResponseDue!));
          timers.push(breachTimer(after.id, "resolution", sla.resolutionDue));
        }
        break;
      }
      case "assigned":
        // Taking a case acknowledges its current level: the reminders stop.
        if (after.sla.acknowledgedLevel < after.sla.escalationLevel) {
          sla.acknowledgedLevel = after.sla.escalationLevel;
          cancel.push(repeatTimerKey(after.id), raiseTimerKey(after.id));
          await tx.$executeRaw`UPDATE "Escalation" SET status = 'acknowledged', "acknowledgedById" = ${viewer.personId},
            "acknowledgedAt" = ${now}, "updatedAt" = ${now} WHERE "caseId" = ${after.id} AND status = 'open'`;
        }
        break;
    }
    if (Object.keys(sla).length > 0) await tx.case.update({ where: { id: after.id }, data: slaColumns(sla) });
    await cancelTimers(
      tx,
      cancel.filter((key) => !timers.some((t) => t.key === key)),
    );
    await scheduleTimers(tx, timers, now);
    return { sla, wake: earliest(timers) };
  }

  /** Moves the due times by the pause and re-arms the clock and the current level's pings. */
  private resume(view: CaseView, calendar: BusinessCalendar, now: Date, timers: TimerSpec[], policy: SlaPolicy): Partial<SlaView> {
    const pausedAt = view.sla.pausedAt!;
    const shifted: Partial<SlaView> = {
      pausedAt: null,
      firstResponseDue: shiftByPause(view.sla.firstResponseDue, calendar, pausedAt, now),
      nextUpdateDue: shiftByPause(view.sla.nextUpdateDue, calendar, pausedAt, now),
      resolutionDue: shiftByPause(view.sla.resolutionDue, calendar, pausedAt, now),
    };
    if (!view.sla.firstResponseAt && shifted.firstResponseDue)
      timers.push(breachTimer(view.id, "first_response", shifted.firstResponseDue));
    if (view.sla.firstResponseAt && shifted.nextUpdateDue) timers.push(breachTimer(view.id, "next_update", shifted.nextUpdateDue));
    if (shifted.resolutionDue) timers.push(breachTimer(view.id, "resolution", shifted.resolutionDue));
    if (view.sla.acknowledgedLevel < view.sla.escalationLevel)
      timers.push(...levelTimers(view.id, policy, calendar, view.sla.escalationLevel, now));
    return shifted;
  }

  // ───────────── actions ─────────────

  /** Acknowledges escalation `level` (and those below): the reminders stop for everyone. */
  async acknowledge(viewer: Viewer, number: number, level: number, origin: Origin): Promise<CaseView> {
    if (!access.isSupport(viewer)) throw forbidden("error.engineersOnly");
    return this.inTransaction(async (tx, now) => {
      const view = await this.load(tx, viewer, number);
      if (!ACTIVE.has(view.status)) throw conflict("esc.notActive", { case: view.ref, status: view.status });
      if (view.sla.escalationLevel === 0) return { view };
      const wanted = Math.min(level, view.sla.escalationLevel);
      // A second press (or a copy of the card not yet refreshed) is told who acknowledged first.
      if (view.sla.acknowledgedLevel >= wanted) throw await this.writer.alreadyAcknowledged(tx, view, view.sla.acknowledgedLevel);
      return this.writer.acknowledge(tx, view, wanted, viewer, origin, now);
    });
  }

  /** A person asks for the case to be escalated: a customer to the support manager, an engineer one level up. */
  async escalate(viewer: Viewer, number: number, reason: string, origin: Origin): Promise<{ view: CaseView; level: number }> {
    let level = 0;
    const view = await this.inTransaction(async (tx, now) => {
      const current = await this.load(tx, viewer, number);
      if (!access.canActAsCustomer(viewer, current)) throw forbidden();
      if (!ACTIVE.has(current.status)) throw conflict("esc.notActive", { case: current.ref, status: current.status });
      const top = this.policies[current.severity].levels.length;
      level = access.isCustomer(viewer) ? Math.max(2, current.sla.escalationLevel + 1) : current.sla.escalationLevel + 1;
      if (current.sla.escalationLevel >= top || level > top) throw conflict("esc.alreadyTop", { case: current.ref, level: top });
      return this.writer.raise(
        tx,
        current,
        level,
        { trigger: "manual", reason, actor: viewer, origin, publicEvent: access.isCustomer(viewer) },
        now,
      );
    });
    return { view, level };
  }

  // ───────────── timers ─────────────

  /** `sla.breach`: the metric's due time passed without it being met. */
  async onBreach(tx: Tx, caseId: string, metric: string, firedAt: Date): Promise<void> {
    const view = await this.loadById(tx, caseId);
    if (!view || !ACTIVE.has(view.status) || view.sla.pausedAt) return;
    const met =
      (metric === "first_response" && view.sla.firstResponseAt !== null) ||
      (metric === "next_update" && (!view.sla.nextUpdateDue || view.sla.nextUpdateDue > firedAt)) ||
      (metric === "resolution" && (!view.sla.resolutionDue || view.sla.resolutionDue > firedAt));
    if (met || view.sla.breaches.includes(metric)) return;
    await this.writer.breach(tx, view, metric, firedAt);
  }

  /** `escalation.repeat`: the level is still unacknowledged, ping it again. */
  async onRepeat(tx: Tx, caseId: string, level: number, firedAt: Date): Promise<void> {
    const view = await this.loadById(tx, caseId);
    if (!view || !ACTIVE.has(view.status) || view.sla.pausedAt) return;
    if (view.sla.escalationLevel !== level || view.sla.acknowledgedLevel >= level) return;
    await this.writer.remind(tx, view, level, firedAt);
  }

  /** `escalation.raise`: nobody acknowledged in time, raise to the next level. */
  async onRaise(tx: Tx, caseId: string, level: number, firedAt: Date): Promise<void> {
    const view = await this.loadById(tx, caseId);
    if (!view || !ACTIVE.has(view.status) || view.sla.pausedAt) return;
    if (view.sla.escalationLevel >= level || view.sla.acknowledgedLevel >= level - 1) return;
    await this.writer.raise(tx, view, level, { trigger: "unacknowledged", actor: SYSTEM_VIEWER, origin: { platform: "system" } }, firedAt);
  }

  // ───────────── views for managers ─────────────

  /** Open escalations (level ≥ 1 on active cases), highest level first. */
  async openEscalations(viewer: Viewer): Promise<EscalationSummary[]> {
    if (!access.isSupport(viewer)) throw forbidden("esc.supportOnly");
    const rows = await this.db.prisma.case.findMany({
      where: { status: { in: [...ACTIVE] }, escalationLevel: { gt: 0 } },
      include: SUMMARY_INCLUDE,
      orderBy: [{ escalationLevel: "desc" }, { number: "asc" }],
      take: 50,
    });
    return this.summaries(rows);
  }

  /** Active cases past an SLA threshold. */
  async breaches(viewer: Viewer): Promise<EscalationSummary[]> {
    if (!access.isSupport(viewer)) throw forbidden("esc.supportOnly");
    const rows = await this.db.prisma.case.findMany({
      where: { status: { in: [...ACTIVE] }, NOT: { breaches: "[]" } },
      include: SUMMARY_INCLUDE,
      orderBy: { number: "asc" },
      take: 50,
    });
    return this.summaries(rows);
  }

  private async summaries(rows: SummaryRow[]): Promise<EscalationSummary[]> {
    const ackIds = [...new Set(rows.flatMap((r) => r.escalations.map((e) => e.acknowledgedById)).filter((id): id is string => !!id))];
    const names = new Map(
      (await this.db.prisma.person.findMany({ where: { id: { in: ackIds } }, select: { id: true, name: true } })).map((p) => [
        p.id,
        p.name,
      ]),
    );
    const summaries: EscalationSummary[] = [];
    for (const row of rows) {
      const levels: LevelPings[] = [];
      // Several rows of one level (a reopened case): the latest raise of each level tells the story.
      const latest = new Map<number, SummaryRow["escalations"][number]>();
      for (const e of row.escalations) latest.set(e.level, e);
      for (const e of [...latest.values()].sort((a, b) => a.level - b.level))
        levels.push({
          level: e.level,
          raisedAt: e.createdAt,
          pinged: await this.directory.routesFor(LEVEL_AUDIENCE[e.level] ?? "engineers", row.organizationId),
          pings: e.pings,
          acknowledgedBy: e.acknowledgedById ? (names.get(e.acknowledgedById) ?? null) : null,
          acknowledgedAt: e.acknowledgedAt,
        });
      summaries.push({
        ref: formatCaseRef(row.number),
        title: row.title,
        severity: row.severity,
        organizationName: row.organization.name,
        level: row.escalationLevel,
        acknowledged: row.acknowledgedLevel >= row.escalationLevel,
        breaches: JSON.parse(row.breaches) as string[],
        openedAt: row.createdAt,
        assigneeName: row.assignee?.name ?? null,
        levels,
        firstResponseDue: row.firstResponseDue,
        firstResponseAt: row.firstResponseAt,
        resolutionDue: row.resolutionDue,
        pausedAt: row.slaPausedAt,
      });
    }
    return summaries;
  }

  private async inTransaction<T extends CaseView | { view: CaseView; wake?: Date }>(
    work: (tx: Tx, now: Date) => Promise<T>,
  ): Promise<CaseView> {
    const result = await this.db.prisma.$transaction((tx) => work(tx, this.clock.now()), { maxWait: 10_000, timeout: 15_000 });
    const view = "view" in result ? result.view : result;
    const wake = "wake" in result ? result.wake : undefined;
    this.onCommitted();
    if (wake) this.onTimer(wake);
    return view as CaseView;
  }

  private async load(tx: Tx, viewer: Viewer, number: number): Promise<CaseView> {
    const view = await loadCase(tx, number);
    if (!view) throw notFound("error.caseNotFound", { case: formatCaseRef(number) });
    if (!access.canSeeCase(viewer, view)) throw hidden("error.caseNotFound", { case: view.ref }, "case not visible to them");
    return view;
  }

  private async loadById(tx: Tx, caseId: string): Promise<CaseView | undefined> {
    const row = await tx.case.findUnique({ where: { id: caseId }, select: { number: true } });
    return row ? loadCase(tx, row.number) : undefined;
  }
}

function earliest(timers: TimerSpec[]): Date | undefined {
  return timers.reduce<Date | undefined>((min, t) => (!min || t.dueAt < min ? t.dueAt : min), undefined);
}

const SUMMARY_INCLUDE = {
  organization: { select: { name: true } },
  assignee: { select: { name: true } },
  escalations: { orderBy: { createdAt: "asc" as const } },
};

type SummaryRow = Prisma.CaseGetPayload<{ include: typeof SUMMARY_INCLUDE }>;
