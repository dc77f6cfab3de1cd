/**
 * Opening a case: the busiest write of the product. Its statements — counter, case, timeline
 * event, thread link, audit (three, for the hash chain), outbox, and the SLA clock's escalation
 * row and timers — run as one transaction on the driver (db/fast-sql.ts): through Prisma's query
 * interpreter they would cost about 0.3 ms of CPU each (see bench/cases.bench.ts).
 */
import { Prisma, type Database } from "../../db/client.ts";
import { toNumber, type Steps } from "../../db/fast-sql.ts";
import { newId } from "../../db/ids.ts";
import { policy, type Viewer } from "../authz.ts";
import { forbidden, invalid } from "../errors.ts";
import { auditSteps } from "../audit/log.ts";
import { NO_SLA, type CaseLifecycle } from "./lifecycle.ts";
import { planCaseNotifications } from "./notify.ts";
import { formatCaseRef } from "./refs.ts";
import { loadCase, type CaseView } from "./view.ts";
import type { OpenCaseInput, Origin } from "./service.ts";
import { nextNumberStatement } from "../runtime/counters.ts";
import type { Directory } from "../people/directory.ts";
import { enqueueStatement } from "../runtime/outbox.ts";

interface DeviceFacts {
  serial: string;
  modelName: string;
  siteId: string | null;
}

