/**
 * Partner events, as `webhook` InboundEvents: from the partner's system (source `partner`, via
 * POST /webhooks/partners/:partner, delivery id `<partner>:<event id>`) and from our own connector
 * reporting how opening a ticket went (source `partner-connector`). The core's dedupe has already
 * dropped a repeated event id; everything below is idempotent by origin key besides.
 *
 * Nothing here replies: the event's conversation is the partner's ticket, and an answer would be
 * queued to the partner. Refusals are logged instead.
 */
import type { Context } from "../../context.ts";
import { DomainError } from "../../errors.ts";
import { ticketByExternal } from "../deps.ts";
import { bridgeOf } from "../tickets/handlers.ts";
import { partnerEventSchema, type ConnectorReport, type PartnerEvent, type PartnerWebhookBody } from "./events.ts";
import { partnerAuthor, partnerViewer } from "./people.ts";

/** Source `partner`: an event from the partner's ticket system. */
export async function partnerEventWebhook(ctx: Context): Promise<void> {
  const body = ctx.event.kind === "webhook" ? (ctx.event.body as PartnerWebhookBody) : undefined;
  const parsed = partnerEventSchema.safeParse(body?.event);
  if (!body || !parsed.success) return void ctx.log.warn({ body }, "malformed partner event ignored");
  await guarded(ctx, () => applyPartnerEvent(ctx, body.partner, parsed.data));
}

/** Source `partner-connector`: our connector's report on opening a ticket. */
export async function connectorReportWebhook(ctx: Context): Promise<void> {
  const body = ctx.event.kind === "webhook" ? (ctx.event.body as { partner: string; event: ConnectorReport }) : undefined;
  if (!body) return;
  const { tickets, referrals } = bridgeOf(ctx);
  const report = body.event;
  await guarded(ctx, async () => {
    if (report.type === "ticket.created")
      await tickets.opened(
        body.partner,
        report.reference,
        { ticket: report.ticket, trackingNumber: report.trackingNumber, url: report.url },
        ctx.origin,
      );
    else if (report.type === "ticket.refused")
      await referrals.notOpened(body.partner, report.reference, { code: "refused", detail: report.reason }, ctx.origin);
    else await referrals.notOpened(body.partner, report.reference, { code: report.reason, detail: report.detail }, ctx.origin);
  });
}

async function applyPartnerEvent(ctx: Context, partnerId: string, event: PartnerEvent): Promise<void> {
  const bridge = bridgeOf(ctx);
  const partner = await bridge.registry.get(partnerId);
  if (!partner) return void ctx.log.warn({ partner: partnerId }, "event from an unknown partner ignored");
  const origin = ctx.origin;
  switch (event.type) {
    case "ticket.created": {
      const outcome = await bridge.tickets.opened(
        partner.id,
        event.reference,
        { ticket: event.ticket, trackingNumber: event.trackingNumber, url: event.url },
        origin,
      );
      if (outcome === "stale") ctx.log.warn({ reference: event.reference }, "ticket.created for no pending request");
      return;
    }
    case "ticket.refused":
      await bridge.referrals.notOpened(partner.id, event.reference, { code: "refused", detail: event.reason }, origin);
      return;
    case "comment.created":
    case "comment.updated":
    case "comment.deleted": {
      const change = event.type.slice("comment.".length) as "created" | "updated" | "deleted";
      const outcome = await bridge.sync.comment(partner.id, event.ticket, change, event.comment, origin);
      ctx.log.debug({ outcome, comment: event.comment.id }, "partner comment");
      if (outcome === "unknown") ctx.log.warn({ ticket: event.ticket }, "comment on an unknown partner ticket ignored");
      return;
    }
  }
  const found = await ticketByExternal(ctx.services.db.prisma, partner.id, event.ticket);
  if (!found) return void ctx.log.warn({ ticket: event.ticket, type: event.type }, "event about an unknown partner ticket ignored");
  if (event.type === "ticket.status") {
    const actor = event.author ? await partnerAuthor(ctx.services.db, ctx.services.clock, partner, event.author) : partnerViewer(partner);
    await bridge.sync.status(partner, found, event.status, event.note, actor, origin);
  } else await bridge.calls.scheduled(partner, found, event.call, origin);
}

/** Runs an event's work; a domain refusal is logged (never answered, see above). */
async function guarded(ctx: Context, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    ctx.log.warn({ code: error.code, key: error.messageKey, params: error.params }, "partner event refused");
  }
}
