/**
 * The partner's side of an open ticket, coming in: comments (and their edits and deletions),
 * status changes and the tracking number. Comments become public case comments authored by the
 * partner's engineer, so the case notifications mirror them to the customer and the engineers —
 * and not back to the partner, because their origin is the partner's thread. A comment that is
 * our own message coming back (marked `origin: switchboard`, or recorded in the mirror ledger when
 * we posted it) is dropped: that is what stops loops.
 */
import { Prisma } from "../../../db/client.ts";
import { toNumber } from "../../../db/fast-sql.ts";
import { policy, type Viewer } from "../../authz.ts";
import { DomainError, forbidden } from "../../errors.ts";
import { translator } from "../../i18n/index.ts";
import type { CaseView } from "../../cases/view.ts";
import type { Origin } from "../../cases/service.ts";
import { ticketReference } from "../card.ts";
import { caseWithOpenTicket, type BridgeDeps } from "../deps.ts";
import type { PartnerEventComment } from "./events.ts";
import { bridgeViewer, partnerAuthor, partnerViewer, type PartnerAuthorInput } from "./people.ts";
import type { Referrals } from "../tickets/referrals.ts";
import type { TicketService } from "../tickets/service.ts";
import { recordBridgeEvent } from "../timeline.ts";
import type { PartnerRecord, PartnerStatus, TicketView } from "../types.ts";

export type CommentOutcome = "mirrored" | "own" | "unknown";

/** The origin key of a partner comment: one per comment id, whatever event carries it. */
export const partnerCommentKey = (partnerId: string, commentId: string) => `partner:${partnerId}:comment:${commentId}`;

const AUTHOR_TTL_MS = 60_000;

export class PartnerSync {
  private readonly authors = new Map<string, { at: number; viewer: Viewer }>();

  constructor(
    private readonly deps: BridgeDeps,
    private readonly tickets: TicketService,
    private readonly referrals: Referrals,
  ) {}

  /** A comment created, edited or deleted at the partner. */
  async comment(
    partnerId: string,
    externalId: string,
    change: "created" | "updated" | "deleted",
    comment: PartnerEventComment,
    origin: Origin,
  ): Promise<CommentOutcome> {
    const { db, registry, cases } = this.deps;
    if (comment.origin?.system === "switchboard") return "own";
    // Every mirrored partner comment passes here: one statement tells whether it is our own
    // coming back and which case its ticket is.
    const [row] = await db.fast.query(Prisma.sql`SELECT c.number, c.language,
        (SELECT COUNT(*) FROM "PartnerMirror" m WHERE m."partnerId" = ${partnerId} AND m."externalId" = ${comment.id}) AS own
      FROM "PartnerTicket" t JOIN "Case" c ON c.id = t."caseId" WHERE t."partnerId" = ${partnerId} AND t."externalId" = ${externalId}`);
    if (row && toNumber(row.own) > 0) return "own";
    const partner = await registry.get(partnerId);
    if (!row || !partner) return "unknown";
    const author = comment.author ? await this.authorOf(partner, comment.author) : partnerViewer(partner);
    const number = toNumber(row.number);
    const t = translator(row.language === "es" ? "es" : "en");
    const key = partnerCommentKey(partnerId, comment.id);
    let body: string;
    if (change === "created") body = withAttachments(comment.body ?? "", comment.attachments);
    else if (change === "updated") body = t("ecps.comment.edited", { body: withAttachments(comment.body ?? "", comment.attachments) });
    else {
      const original = await db.prisma.caseEvent.findUnique({ where: { originKey: `${key}:comment` }, select: { body: true } });
      body = t("ecps.comment.deleted", { excerpt: (original?.body ?? "").slice(0, 80) });
    }
    await cases.comment(author, number, body, "public", {
      platform: "partner",
      conversation: origin.conversation,
      originKey: change === "created" ? key : `${origin.originKey}:${change}`,
    });
    return "mirrored";
  }

  /** The partner engineer behind a comment; remembered for a minute, as comments come in bursts. */
  private async authorOf(partner: PartnerRecord, input: PartnerAuthorInput): Promise<Viewer> {
    const key = `${partner.id}\u0000${input.id ?? ""}\u0000${input.email ?? ""}\u0000${input.name}`;
    const now = this.deps.clock.now().getTime();
    const cached = this.authors.get(key);
    if (cached && now - cached.at < AUTHOR_TTL_MS) return cached.viewer;
    const viewer = await partnerAuthor(this.deps.db, this.deps.clock, partner, input);
    if (this.authors.size > 10_000) this.authors.clear();
    this.authors.set(key, { at: now, viewer });
    return viewer;
  }