export async function openCase(
  db: Database,
  directory: Directory,
  lifecycle: CaseLifecycle | undefined,
  viewer: Viewer,
  input: OpenCaseInput,
  origin: Origin,
  now: Date,
): Promise<{ view: CaseView; created: boolean; wake?: Date }> {
  const maybeOrganization = policy.isSupport(viewer) ? input.organizationId : viewer.organizationId;
  if (!maybeOrganization) throw invalid("error.notLinked");
  const organizationId: string = maybeOrganization;
  if (!policy.canOpenCase(viewer, organizationId)) throw forbidden();
  const maybeRequester = input.requesterId ?? viewer.personId;
  if (!maybeRequester) throw invalid("error.unknownPerson", { platform: origin.platform });
  const requesterId: string = maybeRequester;
  const title = input.title.replace(/\s+/g, " ").trim().slice(0, 160);
  if (!title) throw invalid("error.missingText", { usage: "open case <what is wrong>" });

  const device = input.deviceId ? await deviceFacts(db, input.deviceId, organizationId) : undefined;
  const siteId = input.siteId ?? device?.siteId ?? null;
  const [organizationName, siteName, engineers, plan, requesterName] = await Promise.all([
    directory.organizationName(organizationId),
    siteId ? db.prisma.site.findUnique({ where: { id: siteId }, select: { name: true } }).then((row) => row?.name ?? null) : null,
    directory.routesFor("engineers", organizationId),
    lifecycle?.planOpen(organizationId, input.severity, now),
    requesterId === viewer.personId
      ? viewer.name
      : db.prisma.person.findUnique({ where: { id: requesterId }, select: { name: true } }).then((row) => row?.name ?? requesterId),
  ]);
  const sla = plan?.sla ?? NO_SLA;
  const id = newId(now.getTime());
  const eventId = newId(now.getTime());
  const description = input.description.trim().slice(0, 8_000) || title;
  const clock = lifecycle ? await lifecycle.openedStatements(id, input.severity, organizationId, sla, now) : { statements: [] };

  function* steps(): Steps<CaseView> {
    // A redelivered event hits the unique origin key on insert; the whole transaction rolls back
    // (counter included) and the caller returns the case the first copy opened.
    const [counter] = yield nextNumberStatement("case");
    const number = toNumber(counter!.value);
    yield Prisma.sql`INSERT INTO "Case" (id, number, "organizationId", "requesterId", "deviceId", "siteId", "originKey", title, description,
        category, severity, status, language, "createdAt", "updatedAt", "slaPolicy", "firstResponseDue", "resolutionDue", "escalationLevel")
      VALUES (${id}, ${number}, ${organizationId}, ${requesterId}, ${input.deviceId ?? null}, ${siteId}, ${origin.originKey ?? null}, ${title},
        ${description}, ${input.category ?? null}, ${input.severity}, 'open', ${input.language}, ${now}, ${now},
        ${sla.policy}, ${sla.firstResponseDue}, ${sla.resolutionDue}, ${sla.escalationLevel})`;
    yield Prisma.sql`INSERT INTO "CaseEvent" (id, "caseId", kind, visibility, "actorId", body, "createdAt")
      VALUES (${eventId}, ${id}, 'opened', 'public', ${viewer.personId}, ${description}, ${now})`;
    if (origin.conversation) {
      const ref = origin.conversation;
      yield Prisma.sql`INSERT INTO "ThreadLink" (id, "caseId", platform, "conversationId", "threadId", role, "createdAt")
        VALUES (${newId(now.getTime())}, ${id}, ${ref.platform}, ${ref.conversationId}, ${ref.threadId ?? ""}, 'customer', ${now})
        ON CONFLICT ("caseId", platform, "conversationId", "threadId") DO NOTHING`;
    }
    const ref = formatCaseRef(number);
    yield* auditSteps(
      {
        actor: viewer,
        platform: origin.platform,
        action: "case.opened",
        subjectType: "case",
        subjectId: ref,
        organizationId,
        after: { title, severity: input.severity, category: input.category ?? null, device: device?.serial ?? null },
      },
      now,
    );
    const view: CaseView = {
      id,
      number,
      ref,
      organizationId,
      organizationName,
      requesterId,
      requesterName,
      assigneeId: null,
      assigneeName: null,
      deviceId: input.deviceId ?? null,
      deviceSerial: device?.serial ?? null,
      deviceModel: device?.modelName ?? null,
      siteId,
      siteName,
      partnerId: null,
      title,
      description,
      category: input.category ?? null,
      severity: input.severity,
      status: "open",
      resolutionType: null,
      resolution: null,
      fixPending: false,
      fixVersion: null,
      language: input.language,
      createdAt: now,
      updatedAt: now,
      resolvedAt: null,
      closedAt: null,
      sla,
    };
    const targets = engineers.map((channel) => ({ ref: channel, role: "escalation_channel" as const, level: 1 }));
    const notices = enqueueStatement(
      planCaseNotifications(view, { eventId, kind: "opened", visibility: "public", actorName: viewer.name }, targets, undefined, now),
      now,
    );
    if (notices) yield notices;
    for (const statement of clock.statements) yield statement;
    return view;
  }

  try {
    const view = await db.fast.transaction(steps);
    return { view, created: true, wake: clock.wake };
  } catch (error) {
    // The same delivery already opened a case (a redelivery, a resume, or a copy that raced this
    // one and committed first): return that case.
    if (!origin.originKey || !isUniqueViolation(error)) throw error;
    const existing = await db.prisma.case.findUnique({ where: { originKey: origin.originKey }, select: { number: true } });
    if (!existing) throw error;
    return { view: (await loadCase(db.prisma, existing.number))!, created: false };
  }
}

async function deviceFacts(db: Database, deviceId: string, organizationId: string): Promise<DeviceFacts> {
  const row = await db.prisma.device.findUnique({
    where: { id: deviceId },
    select: { serial: true, organizationId: true, siteId: true, model: { select: { name: true } } },
  });
  if (!row || row.organizationId !== organizationId) throw invalid("error.unknownDevice", { serial: deviceId });
  return { serial: row.serial, modelName: row.model.name, siteId: row.siteId };
}

/** A unique-constraint violation, as SQLite and PostgreSQL report it through Prisma or the driver. */
export function isUniqueViolation(error: unknown): boolean {
  const text = `${(error as Error)?.message ?? ""} ${(error as { code?: string })?.code ?? ""} ${JSON.stringify((error as { meta?: unknown })?.meta ?? {})}`;
  return /UNIQUE constraint failed|SQLITE_CONSTRAINT_UNIQUE|23505|duplicate key value|P2002/.test(text);
}
