/**
 * Searching the audit log in chat: "audit CS-10422", "audit NB5-2231987", "audit last 24h by
 * @ana", "auditoria ultimos 7 dias por @irene", "audit denied last 24h" (refusals). A customer's
 * admin sees their organization's entries about what the customer may see — never internal notes
 * or escalation internals, never internal ids; the vendor's engineers and managers see every
 * entry, refusals included. People are matched by name, e-mail, import key or chat identity.
 */
import type { Database } from "../../../db/client.ts";
import { policy, type Viewer } from "../../authz.ts";
import { DENIED_ACTION } from "../../audit/denied.ts";
import type { Platform } from "../../../core/vocabulary.ts";
import { forbidden } from "../../errors.ts";
import { customerVisible, redactForCustomer } from "../../audit/customer-view.ts";
import { formatCaseRef } from "../../cases/refs.ts";
import { nameScore } from "../../people/names.ts";
import { fold, serialTokens } from "../../portal/products.ts";

export interface AuditQuery {
  /** A case ref or a serial. */
  subject?: string;
  since?: Date;
  /** Who acted, as written ("ana", "<@U0IRENE>"). */
  actor?: string;
  /** Only refused actions ("audit denied …"). */
  denied?: boolean;
}

export interface AuditHit {
  seq: number;
  chainIndex: number | null;
  at: Date;
  actorLabel: string;
  platform: string;
  action: string;
  subjectType: string;
  subjectId: string;
  before: string | null;
  after: string | null;
}

const UNITS: Record<string, number> = {
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  hour: 3_600_000,
  hora: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  dia: 86_400_000,
  w: 604_800_000,
  week: 604_800_000,
  semana: 604_800_000,
};

/** Reads the words after "audit" into a query (what it cannot read is ignored, not guessed). */
export function parseAuditQuery(text: string, now: Date): AuditQuery {
  const folded = fold(text);
  const query: AuditQuery = {};
  if (/\b(denied|refused|refusals|denegad[oa]s?|rechazad[oa]s?)\b/.test(folded)) query.denied = true;
  const caseRef = /\bcs\s?(\d{5,7})\b/.exec(folded);
  const [serial] = serialTokens(text);
  if (caseRef) query.subject = formatCaseRef(Number(caseRef[1]));
  else if (serial) query.subject = serial.toUpperCase();
  const last = /\b(?:last|past|ultim[oa]s?|pasad[oa]s?)\s+(\d+)?\s?(m|min|h|hour|hora|d|day|dia|w|week|semana)s?\b/.exec(folded);
  if (last) query.since = new Date(now.getTime() - Number(last[1] ?? 1) * UNITS[last[2]!]!);
  else if (/\b(today|hoy)\b/.test(folded)) query.since = new Date(`${now.toISOString().slice(0, 10)}T00:00:00Z`);
  const since = /\b(?:since|desde)\s+(\d{4}-\d{2}-\d{2})\b/.exec(text);
  if (since) query.since = new Date(`${since[1]}T00:00:00Z`);
  const actor = /(?:^|\s)(?:by|por)\s+(<@[^<>]+>|@?[\p{L}\p{N}._-]+)/iu.exec(text) ?? /(?:^|\s)(<@[^<>]+>|@[\p{L}\p{N}._-]+)/u.exec(text);
  if (actor) query.actor = actor[1]!.replace(/^@/, "");
  return query;
}

/** Who may search, and in which organization's entries (null = all, the vendor's full view). */
export function auditScope(viewer: Viewer): string | null {
  if (policy.isSupport(viewer)) return null;
  if (viewer.organizationId && policy.canManageOrganization(viewer, viewer.organizationId)) return viewer.organizationId;
  throw forbidden("audit.forbidden");
}

/** The people a written name can mean: chat identity, import key, e-mail, or a word of the name. */
export async function matchPeople(db: Database, scope: string | null, platform: Platform, written: string): Promise<string[]> {
  const mention = /^<@([^>|]+)/.exec(written);
  const handle = mention ? mention[1]! : written;
  const identities = await db.prisma.platformIdentity.findMany({
    where: { externalId: handle, ...(mention ? { platform } : {}) },
    select: { personId: true },
  });
  // An admin's entries are written by their own people and by the vendor's engineers.
  const people = await db.prisma.person.findMany({
    where: scope ? { OR: [{ organizationId: scope }, { organizationId: null }] } : {},
    select: { id: true, key: true, name: true, email: true },
  });
  // Everyone the handle could mean (key, e-mail, full name or a word of it; accents and case aside), not only the best.
  const byName = people.filter((p) => nameScore(p, handle) >= 2);
  return [...new Set([...identities.map((i) => i.personId), ...byName.map((p) => p.id)])];
}

/** Entries matching the query, newest first, and how many match in all. */
export async function searchAudit(
  db: Database,
  scope: string | null,
  query: AuditQuery & { actorIds?: string[] },
  limit = 15,
): Promise<{ hits: AuditHit[]; total: number }> {
  const where = {
    ...(scope ? { organizationId: scope } : {}),
    ...(query.since ? { at: { gte: query.since } } : {}),
    ...(query.actorIds ? { actorId: { in: query.actorIds } } : {}),
    ...(query.denied ? { action: DENIED_ACTION } : {}),
    AND: [
      // A bulk registration is one entry listing its serials: match inside it too.
      ...(query.subject ? [{ OR: [{ subjectId: query.subject }, { after: { contains: `"${query.subject}"` } }] }] : []),
      ...(scope ? [customerVisible] : []),
    ],
  };
  const [rows, total] = await Promise.all([
    db.prisma.auditLog.findMany({ where, orderBy: { seq: "desc" }, take: limit }),
    db.prisma.auditLog.count({ where }),
  ]);
  return { hits: scope ? rows.map(redactForCustomer) : rows, total };
}