  /** The partner's ticket changed status (its webhook, or a partner engineer's `partner status`). */
  async status(
    partner: PartnerRecord,
    found: { ticket: TicketView; view: CaseView },
    status: PartnerStatus,
    note: string | undefined,
    actor: Viewer,
    origin: Origin,
  ): Promise<void> {
    const { ticket, view } = found;
    if (status === "refused") {
      await this.referrals.refusedLater(ticket, note, origin);
      return;
    }
    const now = this.deps.clock.now();
    const text = (lang: "en" | "es", key: "ecps.entry.status" | "ecps.status.engineers") =>
      translator(lang)(key, {
        partner: partner.name,
        tracking: ticketReference(translator(lang), view, partner, ticket),
        case: view.ref,
        status: translator(lang)(`ecps.ticketStatus.${status}`),
        note: note ?? "",
      }).trim();
    // The resolution itself reaches the customer as the case's resolution, with its buttons.
    const customerHears = status === "in_progress" || status === "closed" || status === "open";
    await this.deps.db.prisma.$transaction(async (tx) => {
      await tx.partnerTicket.update({ where: { id: ticket.id }, data: { status, updatedAt: now } });
      await recordBridgeEvent(
        tx,
        this.deps.directory,
        view,
        {
          entry: {
            actorId: actor.personId,
            body: text(view.language, "ecps.entry.status"),
            data: { op: "status", partner: partner.id, status, note: note ?? null },
            originKey: origin.originKey ? `${origin.originKey}:partner.status` : null,
          },
          audit: {
            actor,
            platform: origin.platform,
            action: "partner.ticket.status",
            before: { status: ticket.status },
            after: { status, note: note ?? null, partner: partner.id },
          },
          notice: {
            customer: customerHears
              ? (tc) => ({
                  text: tc(`ecps.status.${status}`, {
                    partner: partner.name,
                    tracking: ticketReference(tc, view, partner, ticket),
                    case: view.ref,
                    note: note ?? "",
                  }).trim(),
                })
              : undefined,
            engineers: () => text("en", "ecps.status.engineers"),
          },
          except: origin.conversation,
        },
        now,
      );
    });
    this.deps.kick();
    await this.moveCase(partner, found, status, note, origin);
  }

  /** `partner status CS-… <status>`: a partner engineer of that partner (thread mode), or support. */
  async statusAsPerson(
    viewer: Viewer,
    number: number,
    status: PartnerStatus,
    note: string | undefined,
    origin: Origin,
  ): Promise<{ view: CaseView; partner: PartnerRecord }> {
    const { ticket, view, partner } = await this.partnerSide(viewer, number);
    await this.status(partner, { ticket, view }, status, note, viewer, origin);
    return { view, partner };
  }

  /** The partner's tracking number, given in the shared thread (thread mode) or by support. */
  async tracking(
    viewer: Viewer,
    number: number,
    trackingNumber: string,
    origin: Origin,
  ): Promise<{ view: CaseView; partner: PartnerRecord }> {
    const { ticket, view, partner } = await this.partnerSide(viewer, number);
    const now = this.deps.clock.now();
    const tracking = trackingNumber.trim().slice(0, 100);
    await this.deps.db.prisma.$transaction(async (tx) => {
      await tx.partnerTicket.update({ where: { id: ticket.id }, data: { trackingNumber: tracking, updatedAt: now } });
      await recordBridgeEvent(
        tx,
        this.deps.directory,
        view,
        {
          entry: {
            actorId: viewer.personId,
            body: translator(view.language)("ecps.entry.tracking", { partner: partner.name, tracking }),
            data: { op: "tracking", partner: partner.id, tracking },
            originKey: origin.originKey ? `${origin.originKey}:tracking` : null,
          },
          audit: {
            actor: viewer,
            platform: origin.platform,
            action: "partner.ticket.tracking",
            before: { tracking: ticket.trackingNumber },
            after: { tracking },
          },
          notice: {
            customer: (t) => ({ text: t("ecps.tracking.customer", { partner: partner.name, case: view.ref, tracking }) }),
            engineers: (en) => en("ecps.tracking.customer", { partner: partner.name, case: view.ref, tracking }),
          },
          except: origin.conversation,
        },
        now,
      );
    });
    this.deps.kick();
    return { view, partner };
  }

  /** The case follows the partner's ticket: waiting on them, back to us, or resolved with a partner fix. */
  private async moveCase(
    partner: PartnerRecord,
    found: { ticket: TicketView; view: CaseView },
    status: PartnerStatus,
    note: string | undefined,
    origin: Origin,
  ): Promise<void> {
    const { cases } = this.deps;
    const number = found.view.number;
    const as = bridgeViewer(partner);
    const from = {
      platform: "partner" as const,
      conversation: origin.conversation,
      originKey: origin.originKey ? `${origin.originKey}:case` : undefined,
    };
    try {
      if (status === "open" || status === "in_progress")
        await this.tickets.waitOnPartner(number, partner, found.ticket.externalId ?? undefined, origin);
      else if (status === "waiting_vendor") await cases.setStatus(as, number, "open", from);
      else if (status === "closed" && found.view.status === "waiting_partner") await cases.setStatus(as, number, "open", from);
      else if (status === "resolved") {
        const t = translator(found.view.language);
        const tracking = ticketReference(t, found.view, partner, found.ticket);
        const resolution = note?.trim() || t("ecps.resolution.default", { partner: partner.name, tracking });
        await cases.resolve(as, number, "partner_fix", resolution, from);
      }
    } catch (error) {
      // A case already resolved or closed on our side keeps its state; the timeline has the partner's word.
      if (!(error instanceof DomainError)) throw error;
    }
  }

  /** The open ticket of a case, for a person acting for the partner side. */
  private async partnerSide(viewer: Viewer, number: number): Promise<{ ticket: TicketView; view: CaseView; partner: PartnerRecord }> {
    const { ticket, view, partner } = await caseWithOpenTicket(this.deps, viewer, number);
    const mayAct = policy.isSupport(viewer) || (viewer.role === "partner" && viewer.partnerId === ticket.partnerId);
    if (!mayAct) throw forbidden("ecps.error.partnerSide", { partner: partner.name });
    return { ticket, view, partner };
  }
}

function withAttachments(body: string, attachments: { name?: string; url: string }[] | undefined): string {
  const links = (attachments ?? []).map((a) => `📎 ${a.name ?? "attachment"}: ${a.url}`);
  return [body.trim(), ...links].filter(Boolean).join("\n");
}
