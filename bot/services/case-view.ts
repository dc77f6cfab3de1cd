/** Loading cases as the rest of the bot sees them: one shape for cards, lists and notifications. */
import type { Prisma, Tx } from "../../db/client.ts";
import type { Language } from "../events.ts";
import { formatCaseRef, type CaseStatus, type ResolutionType, type Severity } from "./case-refs.ts";

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
