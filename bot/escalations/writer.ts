/**
 * The writes of escalation changes — raise a level, acknowledge, record a breach, remind — each
 * inside the caller's transaction: the case's SLA columns, the timeline event, the audit row, the
 * notifications and the timers together.
 */
import type { Tx } from "../../db/client.ts";
import { newId } from "../../db/ids.ts";
import { SYSTEM_VIEWER, type Viewer } from "../authz.ts";
import type { BusinessCalendar, CalendarSpec } from "../calendar/business-calendar.ts";
import type { ConversationRef, PingFallback, Visibility } from "../events.ts";
import { translator } from "../i18n/index.ts";
import { cancelTimers, scheduleTimers, type TimerSpec } from "../runtime/timers.ts";
import { recordAudit } from "../audit/log.ts";
import { caseTargets, LEVEL_AUDIENCE, planCaseNotifications, supportCardKey, type CaseChangeKind } from "../cases/notify.ts";
import type { Severity } from "../../core/vocabulary.ts";
import { loadCase, type CaseView, type SlaView } from "../cases/view.ts";
import type { Origin } from "../cases/service.ts";
import type { Directory } from "../people/directory.ts";
import { enqueueMessages, type QueuedMessage } from "../runtime/outbox.ts";
import { conflict, type DomainError } from "../errors.ts";
import { renderSupportCard } from "./card.ts";
import { clockIn, lastAcknowledgement, readerTimeZone, supportCardState } from "./card-state.ts";
import { fallbackChain, redirectPing, routeLabel } from "./fallback.ts";
import { assignedPingText, personalPingKey, planPingUpdates } from "./ping-updates.ts";
import type { SlaPolicy } from "./policies.ts";
import { levelTimers, raiseTimerKey, repeatTimerKey, slaColumns } from "./sla.ts";
import { chooseSpecialist } from "./specialists.ts";

export interface RaiseOptions {
  trigger: "manual" | "unacknowledged" | "breach";
  reason?: string;
  actor: Viewer;
  origin: Origin;
  /** A customer's own escalation shows in their timeline and thread. */
  publicEvent?: boolean;
}

interface Commit {
  kind: CaseChangeKind;
  visibility: Visibility;
  level?: number;
  body?: string;
  actor: Viewer;
  origin: Origin;
  sla?: Partial<SlaView>;
  assigneeId?: string;
  timers?: TimerSpec[];
  cancel?: string[];
  extra?: QueuedMessage[];
}

/** Stands for "no raise pending" when planning the next reminder (no raise timer is written from it). */
const FAR_FUTURE = new Date(8.64e15);

const levelName = (level: number) => translator("en")(`esc.level.${Math.min(3, Math.max(1, level)) as 1 | 2 | 3}`);

export class EscalationWriter {
  constructor(
    private readonly directory: Directory,
    private readonly policies: Record<Severity, SlaPolicy>,
    private readonly calendarFor: (spec: CalendarSpec | undefined) => BusinessCalendar,
  ) {}

  private async calendar(view: CaseView): Promise<BusinessCalendar> {
    return this.calendarFor((await this.directory.contractOf(view.organizationId))?.calendar);
  }

  /** Raises the case to `level`: its channel gets the card, pings repeat until acknowledged. */
  async raise(tx: Tx, view: CaseView, level: number, options: RaiseOptions, now: Date): Promise<{ view: CaseView; wake?: Date }> {
    const policy = this.policies[view.severity];
    const calendar = await this.calendar(view);
    const reason =
      options.reason?.trim() ||
      translator("en")(options.trigger === "unacknowledged" ? "esc.reason.unacknowledged" : "esc.reason.breach", { metric: "" });
    await tx.$executeRaw`INSERT INTO "Escalation" (id, "caseId", level, trigger, reason, "requestedById", status, pings, "createdAt", "updatedAt")
      VALUES (${newId(now.getTime())}, ${view.id}, ${level}, ${options.trigger}, ${reason}, ${options.actor.personId}, 'open', 1, ${now}, ${now})`;
    // From level 2 the support managers coordinate: a case nobody holds gets a specialist.
    let assigneeId: string | undefined;
    const extra: QueuedMessage[] = [];
    if (level >= 2 && !view.assigneeId) {
      const specialist = await chooseSpecialist(tx, view);
      if (specialist) {
        assigneeId = specialist.id;
        extra.push(...(await this.tellAssignee(tx, view, specialist.id, now)));
      }
    }
    return this.commit(
      tx,
      view,
      {
        kind: "escalated",
        visibility: options.publicEvent ? "public" : "internal",
        level,
        body: reason,
        actor: options.actor,
        origin: options.origin,
        sla: { escalationLevel: level },
        assigneeId,
        timers: levelTimers(view.id, policy, calendar, level, now),
        cancel: [repeatTimerKey(view.id), raiseTimerKey(view.id)],
        extra,
      },
      now,
    );
  }

