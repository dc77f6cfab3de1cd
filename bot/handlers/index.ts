/**
 * The handler table: the kernel's commands, then every feature's declared commands, buttons,
 * intents and webhooks (bot/feature.ts), in the order of the feature list. A feature's command
 * is added in its own index.ts; docs/architecture.md has the recipe.
 */
import type { Feature } from "../feature.ts";
import { Router, type ConversationHandler } from "../router.ts";
import { reopenAction, takeAction, viewCaseAction, worksNowAction } from "../cases/actions.ts";
import {
  caseCommand,
  closeCommand,
  commentCommand,
  listCases,
  reopenCommand,
  resolveCommand,
  severityCommand,
  statusCommand,
  takeCommand,
} from "../cases/handlers.ts";
import { createConversation, type Conversation } from "./conversation.ts";
import { kernelActions } from "./actions.ts";
import { ADD_TO_CASE_ACTION, addToCaseAction } from "../cases/thread.ts";
import { showHelp } from "./help.ts";
import { listQuarantine } from "./quarantine.ts";
import {
  acknowledgeAction,
  acknowledgeCommand,
  escalateAction,
  escalateCommand,
  escalateIntent,
  reassignAction,
  reassignCommand,
} from "../escalations/handlers.ts";
import { listUndelivered } from "./outbox.ts";
import { clockCommand } from "./demo-clock.ts";
import { showBreaches, showEscalations } from "../escalations/views.ts";

/** The router of the kernel's commands and of `features` (app/features.ts). */
export function createRouter(features: readonly Feature[] = []): Router {
  return createRouting(features).router;
}

/** The router and the conversation it ends in (the route evaluation reads both). */
export function createRouting(features: readonly Feature[] = []): { router: Router; conversation: Conversation } {
  const router = new Router()
    .command(["help", "ayuda", "?", "menu"], "none", (ctx) => showHelp(ctx), "help")
    .command(["cases", "casos", "my cases", "mis casos"], "none", listCases, "case_list")
    .command(["case", "caso", "show", "ver", "ver caso"], "case", caseCommand, "case_status")
    .command(["comment", "comentar", "comentario", "reply", "responder"], "case", commentCommand, "case_comment")
    .command(
      ["note", "nota", "internal note", "nota interna"],
      "case",
      (ctx, args) => commentCommand(ctx, { ...args, verb: "note" }),
      "note",
    )
    .command(["status", "estado", "set status"], "case", statusCommand, "case_status")
    .command(["severity", "severidad", "priority", "prioridad"], "case", severityCommand, "case_severity")
    .command(["resolve", "resolver", "solve"], "case", resolveCommand, "case_resolve")
    .command(["reopen", "reabrir", "reabrelo", "reabralo", "reabre el caso"], "case", reopenCommand, "case_reopen")
    .command(["close", "cerrar", "cierralo", "cierrelo", "cierra el caso"], "case", closeCommand, "case_close")
    .command(["take", "asignarme", "tomar"], "case", takeCommand, "case_take")
    .action("case.view", viewCaseAction)
    .action("case.works", worksNowAction)
    .action("case.reopen", reopenAction)
    .action("case.take", takeAction)
    .action(ADD_TO_CASE_ACTION, addToCaseAction)
    .command(["escalate", "escalar", "escalalo", "escalelo", "escala el caso"], "case", escalateCommand, "case_escalate")
    .command(["ack", "acknowledge", "confirmar"], "case", acknowledgeCommand)
    .command(["reassign", "reasignar"], "case", reassignCommand)
    .command(["escalations", "escalados", "escalaciones"], "none", (ctx) => showEscalations(ctx), "escalations_overview")
    .command(["breaches", "incumplimientos", "sla"], "none", (ctx) => showBreaches(ctx), "escalations_overview")
    .command(["outbox dead", "mensajes no entregados"], "none", listUndelivered)
    .command(["quarantine", "cuarentena", "quarantined events", "eventos en cuarentena"], "none", (ctx) => listQuarantine(ctx))
    .command(["clock", "reloj"], "none", clockCommand)
    .action("esc.ack", acknowledgeAction)
    .action("esc.escalate", escalateAction)
    .action("esc.reassign", reassignAction)
    .intent("escalate", escalateIntent);
  const conversation = createConversation(
    features.flatMap((feature) => feature.afterTriage ?? []),
    [...kernelActions, ...features.flatMap((feature) => feature.actions ?? [])],
    (text) => router.commandVerbOf(text),
  );
  router
    .otherwise(conversationOf(features, conversation.handler))
    .action("understand.choose", conversation.choose)
    .onWarm(() => conversation.understanding.warm());
  for (const feature of features) mountFeature(router, feature);
  return { router, conversation };
}

/** Adds a feature's declared commands, buttons, intents, webhooks and readers to the router. */
function mountFeature(router: Router, feature: Feature): void {
  for (const command of feature.commands ?? []) router.command([...command.words], command.slots, command.handler, command.action);
  for (const button of feature.buttons ?? []) router.action(button.id, button.handler);
  for (const { intent, handler } of feature.intents ?? []) router.intent(intent, handler);
  for (const { source, handler } of feature.webhooks ?? []) router.webhook(source, handler);
  if (feature.files) router.files(feature.files);
  if (feature.pasted) router.pasted(feature.pasted);
}

/** The conversation handler, with the features that look at plain sentences first around it. */
export function conversationOf(features: readonly Feature[], converse: ConversationHandler): ConversationHandler {
  return features.reduce((next, feature) => feature.beforeConversation?.(next) ?? next, converse);
}
