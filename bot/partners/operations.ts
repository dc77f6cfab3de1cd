/**
 * What an outbox message for a webhook partner stands for. Messages to the `partner` platform
 * are written by the case notifications (`case:<case id>:<event id>:<n>` — a public comment or
 * status change of a case shared with the partner) and by the bridge (`partner:open:…` to open a
 * ticket, `partner:evt:<entry id>:<n>` for a joint-call request). The partner deliverer asks here
 * for the operation, built from the database when it is sent, and carries it out.
 *
 * Internal notes never reach a partner: the case notifications do not address them to partner
 * threads, and an internal event that got here anyway is skipped.
 */
import { Prisma, type Database } from "../../db/client.ts";
import { toDate, type Row } from "../../db/fast-sql.ts";
import type { OutboundDelivery } from "../events.ts";
import { caseById, ticketReference } from "./deps.ts";
import { sideOf } from "./webhook/people.ts";
import type { PartnerRegistry } from "./registry/service.ts";
import type { Author, PartnerOperation, PartnerRecord } from "./types.ts";

const OPEN_KEY = /^partner:open:([0-9a-f-]{36}):(\d+)$/;
const CASE_EVENT_KEY = /^case:[0-9a-f-]{36}:([0-9a-f-]{36}):\d+$/;
const ENTRY_KEY = /^partner:evt:([0-9a-f-]{36}):\d+$/;
const LINK = /https?:\/\/[^\s<>()"']+/g;

export class PartnerOperations {
  constructor(
    private readonly db: Database,
    private readonly registry: PartnerRegistry,
  ) {}

  /** The operation a delivery to the `partner` platform stands for. */
  async operationFor(delivery: Pick<OutboundDelivery, "idempotencyKey" | "message">): Promise<PartnerOperation> {
    const partner = await this.registry.get(delivery.message.target.conversationId);
    if (!partner) return { kind: "skip", reason: `unknown partner ${delivery.message.target.conversationId}` };
    const key = delivery.idempotencyKey;
    const open = OPEN_KEY.exec(key);
    if (open) return this.create(partner, open[1]!, Number(open[2]));
    const eventId = CASE_EVENT_KEY.exec(key)?.[1] ?? ENTRY_KEY.exec(key)?.[1];
    const ticket = delivery.message.target.threadId;
    if (!eventId || !ticket) return { kind: "skip", reason: `not a partner operation: ${key}` };
    return this.fromEvent(partner, ticket, eventId);
  }

  /** Remembers a comment we posted at the partner, so its echo is never mirrored back. */
  async rememberOutbound(partnerId: string, externalCommentId: string, caseEventId: string): Promise<void> {
    await this.db.fast.query(Prisma.sql`INSERT INTO "PartnerMirror" ("partnerId", "externalId", "caseEventId", "createdAt")
      VALUES (${partnerId}, ${externalCommentId}, ${caseEventId}, ${new Date()}) ON CONFLICT ("partnerId", "externalId") DO NOTHING`);
  }

  private async create(partner: PartnerRecord, ticketId: string, request: number): Promise<PartnerOperation> {
    const row = await this.db.prisma.partnerTicket.findUnique({ where: { id: ticketId } });
    // A later request replaced this one (it was refused or failed, and asked for again).
    if (!row || row.request !== request || row.status !== "opening" || row.partnerId !== partner.id)
      return { kind: "skip", reason: "ticket request superseded" };
    const view = await caseById(this.db.prisma, row.caseId);
    if (!view) return { kind: "skip", reason: "case gone" };
    const requester = await this.db.prisma.person.findUnique({ where: { id: view.requesterId }, select: { name: true, email: true } });
    const by = row.requestedById ? await this.author(row.requestedById) : { name: "Switchboard", side: "vendor" as const };
    return {
      kind: "create",
      partner,
      request: {
        reference: ticketReference(row),
        case: {
          ref: view.ref,
          title: view.title,
          description: view.description,
          severity: view.severity,
          category: view.category,
          device: view.deviceSerial ? `${view.deviceModel ?? ""} ${view.deviceSerial}`.trim() : null,
          site: view.siteName,
          openedAt: view.createdAt.toISOString(),
          language: view.language,
        },
        customer: {
          organization: view.organizationName,
          agreementReference: row.agreementRef,
          contact: { name: requester?.name ?? view.requesterName, email: requester?.email ?? null },
        },
        findings: row.findings,
        requestedBy: by,
      },
    };
  }

  private async fromEvent(partner: PartnerRecord, ticket: string, eventId: string): Promise<PartnerOperation> {
    // Every message mirrored to a partner passes here: the event, its author and the case's
    // status in one statement.
    const [event] = await this.db.fast
      .query(Prisma.sql`SELECT e.id, e.kind, e.visibility, e.body, e.data, e."createdAt", c.status AS "caseStatus",
        p.name AS "actorName", p.role AS "actorRole", o.name AS "organizationName", pa.name AS "partnerName"
      FROM "CaseEvent" e JOIN "Case" c ON c.id = e."caseId"
        LEFT JOIN "Person" p ON p.id = e."actorId" LEFT JOIN "Organization" o ON o.id = p."organizationId" LEFT JOIN "Partner" pa ON pa.id = p."partnerId"
      WHERE e.id = ${eventId}`);
    if (!event) return { kind: "skip", reason: "case event gone" };
    if (event.visibility !== "public") return { kind: "skip", reason: "internal events never reach a partner" };
    const by = authorOf(event);
    const data = parse(event.data as string | null);
    const body = (event.body as string | null) ?? "";
    const caseStatus = String(event.caseStatus);
    const status = (status: "resolved" | "closed" | "reopened" | "updated"): PartnerOperation => ({
      kind: "status",
      partner,
      ticket,
      change: {
        id: eventId,
        status,
        caseStatus: typeof data.to === "string" && status === "updated" ? data.to : caseStatus,
        note: body || null,
        by,
      },
    });
    switch (event.kind) {
      case "comment":
        return {
          kind: "comment",
          partner,
          ticket,
          comment: {
            id: eventId,
            author: by,
            body,
            attachments: [...new Set(body.match(LINK) ?? [])].map((url) => ({ url })),
            createdAt: toDate(event.createdAt).toISOString(),
          },
        };
      case "resolved":
      case "closed":
      case "reopened":
        return status(event.kind);
      case "status":
      case "severity":
        return status("updated");
      case "partner":
        if (data.op === "call")
          return {
            kind: "call",
            partner,
            ticket,
            call: { id: eventId, requestedBy: by, when: typeof data.when === "string" ? data.when : null },
          };
        return { kind: "skip", reason: `bridge entry ${String(data.op)} is not for the partner` };
      default:
        return { kind: "skip", reason: `${String(event.kind)} is not mirrored to partners` };
    }
  }

  private async author(personId: string): Promise<Author> {
    const person = await this.db.prisma.person.findUnique({
      where: { id: personId },
      select: { name: true, role: true, organization: { select: { name: true } }, partner: { select: { name: true } } },
    });
    if (!person) return { name: "Switchboard", side: "vendor" };
    const side = sideOf(person.role);
    const organization = side === "customer" ? person.organization?.name : side === "partner" ? person.partner?.name : undefined;
    return { name: person.name, side, ...(organization ? { organization } : {}) };
  }
}

/** The author of an event row (no actor: the bot itself, on support's side). */
function authorOf(row: Row): Author {
  if (!row.actorName) return { name: "Switchboard", side: "vendor" };
  const side = sideOf(row.actorRole as string);
  const organization = side === "customer" ? row.organizationName : side === "partner" ? row.partnerName : undefined;
  return { name: String(row.actorName), side, ...(typeof organization === "string" ? { organization } : {}) };
}

function parse(text: string | null): Record<string, unknown> {
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
