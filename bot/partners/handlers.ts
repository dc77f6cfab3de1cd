/**
 * The bridge's handlers, registered on the router with `registerPartnerHandlers(router)` (one
 * line in bot/handlers/index.ts). Thread mode needs one more thing from the router: a partner
 * engineer's plain message in a case's partner thread is a public comment on that case (shared
 * threads are conversations, nobody types commands there), so the conversation handler is
 * wrapped to look at that first.
 */
import type { Context } from "../context.ts";
import { converse } from "../handlers/conversation.ts";
import type { ConversationHandler, Router } from "../router.ts";
import {
  agreementCommand,
  connectCommand,
  jointCallAction,
  jointCallCommand,
  listPartners,
  partnerStatusCommand,
  trackingCommand,
} from "./registry/handlers.ts";
import { confirmAction, noAgreementAction, partnerCommand, partnerTicketIntent, requestAction } from "./tickets/handlers.ts";
import { connectorReportWebhook, partnerEventWebhook } from "./webhook/handlers.ts";
import { withSide } from "./webhook/people.ts";

export function registerPartnerHandlers(router: Router): void {
  router
    .command(["partners", "partner list", "lista de partners", "socios"], "none", (ctx) => listPartners(ctx))
    .command(["partner", "partner ticket", "ticket partner", "incidencia partner"], "case", partnerCommand)
    .command(["agreement", "acuerdo", "partner agreement", "acuerdo partner"], "text", agreementCommand)
    .command(["partner status", "estado partner"], "text", partnerStatusCommand)
    .command(["partner tracking", "seguimiento partner"], "text", trackingCommand)
    .command(["joint call", "llamada conjunta"], "text", jointCallCommand)
    .command(["partner connect", "conectar partner"], "text", connectCommand)
    .action("partner.request", requestAction)
    .action("partner.confirm", confirmAction)
    .action("partner.no_agreement", noAgreementAction)
    .action("partner.call", jointCallAction)
    .intent("partner_ticket", partnerTicketIntent)
    .webhook("partner", partnerEventWebhook)
    .webhook("partner-connector", connectorReportWebhook)
    .otherwise(partnerThreadsFirst(converse));
}

/** A partner engineer writing in their case's shared thread is talking to the case. */
export function partnerThreadsFirst(next: ConversationHandler): ConversationHandler {
  return async (ctx: Context, router: Router) => {
    if (ctx.event.kind === "message" && ctx.viewer?.role === "partner" && ctx.text.trim()) {
      const view = await ctx.services.cases.findByThread(ctx.person, ctx.event.conversation);
      if (view) {
        // Their name carries their side on the customer's side of the mirror.
        const partner = ctx.person.partnerId ? await ctx.services.partners?.registry.get(ctx.person.partnerId) : undefined;
        const author = partner ? { ...ctx.person, name: withSide(ctx.person.name, partner.name) } : ctx.person;
        await ctx.services.cases.comment(author, view.number, ctx.text, "public", ctx.origin);
        return;
      }
    }
    return next(ctx, router);
  };
}
