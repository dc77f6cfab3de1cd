/**
 * The bridge's commands, buttons, intents and webhooks, declared in bot/partners/index.ts. Thread
 * mode needs one more thing: a partner engineer's plain message in a case's partner thread is a
 * public comment on that case (shared threads are conversations, nobody types commands there), so
 * the feature looks at plain sentences before the conversation does.
 */
import type { Context } from "../context.ts";
import type { ButtonDeclaration, CommandDeclaration, IntentDeclaration, WebhookDeclaration } from "../feature.ts";
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
import { partnerFeature } from "./index.ts";

const everyone = "everyone" as const;

export const partnerCommands: CommandDeclaration[] = [
  {
    words: ["partners", "partner list", "lista de partners", "socios"],
    slots: "none",
    roles: everyone,
    handler: (ctx) => listPartners(ctx),
    action: "partner_agreement",
  },
  {
    words: ["partner", "partner ticket", "ticket partner", "incidencia partner"],
    slots: "case",
    roles: everyone,
    handler: partnerCommand,
    action: "partner_ticket",
  },
  {
    words: ["agreement", "acuerdo", "partner agreement", "acuerdo partner"],
    slots: "text",
    roles: everyone,
    handler: agreementCommand,
    action: "partner_agreement",
  },
  { words: ["partner status", "estado partner"], slots: "text", roles: ["partner"], handler: partnerStatusCommand },
  { words: ["partner tracking", "seguimiento partner"], slots: "text", roles: ["partner"], handler: trackingCommand },
  { words: ["joint call", "llamada conjunta"], slots: "text", roles: everyone, handler: jointCallCommand, action: "joint_call" },
  { words: ["partner connect", "conectar partner"], slots: "text", roles: ["engineer", "manager"], handler: connectCommand },
];

export const partnerButtons: ButtonDeclaration[] = [
  { id: "partner.request", handler: requestAction },
  { id: "partner.confirm", handler: confirmAction },
  { id: "partner.no_agreement", handler: noAgreementAction },
  { id: "partner.call", handler: jointCallAction },
];

export const partnerIntents: IntentDeclaration[] = [{ intent: "partner_ticket", handler: partnerTicketIntent }];

export const partnerWebhooks: WebhookDeclaration[] = [
  { source: "partner", handler: partnerEventWebhook },
  { source: "partner-connector", handler: connectorReportWebhook },
];

/** A partner engineer writing in their case's shared thread is talking to the case. */
export function partnerThreadsFirst(next: ConversationHandler): ConversationHandler {
  return async (ctx: Context, router: Router) => {
    if (ctx.event.kind === "message" && ctx.viewer?.role === "partner" && ctx.text.trim()) {
      const view = await ctx.services.cases.findByThread(ctx.person, ctx.event.conversation);
      if (view) {
        // Their name carries their side on the customer's side of the mirror.
        const partner = ctx.person.partnerId
          ? await ctx.services.features.get(partnerFeature)?.registry.get(ctx.person.partnerId)
          : undefined;
        const author = partner ? { ...ctx.person, name: withSide(ctx.person.name, partner.name) } : ctx.person;
        await ctx.services.cases.comment(author, view.number, ctx.text, "public", ctx.origin);
        return;
      }
    }
    return next(ctx, router);
  };
}
