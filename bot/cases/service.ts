/**
 * The case service: open, comment, change status and severity, resolve, reopen, close, assign.
 * Every change writes the case, its timeline event, its audit row and its outbox messages in one
 * transaction; the dispatcher is woken after the commit.
 */
import { Prisma, type Database, type Tx } from "../../db/client.ts";
import { toNumber } from "../../db/fast-sql.ts";
import { newId } from "../../db/ids.ts";
import { policy, type Viewer } from "../authz.ts";
import type { Audience } from "../audience.ts";
import type { Clock } from "../../core/clock.ts";
import { conflict, forbidden, hidden, invalid, notFound } from "../errors.ts";
import type { ConversationRef, ThreadRole, Visibility } from "../events.ts";
import type { Language, Platform } from "../../core/vocabulary.ts";
import { recordAudit } from "../audit/log.ts";
import { announceReleasedFixes } from "./fix.ts";
import { caseTargets, planCaseNotifications, type CaseChange, type CaseChangeKind } from "./notify.ts";
import { formatCaseRef, type CaseStatus, type ResolutionType } from "./refs.ts";
import type { Severity } from "../../core/vocabulary.ts";
import { caseInclude, loadCase, readCase, toCaseView, type CaseView } from "./view.ts";
import type { Directory } from "../people/directory.ts";
import { enqueueMessages } from "../runtime/outbox.ts";
import { planPingUpdates } from "../escalations/ping-updates.ts";
import type { CaseLifecycle } from "./lifecycle.ts";
import { openCase } from "./open.ts";
import { cancelTimers, scheduleTimers } from "../runtime/timers.ts";

/** A resolved case the customer neither confirms nor reopens is closed after this long. */
export const AUTO_CLOSE_AFTER_DAYS = 7;
export const autoCloseKey = (caseId: string) => `case:${caseId}:autoclose`;

/** Where an action came from: for the audit log, for idempotency, and to avoid echoing it back. */
export interface Origin {
  platform: Platform;
  conversation?: ConversationRef;
  /** Unique per inbound delivery; makes the action idempotent under redelivery. */
  originKey?: string;
}

export interface OpenCaseInput {
  title: string;
  description: string;
  severity: Severity;
  category?: string | null;
  language: Language;
  /** Required when support opens a case on a customer's behalf. */
  organizationId?: string;
  requesterId?: string;
  deviceId?: string | null;
  siteId?: string | null;
}

export interface ListOptions {
  /** Only cases that are not closed (default true). */
  activeOnly?: boolean;
  /** Only cases the viewer requested or is assigned. */
  mine?: boolean;
  limit?: number;
}

export interface TimelineEntry {
  kind: string;
  visibility: Visibility;
  actorName: string | null;
  body: string | null;
  at: Date;
}

interface Mutation {
  kind: CaseChangeKind;
  visibility: Visibility;
  body?: string;
  from?: string;
  to?: string;
  update: {
    status?: CaseStatus;
    severity?: Severity;
    resolutionType?: ResolutionType | null;
    resolution?: string | null;
    fixPending?: boolean;
    fixVersion?: string | null;
    resolvedAt?: Date | null;
    closedAt?: Date | null;
    assigneeId?: string | null;
  };
}

const ACTIVE: CaseStatus[] = ["open", "waiting_customer", "waiting_partner"];

