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
import type { Database } from "../../db/client.ts";
import type { OutboundDelivery } from "../events.ts";
import { caseById } from "./deps.ts";
import { sideOf } from "./partner-people.ts";
import type { PartnerRegistry } from "./registry.ts";
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
    await this.db.prisma.$executeRaw`INSERT INTO "PartnerMirror" ("partnerId", "externalId", "caseEventId", "createdAt")
      VALUES (${partnerId}, ${externalCommentId}, ${caseEventId}, ${new Date()}) ON CONFLICT ("partnerId", "externalId") DO NOTHING`;
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
        reference: `${row.id}:${row.request}`,
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
    const event = await this.db.prisma.caseEvent.findUnique({ where: { id: eventId } });
    if (!event) return { kind: "skip", reason: "case event gone" };
    if (event.visibility !== "public") return { kind: "skip", reason: "internal events never reach a partner" };
    const by = event.actorId ? await this.author(event.actorId) : { name: "Switchboard", side: "vendor" as const };
    const data = parse(event.data);
    const note = event.body ?? null;
    const caseStatus = (await this.db.prisma.case.findUnique({ where: { id: event.caseId }, select: { status: true } }))?.status ?? "";
    const status = (status: "resolved" | "closed" | "reopened" | "updated"): PartnerOperation => ({
      kind: "status",
      partner,
      ticket,
      change: { id: event.id, status, caseStatus: typeof data.to === "string" && status === "updated" ? data.to : caseStatus, note, by },
    });
    switch (event.kind) {
      case "comment":
        return {
          kind: "comment",
          partner,
          ticket,
          comment: {
            id: event.id,
            author: by,
            body: event.body ?? "",
            attachments: [...new Set((event.body ?? "").match(LINK) ?? [])].map((url) => ({ url })),
            createdAt: event.createdAt.toISOString(),
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
            call: { id: event.id, requestedBy: by, when: typeof data.when === "string" ? data.when : null },
          };
        return { kind: "skip", reason: `bridge entry ${String(data.op)} is not for the partner` };
      default:
        return { kind: "skip", reason: `${event.kind} is not mirrored to partners` };
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

function parse(text: string | null): Record<string, unknown> {
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