  /**
   * Acknowledges up to `level`; the reminders and the raise to the next level stop. Of two
   * acknowledgements at once exactly one wins: the conditional update below takes the case row's
   * lock (PostgreSQL re-checks the condition after the winner commits; SQLite runs one writer at a
   * time), and the other is told who was first.
   */
  async acknowledge(tx: Tx, view: CaseView, level: number, viewer: Viewer, origin: Origin, now: Date) {
    const won = await tx.$executeRaw`UPDATE "Case" SET "acknowledgedLevel" = ${level}, "updatedAt" = ${now}
      WHERE id = ${view.id} AND "acknowledgedLevel" < ${level}`;
    if (won === 0) throw await this.alreadyAcknowledged(tx, view, level);
    await tx.$executeRaw`UPDATE "Escalation" SET status = 'acknowledged', "acknowledgedById" = ${viewer.personId}, "acknowledgedAt" = ${now},
      "updatedAt" = ${now} WHERE "caseId" = ${view.id} AND level <= ${level} AND status = 'open'`;
    return this.commit(
      tx,
      view,
      {
        kind: "acknowledged",
        visibility: "internal",
        level,
        actor: viewer,
        origin,
        sla: { acknowledgedLevel: level },
        cancel: [repeatTimerKey(view.id), raiseTimerKey(view.id)],
      },
      now,
    );
  }

  /** The refusal of an acknowledgement that came second: who was first, and when, in the reader's zone. */
  async alreadyAcknowledged(tx: Tx, view: CaseView, level: number): Promise<DomainError> {
    const first = await lastAcknowledgement(tx, view.id);
    const zone = await readerTimeZone(tx, this.directory, view);
    return conflict("esc.alreadyAcknowledged", {
      case: view.ref,
      level,
      name: first?.name ?? "?",
      time: first ? clockIn(first.at, zone) : "?",
    });
  }

  /** Records a breached threshold, alerts service management and raises the case. */
  async breach(tx: Tx, view: CaseView, metric: string, now: Date): Promise<void> {
    const t = translator("en");
    const due =
      metric === "first_response" ? view.sla.firstResponseDue : metric === "next_update" ? view.sla.nextUpdateDue : view.sla.resolutionDue;
    const text = t("esc.breach", {
      case: view.ref,
      severity: view.severity,
      organization: view.organizationName,
      metric: t(`esc.metric.${metric as "first_response"}`),
      due: due ? `${due.toISOString().slice(0, 16).replace("T", " ")} UTC` : "—",
    });
    const alerts: QueuedMessage[] = [];
    for (const purpose of ["service_management", "managers"] as const) {
      const routes = await this.directory.routesFor(purpose, view.organizationId);
      routes.forEach((target, i) =>
        alerts.push({
          key: `case:${view.id}:breach:${metric}:${purpose}:${i}`,
          caseId: view.id,
          message: { target, text, visibility: "internal", lang: "en" },
        }),
      );
    }
    const origin = { platform: "system" as const };
    const { view: breached } = await this.commit(
      tx,
      view,
      {
        kind: "breach",
        visibility: "internal",
        body: text,
        actor: SYSTEM_VIEWER,
        origin,
        sla: { breaches: [...view.sla.breaches, metric] },
        extra: alerts,
      },
      now,
    );
    const top = this.policies[view.severity].levels.length;
    const next = Math.max(2, breached.sla.escalationLevel + 1);
    if (breached.sla.escalationLevel < top && next <= top)
      await this.raise(
        tx,
        breached,
        next,
        {
          trigger: "breach",
          reason: t("esc.reason.breach", { metric: t(`esc.metric.${metric as "first_response"}`) }),
          actor: SYSTEM_VIEWER,
          origin,
        },
        now,
      );
  }

  /** Pings the level again and refreshes its card; the next reminder is scheduled. */
  async remind(tx: Tx, view: CaseView, level: number, now: Date): Promise<void> {
    const rows = await tx.$queryRaw<{ pings: number | bigint }[]>`UPDATE "Escalation" SET pings = pings + 1, "updatedAt" = ${now}
      WHERE "caseId" = ${view.id} AND level = ${level} AND status = 'open' RETURNING pings`;
    const pings = Number(rows[0]?.pings ?? 1);
    const t = translator("en");
    const routes = await this.directory.routesFor(LEVEL_AUDIENCE[level] ?? "engineers", view.organizationId);
    const state = await supportCardState(tx, this.directory, view);
    // A channel that refuses the reminder (archived, the bot removed) passes it on: the level's
    // other channels first, then the managers.
    const purposes = [...new Set([LEVEL_AUDIENCE[level] ?? "engineers", "managers", "service_management"] as const)];
    const chains = await Promise.all(routes.map((target) => fallbackChain(this.directory, view.organizationId, purposes, target)));
    const messages: QueuedMessage[] = routes.flatMap((target, i) => [
      {
        key: `esc:${view.id}:L${level}:ping:${pings}:${i}`,
        caseId: view.id,
        meta: { purpose: "escalation-ping" as const, escalationLevel: level },
        message: {
          target,
          visibility: "internal" as const,
          text: t("esc.reminder", { case: view.ref, level: levelName(level), pings, title: view.title }),
          lang: "en" as const,
          fallback: { caseId: view.id, caseNumber: view.number, recipient: routeLabel(target), next: chains[i]! },
        },
      },
      {
        key: `esc:${view.id}:L${level}:card:${pings}:${i}`,
        caseId: view.id,
        message: {
          target,
          visibility: "internal" as const,
          card: renderSupportCard(view, t, now, level, state),
          replaceKey: supportCardKey(view.id, level),
          lang: "en" as const,
        },
      },
    ]);
    await enqueueMessages(tx, messages, now);
    // The next reminder counts against the level's bound and must not overtake the pending raise.
    const raise = await tx.timer.findUnique({ where: { key: raiseTimerKey(view.id) }, select: { dueAt: true, status: true } });
    const calendar = await this.calendar(view);
    const raiseDue = raise?.status === "pending" ? raise.dueAt : undefined;
    const next = levelTimers(view.id, this.policies[view.severity], calendar, level, now, pings - 1, raiseDue ?? FAR_FUTURE);
    await scheduleTimers(
      tx,
      next.filter((timer) => timer.key === repeatTimerKey(view.id)),
      now,
    );
  }