export class CaseService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly directory: Directory,
    private readonly onCommitted: () => void,
    private readonly onTimer: (dueAt: Date) => void = () => undefined,
    /** The hooks run inside case transactions (SLA clocks and escalations); none in tests that need none. */
    private readonly lifecycle?: CaseLifecycle,
  ) {}

  /** Opens a case. A second call with the same origin key returns the first case. */
  async open(viewer: Viewer, input: OpenCaseInput, origin: Origin): Promise<{ view: CaseView; created: boolean }> {
    const result = await openCase(this.db, this.directory, this.lifecycle, viewer, input, origin, this.clock.now());
    if (result.created) this.onCommitted();
    if (result.wake) this.onTimer(result.wake);
    return { view: result.view, created: result.created };
  }

  /** One case, if the viewer may see it. */
  async get(viewer: Viewer, number: number): Promise<CaseView> {
    const view = await readCase(this.db, number);
    if (!view) throw notFound("error.caseNotFound", { case: formatCaseRef(number) });
    if (!policy.canSeeCase(viewer, view)) throw hidden("error.caseNotFound", { case: view.ref }, "case not visible to them");
    return view;
  }

  /** The cases a viewer may see, newest first. */
  async list(viewer: Viewer, options: ListOptions = {}): Promise<CaseView[]> {
    const scope = policy.caseFilter(viewer);
    if (!scope) return [];
    const rows = await this.db.prisma.case.findMany({
      where: {
        ...scope,
        ...(options.activeOnly === false ? {} : { status: { in: [...ACTIVE, "resolved"] } }),
        ...(options.mine && viewer.personId ? { OR: [{ requesterId: viewer.personId }, { assigneeId: viewer.personId }] } : {}),
      },
      include: caseInclude,
      orderBy: { number: "desc" },
      take: Math.min(options.limit ?? 20, 100),
    });
    return rows.map(toCaseView);
  }

  /**
   * The timeline a viewer may read: internal notes only for support, and only when the
   * conversation it is shown in is read by support alone (`audience`, bot/audience.ts).
   */
  async timeline(viewer: Viewer, number: number, audience: Audience = "support"): Promise<TimelineEntry[]> {
    const view = await this.get(viewer, number);
    const internal = policy.canSeeInternal(viewer) && audience === "support";
    const events = await this.db.prisma.caseEvent.findMany({
      where: { caseId: view.id, ...(internal ? {} : { visibility: "public" }) },
      orderBy: { createdAt: "asc" },
    });
    const names = await this.personNames(events.map((event) => event.actorId));
    return events.map((event) => ({
      kind: event.kind,
      visibility: event.visibility as Visibility,
      actorName: event.actorId ? (names.get(event.actorId) ?? null) : "Switchboard",
      body: event.body,
      at: event.createdAt,
    }));
  }

  /** A public comment (anyone who sees the case) or an internal note (support only). */
  comment(viewer: Viewer, number: number, body: string, visibility: Visibility, origin: Origin): Promise<CaseView> {
    const text = body.trim();
    if (!text) throw invalid("error.missingText", { usage: `comment ${formatCaseRef(number)} <text>` });
    return this.mutate(viewer, number, origin, (view) => {
      if (visibility === "internal" && !policy.canSeeInternal(viewer)) throw forbidden("error.engineersOnly");
      if (!policy.canComment(viewer, view)) throw forbidden();
      // A customer's reply to a question puts the case back in support's hands.
      const resume = view.status === "waiting_customer" && policy.isCustomer(viewer);
      return {
        kind: visibility === "internal" ? "note" : "comment",
        visibility,
        body: text.slice(0, 8_000),
        update: resume ? { status: "open" } : {},
      };
    });
  }

  /** Moves an active case between open and the waiting states (support only). */
  setStatus(viewer: Viewer, number: number, status: CaseStatus, origin: Origin): Promise<CaseView> {
    return this.mutate(viewer, number, origin, (view) => {
      if (!policy.canWorkCase(viewer)) throw forbidden("error.engineersOnly");
      if (!ACTIVE.includes(status)) throw invalid("error.badStatus");
      if (!ACTIVE.includes(view.status)) throw conflict("error.transition", { case: view.ref, status: view.status, action: status });
      if (view.status === status) return undefined;
      return { kind: "status", visibility: "public", from: view.status, to: status, update: { status } };
    });
  }

  /** Changes the urgency: the customer who sees it, or support. */
  setSeverity(viewer: Viewer, number: number, severity: Severity, origin: Origin, reason?: string): Promise<CaseView> {
    return this.mutate(viewer, number, origin, (view) => {
      if (!policy.canActAsCustomer(viewer, view)) throw forbidden();
      if (!ACTIVE.includes(view.status)) throw conflict("error.transition", { case: view.ref, status: view.status, action: severity });
      if (view.severity === severity) return undefined;
      return { kind: "severity", visibility: "public", from: view.severity, to: severity, body: reason, update: { severity } };
    });
  }

  /** Resolves with a fix, a workaround, no fault found or a partner fix (support only). */
  resolve(viewer: Viewer, number: number, resolutionType: ResolutionType, resolution: string, origin: Origin): Promise<CaseView> {
    return this.mutate(viewer, number, origin, (view) => {
      if (!policy.canWorkCase(viewer)) throw forbidden("error.engineersOnly");
      const body = resolution.trim().slice(0, 8_000);
      // Workaround now, fix later: the fix of a case resolved with a workaround is recorded
      // whenever it comes, even after the customer closed the case; its status stays as it is.
      if (!ACTIVE.includes(view.status) && resolutionType === "fix" && view.fixPending)
        return { kind: "resolved", visibility: "public", body, update: { resolutionType, resolution: body || null, fixPending: false } };
      if (!ACTIVE.includes(view.status)) throw conflict("error.transition", { case: view.ref, status: view.status, action: "resolved" });
      const now = this.clock.now();
      return {
        kind: "resolved",
        visibility: "public",
        body,
        update: {
          status: "resolved",
          resolutionType,
          resolution: body || null,
          resolvedAt: now,
          fixPending: resolutionType === "workaround",
        },
      };
    });
  }

  /**
   * Links a case whose fix is pending to the release of its device's model expected to fix it;
   * when that release is already imported, its customers are told at once (bot/cases/fix.ts).
   */
  async planFix(viewer: Viewer, number: number, version: string, origin: Origin): Promise<CaseView> {
    const view = await this.mutate(viewer, number, origin, (current) => {
      if (!policy.canWorkCase(viewer)) throw forbidden("error.engineersOnly");
      if (!current.fixPending) throw conflict("case.fix.notPending", { case: current.ref });
      if (!current.deviceId) throw invalid("case.fix.noDevice", { case: current.ref });
      if (current.fixVersion === version) return undefined;
      return { kind: "fix_planned", visibility: "public", body: version, to: version, update: { fixVersion: version } };
    });
    const announced = await this.db.prisma.$transaction((tx) => announceReleasedFixes(tx, this.clock.now(), { caseId: view.id }));
    if (announced > 0) this.onCommitted();
    return announced > 0 ? this.get(viewer, number) : view;
  }

  /** Reopens a resolved or closed case: the customer says it is broken again, or support does. */
  reopen(viewer: Viewer, number: number, reason: string, origin: Origin): Promise<CaseView> {
    return this.mutate(viewer, number, origin, (view) => {
      if (!policy.canActAsCustomer(viewer, view)) throw forbidden();
      if (ACTIVE.includes(view.status)) throw conflict("error.transition", { case: view.ref, status: view.status, action: "reopened" });
      return {
        kind: "reopened",
        visibility: "public",
        body: reason.trim().slice(0, 8_000),
        update: { status: "open", resolutionType: null, resolution: null, resolvedAt: null, closedAt: null, fixPending: false },
      };
    });
  }

  /** Closes a case: the customer confirms it works (any state), or support closes a resolved one. */
  close(viewer: Viewer, number: number, origin: Origin, reason?: string, tx?: Tx): Promise<CaseView> {
    return this.mutate(
      viewer,
      number,
      origin,
      (view) => {
        if (!policy.canActAsCustomer(viewer, view)) throw forbidden();
        if (view.status === "closed") return undefined;
        const now = this.clock.now();
        const customerConfirms = policy.isCustomer(viewer);
        if (!customerConfirms && !viewer.system && view.status !== "resolved")
          throw conflict("error.transition", { case: view.ref, status: view.status, action: "closed" });
        return {
          kind: "closed",
          visibility: "public",
          body: reason,
          update: {
            status: "closed",
            closedAt: now,
            // A customer who closes an unresolved case says the problem went away.
            ...(view.status !== "resolved" ? { resolutionType: "no_fault_found" as const, resolvedAt: now } : {}),
          },
        };
      },
      tx,
    );
  }

  /** Assigns the case to an engineer (taking it assigns it to oneself). */
  assign(viewer: Viewer, number: number, assigneeId: string, origin: Origin): Promise<CaseView> {
    return this.mutate(viewer, number, origin, async (view, tx) => {
      if (!policy.canWorkCase(viewer)) throw forbidden("error.engineersOnly");
      if (view.assigneeId === assigneeId) return undefined;
      const assignee = await tx.person.findUnique({ where: { id: assigneeId }, select: { role: true, name: true } });
      if (!assignee || (assignee.role !== "engineer" && assignee.role !== "manager")) throw invalid("error.engineersOnly");
      return { kind: "assigned", visibility: "internal", from: view.assigneeName ?? "", to: assignee.name, update: { assigneeId } };
    });
  }

  /** Links a conversation or thread to a case (idempotent). */
  async linkThread(caseId: string, ref: ConversationRef, role: ThreadRole): Promise<void> {
    await this.db.prisma.$executeRaw`INSERT INTO "ThreadLink" (id, "caseId", platform, "conversationId", "threadId", role, "createdAt")
      VALUES (${newId()}, ${caseId}, ${ref.platform}, ${ref.conversationId}, ${ref.threadId ?? ""}, ${role}, ${this.clock.now()})
      ON CONFLICT ("caseId", platform, "conversationId", "threadId") DO NOTHING`;
  }

  /** The case a conversation thread is about, if the viewer may see it. */
  async findByThread(viewer: Viewer, ref: ConversationRef): Promise<CaseView | undefined> {
    // Asked for most messages in a conversation, and most conversations are about no case: the
    // link is looked up on the driver, the case loaded only when there is one.
    const [link] = await this.db.fast.query(Prisma.sql`SELECT c.number FROM "ThreadLink" l JOIN "Case" c ON c.id = l."caseId"
      WHERE l.platform = ${ref.platform} AND l."conversationId" = ${ref.conversationId} AND l."threadId" = ${ref.threadId ?? ""}
      ORDER BY l."createdAt" DESC LIMIT 1`);
    if (!link) return undefined;
    const view = await readCase(this.db, toNumber(link.number));
    return view && policy.canSeeCase(viewer, view) ? view : undefined;
  }

  private async mutate(
    viewer: Viewer,
    number: number,
    origin: Origin,
    decide: (view: CaseView, tx: Tx) => Mutation | undefined | Promise<Mutation | undefined>,
    outerTx?: Tx,
  ): Promise<CaseView> {
    let changed = false;
    let autoCloseAt: Date | undefined;
    let wakeAt: Date | undefined;
    const body = async (tx: Tx): Promise<CaseView> => {
      const current = await loadCase(tx, number);
      if (!current) throw notFound("error.caseNotFound", { case: formatCaseRef(number) });
      if (!policy.canSeeCase(viewer, current)) throw hidden("error.caseNotFound", { case: current.ref }, "case not visible to them");
      const mutation = await decide(current, tx);
      if (!mutation) return current;
      const now = this.clock.now();
      const eventId = newId(now.getTime());
      const inserted = await tx.$queryRaw<
        { id: string }[]
      >`INSERT INTO "CaseEvent" (id, "caseId", kind, visibility, "actorId", body, data, "originKey", "createdAt")
          VALUES (${eventId}, ${current.id}, ${mutation.kind}, ${mutation.visibility}, ${viewer.personId}, ${mutation.body ?? null},
            ${JSON.stringify({ from: mutation.from, to: mutation.to })}, ${origin.originKey ? `${origin.originKey}:${mutation.kind}` : null}, ${now})
          ON CONFLICT ("originKey") DO NOTHING RETURNING id`;
      // The same delivery already made this change (a resumed or redelivered event).
      if (inserted.length === 0) return current;
      const row = await tx.case.update({ where: { id: current.id }, data: { ...mutation.update, updatedAt: now }, include: caseInclude });
      const next = toCaseView(row);
      await recordAudit(
        tx,
        {
          actor: viewer,
          platform: origin.platform,
          action: `case.${mutation.kind}`,
          subjectType: "case",
          subjectId: next.ref,
          organizationId: next.organizationId,
          before: pick(current, Object.keys(mutation.update)),
          after: { ...pick(next, Object.keys(mutation.update)), ...(mutation.body ? { body: mutation.body } : {}) },
        },
        now,
      );
      const change: CaseChange = {
        eventId,
        kind: mutation.kind,
        visibility: mutation.visibility,
        actorName: viewer.name,
        body: mutation.body,
        from: mutation.from,
        to: mutation.to,
      };
      const clock = await this.lifecycle?.changed(tx, current, next, change, viewer, now);
      if (clock?.sla) next.sla = { ...next.sla, ...clock.sla };
      if (clock?.wake && (!wakeAt || clock.wake < wakeAt)) wakeAt = clock.wake;
      await enqueueMessages(
        tx,
        [
          ...planCaseNotifications(next, change, await caseTargets(tx, this.directory, next), origin.conversation, now),
          ...(await planPingUpdates(tx, this.directory, next, change, now)),
        ],
        now,
      );
      if (mutation.kind === "resolved") {
        autoCloseAt = new Date(now.getTime() + AUTO_CLOSE_AFTER_DAYS * 86_400_000);
        await scheduleTimers(
          tx,
          [{ key: autoCloseKey(next.id), kind: "case.autoclose", dueAt: autoCloseAt, payload: { caseId: next.id } }],
          now,
        );
      } else if (mutation.kind === "reopened" || mutation.kind === "closed") {
        await cancelTimers(tx, [autoCloseKey(next.id)]);
      }
      changed = true;
      return next;
    };
    // Inside a caller's transaction (a timer handler) the caller commits and wakes the dispatcher.
    if (outerTx) return body(outerTx);
    const view = await this.db.prisma.$transaction(body, { maxWait: 10_000, timeout: 15_000 });
    if (changed) this.onCommitted();
    if (autoCloseAt) this.onTimer(autoCloseAt);
    if (wakeAt) this.onTimer(wakeAt);
    return view;
  }

  private async personNames(ids: (string | null)[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((id): id is string => id !== null))];
    if (unique.length === 0) return new Map();
    const rows = await this.db.prisma.person.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
    return new Map(rows.map((row) => [row.id, row.name]));
  }
}

function pick(view: CaseView, keys: string[]): Record<string, unknown> {
  const source = view as unknown as Record<string, unknown>;
  return Object.fromEntries(keys.map((key) => [key, source[key] ?? null]));
}
