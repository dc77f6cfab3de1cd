/** Loading cases as the rest of the bot sees them: one shape for cards, lists and notifications. */
import { Prisma, type Database, type Tx } from "../../db/client.ts";
import { toDate, toNumber } from "../../db/fast-sql.ts";
import type { Language } from "../../core/vocabulary.ts";
import { formatCaseRef, type CaseStatus, type ResolutionType } from "./refs.ts";
import type { Severity } from "../../core/vocabulary.ts";

export interface CaseView {
  id: string;
  number: number;
  ref: string;
  organizationId: string;
  organizationName: string;
  requesterId: string;
  requesterName: string;
  assigneeId: string | null;
  assigneeName: string | null;
  deviceId: string | null;
  deviceSerial: string | null;
  deviceModel: string | null;
  siteId: string | null;
  siteName: string | null;
  partnerId: string | null;
  title: string;
  description: string;
  category: string | null;
  severity: Severity;
  status: CaseStatus;
  resolutionType: ResolutionType | null;
  resolution: string | null;
  /** A workaround was given and the fix is still to come (recorded later, or in a release). */
  fixPending: boolean;
  /** The software release of the device's model expected to fix it ("2.4.1"). */
  fixVersion: string | null;
  language: Language;
  createdAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
  closedAt: Date | null;
  sla: SlaView;
}

/** The SLA clock and escalation state of a case. */
export interface SlaView {
  policy: string | null;
  firstResponseDue: Date | null;
  nextUpdateDue: Date | null;
  resolutionDue: Date | null;
  firstResponseAt: Date | null;
  pausedAt: Date | null;
  escalationLevel: number;
  acknowledgedLevel: number;
  breaches: string[];
}

export const caseInclude = {
  organization: { select: { name: true } },
  requester: { select: { name: true } },
  assignee: { select: { name: true } },
  device: { select: { serial: true, model: { select: { name: true } } } },
  site: { select: { name: true } },
} satisfies Prisma.CaseInclude;

type CaseRow = Prisma.CaseGetPayload<{ include: typeof caseInclude }>;

/** Maps a row with its includes to the view. */
export function toCaseView(row: CaseRow): CaseView {
  return {
    id: row.id,
    number: row.number,
    ref: formatCaseRef(row.number),
    organizationId: row.organizationId,
    organizationName: row.organization.name,
    requesterId: row.requesterId,
    requesterName: row.requester.name,
    assigneeId: row.assigneeId,
    assigneeName: row.assignee?.name ?? null,
    deviceId: row.deviceId,
    deviceSerial: row.device?.serial ?? null,
    deviceModel: row.device?.model.name ?? null,
    siteId: row.siteId,
    siteName: row.site?.name ?? null,
    partnerId: row.partnerId,
    title: row.title,
    description: row.description,
    category: row.category,
    severity: row.severity as Severity,
    status: row.status as CaseStatus,
    resolutionType: (row.resolutionType as ResolutionType | null) ?? null,
    resolution: row.resolution,
    fixPending: row.fixPending,
    fixVersion: row.fixVersion,
    language: row.language === "es" ? "es" : "en",
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    resolvedAt: row.resolvedAt,
    closedAt: row.closedAt,
    sla: {
      policy: row.slaPolicy,
      firstResponseDue: row.firstResponseDue,
      nextUpdateDue: row.nextUpdateDue,
      resolutionDue: row.resolutionDue,
      firstResponseAt: row.firstResponseAt,
      pausedAt: row.slaPausedAt,
      escalationLevel: row.escalationLevel,
      acknowledgedLevel: row.acknowledgedLevel,
      breaches: JSON.parse(row.breaches) as string[],
    },
  };
}

/** Loads one case by number, or undefined. */
export async function loadCase(tx: Tx, number: number): Promise<CaseView | undefined> {
  const row = await tx.case.findUnique({ where: { number }, include: caseInclude });
  return row ? toCaseView(row) : undefined;
}

/**
 * Loads one case by number in a single joined query on the driver (db/fast-sql.ts) — the read
 * behind every case card, so it skips Prisma's one-query-per-relation includes.
 */
export async function readCase(db: Database, number: number): Promise<CaseView | undefined> {
  const [row] = await db.fast
    .query(Prisma.sql`SELECT c.*, o.name AS "organizationName", r.name AS "requesterName", a.name AS "assigneeName",
      d.serial AS "deviceSerial", m.name AS "deviceModel", s.name AS "siteName"
    FROM "Case" c
    JOIN "Organization" o ON o.id = c."organizationId"
    JOIN "Person" r ON r.id = c."requesterId"
    LEFT JOIN "Person" a ON a.id = c."assigneeId"
    LEFT JOIN "Device" d ON d.id = c."deviceId"
    LEFT JOIN "ProductModel" m ON m.id = d."modelId"
    LEFT JOIN "Site" s ON s.id = c."siteId"
    WHERE c.number = ${number}`);
  if (!row) return undefined;
  const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
  const date = (value: unknown) => (value === null || value === undefined ? null : toDate(value));
  return {
    id: String(row.id),
    number: toNumber(row.number),
    ref: formatCaseRef(toNumber(row.number)),
    organizationId: String(row.organizationId),
    organizationName: String(row.organizationName),
    requesterId: String(row.requesterId),
    requesterName: String(row.requesterName),
    assigneeId: text(row.assigneeId),
    assigneeName: text(row.assigneeName),
    deviceId: text(row.deviceId),
    deviceSerial: text(row.deviceSerial),
    deviceModel: text(row.deviceModel),
    siteId: text(row.siteId),
    siteName: text(row.siteName),
    partnerId: text(row.partnerId),
    title: String(row.title),
    description: String(row.description),
    category: text(row.category),
    severity: String(row.severity) as Severity,
    status: String(row.status) as CaseStatus,
    resolutionType: text(row.resolutionType) as ResolutionType | null,
    resolution: text(row.resolution),
    // SQLite returns booleans as 0/1 through the raw driver.
    fixPending: row.fixPending === true || row.fixPending === 1 || row.fixPending === 1n,
    fixVersion: text(row.fixVersion),
    language: row.language === "es" ? "es" : "en",
    createdAt: toDate(row.createdAt),
    updatedAt: toDate(row.updatedAt),
    resolvedAt: date(row.resolvedAt),
    closedAt: date(row.closedAt),
    sla: {
      policy: text(row.slaPolicy),
      firstResponseDue: date(row.firstResponseDue),
      nextUpdateDue: date(row.nextUpdateDue),
      resolutionDue: date(row.resolutionDue),
      firstResponseAt: date(row.firstResponseAt),
      pausedAt: date(row.slaPausedAt),
      escalationLevel: toNumber(row.escalationLevel),
      acknowledgedLevel: toNumber(row.acknowledgedLevel),
      breaches: JSON.parse(String(row.breaches)) as string[],
    },
  };
}