  /**
   * The personal ping of the engineer a case was given to. Each copy carries its fallback (the
   * engineers' channels, then the managers'), so a chat the bot was removed from costs nothing;
   * a person with no chat at all is sent there at once.
   */
  private async tellAssignee(tx: Tx, view: CaseView, personId: string, now: Date): Promise<QueuedMessage[]> {
    const chats = await this.directory.personalConversations(personId);
    const t = translator("en");
    const text = assignedPingText(view, t);
    const key = `case:${view.id}:assigned:${personId}:${now.getTime()}`;
    const name = (await tx.person.findUnique({ where: { id: personId }, select: { name: true } }))?.name ?? personId;
    const fallback = async (own: ConversationRef | undefined): Promise<PingFallback> => ({
      caseId: view.id,
      caseNumber: view.number,
      recipient: name,
      next: await fallbackChain(this.directory, view.organizationId, ["engineers", "managers"], own),
    });
    if (chats.length === 0) {
      await redirectPing(
        tx,
        this.directory,
        { target: undefined, text, lang: "en", fallback: await fallback(undefined) },
        key,
        "no chat",
        now,
      );
      return [];
    }
    return Promise.all(
      chats.map(async (target, i) => ({
        key: `${key}:${i}`,
        caseId: view.id,
        message: {
          target,
          visibility: "internal" as const,
          text,
          // Kept, so the acknowledgement and what follows update it in place.
          replaceKey: personalPingKey(view.id),
          lang: "en" as const,
          fallback: await fallback(target),
        },
      })),
    );
  }

  private async commit(tx: Tx, view: CaseView, change: Commit, now: Date): Promise<{ view: CaseView; wake?: Date }> {
    const data: Record<string, unknown> = { ...slaColumns(change.sla ?? {}), updatedAt: now };
    if (change.assigneeId) data.assigneeId = change.assigneeId;
    await tx.case.update({ where: { id: view.id }, data });
    const next = (await loadCase(tx, view.number))!;
    const eventId = newId(now.getTime());
    await tx.$executeRaw`INSERT INTO "CaseEvent" (id, "caseId", kind, visibility, "actorId", body, data, "createdAt")
      VALUES (${eventId}, ${view.id}, ${change.kind}, ${change.visibility}, ${change.actor.personId}, ${change.body ?? null},
        ${JSON.stringify({ level: change.level, assignee: change.assigneeId })}, ${now})`;
    await recordAudit(
      tx,
      {
        actor: change.actor,
        platform: change.origin.platform,
        action: `escalation.${change.kind}`,
        subjectType: "case",
        subjectId: next.ref,
        organizationId: next.organizationId,
        before: { escalationLevel: view.sla.escalationLevel, acknowledgedLevel: view.sla.acknowledgedLevel, assignee: view.assigneeId },
        after: {
          escalationLevel: next.sla.escalationLevel,
          acknowledgedLevel: next.sla.acknowledgedLevel,
          assignee: next.assigneeId,
          reason: change.body,
        },
      },
      now,
    );
    const targets = await caseTargets(tx, this.directory, next);
    const notices = planCaseNotifications(
      next,
      { eventId, kind: change.kind, visibility: change.visibility, actorName: change.actor.name, body: change.body, level: change.level },
      targets,
      change.origin.conversation,
      now,
    );
    const pings = await planPingUpdates(
      tx,
      this.directory,
      next,
      { eventId, kind: change.kind, visibility: change.visibility, actorName: change.actor.name, level: change.level },
      now,
    );
    await enqueueMessages(tx, [...notices, ...pings, ...(change.extra ?? [])], now);
    const timers = change.timers ?? [];
    await cancelTimers(
      tx,
      (change.cancel ?? []).filter((key) => !timers.some((t) => t.key === key)),
    );
    await scheduleTimers(tx, timers, now);
    const wake = timers.reduce<Date | undefined>((min, t) => (!min || t.dueAt < min ? t.dueAt : min), undefined);
    return { view: next, wake };
  }
}
