/**
 * Plain sentences that are not commands. The triage says what the person wants; the features'
 * stages look at the sentence first (a problem report in progress), then every intent goes to
 * the handler a feature declared for it — or, for a service that is not built yet, an honest
 * "coming soon".
 */
import type { Context } from "../context.ts";
import type { MessageKey } from "../i18n/index.ts";
import type { ConversationHandler, ConversationStage, Router } from "../router.ts";
import { parseCaseRef } from "../cases/refs.ts";
import type { TriageResult } from "../triage/index.ts";
import type { Intent } from "../../core/vocabulary.ts";
import { isCancel } from "../../core/text/command-words.ts";
import { showCase } from "../cases/handlers.ts";
import { followUpOnCase } from "../cases/thread.ts";
import { showHelp } from "./help.ts";

const THANKS = /^\s*(thanks|thank you|thx|ty|gracias|muchas gracias)\b[\s!.,]*$/i;
const HELP = /\b(help|what can you do|ayuda|qu[eé] puedes hacer)\b/i;

/** The case a sentence is about: the one it names, the one of this thread, or the person's only open one. */
async function caseInQuestion(ctx: Context, triage: TriageResult): Promise<number | undefined | "several"> {
  const named = parseCaseRef(triage.entities.case_id[0] ?? ctx.text);
  if (named !== undefined) return named;
  const linked = await ctx.services.cases.findByThread(ctx.person, ctx.event.conversation);
  if (linked) return linked.number;
  const mine = (await ctx.services.cases.list(ctx.person, { mine: true, limit: 5 })).filter((c) => c.status !== "closed");
  if (mine.length === 1) return mine[0]!.number;
  return mine.length > 1 ? "several" : undefined;
}

async function caseStatus(ctx: Context, triage: TriageResult): Promise<void> {
  const which = await caseInQuestion(ctx, triage);
  if (typeof which === "number") return showCase(ctx, which);
  const mine = await ctx.services.cases.list(ctx.person, { mine: true, limit: 10 });
  if (mine.length === 0) return void ctx.reply({ text: ctx.t("intake.nothingOpen") });
  ctx.reply({
    card: {
      title: ctx.t("intake.whichCase"),
      body: mine.map((c) => `• ${c.ref} · ${c.title}`).join("\n"),
      actions: mine.slice(0, 5).map((c) => ({ id: "case.view", label: c.ref, value: { case: c.ref } })),
    },
  });
}

async function closeFromSentence(ctx: Context, triage: TriageResult): Promise<void> {
  // Closing is only done on a case the sentence or the thread names; "it works now" said in a
  // direct chat gets the person's open cases as buttons to confirm.
  const named = parseCaseRef(triage.entities.case_id[0] ?? ctx.text);
  const which =
    named ?? (await ctx.services.cases.findByThread(ctx.person, ctx.event.conversation))?.number ?? (await caseInQuestion(ctx, triage));
  if (typeof which === "number" && (named !== undefined || ctx.event.conversation.threadId)) {
    const view = await ctx.services.cases.close(ctx.person, which, ctx.origin, ctx.text);
    return void ctx.reply({ text: ctx.t("case.closed", { case: view.ref }) });
  }
  if (which === undefined) return void ctx.reply({ text: ctx.t("intake.noCase") });
  const mine = (await ctx.services.cases.list(ctx.person, { mine: true, limit: 5 })).filter((c) => c.status !== "closed");
  ctx.reply({
    card: {
      title: ctx.t("intake.whichCase"),
      body: mine.map((c) => `• ${c.ref} · ${c.title}`).join("\n"),
      actions: mine.map((c) => ({ id: "case.works", label: `${ctx.t("case.action.works")}: ${c.ref}`, value: { case: c.ref } })),
    },
  });
}

function comingSoon(ctx: Context, intent: Intent): void {
  const key = `feature.${intent}` as MessageKey;
  ctx.reply({ text: ctx.t("error.feature.coming", { feature: ctx.t(key) }) });
}

/** The conversation handler with the features' stages (in list order): understand the sentence, then route it. */
export function createConversation(stages: readonly ConversationStage[]): ConversationHandler {
  return (ctx, router) => converse(ctx, router, stages);
}

async function converse(ctx: Context, router: Router, stages: readonly ConversationStage[]): Promise<void> {
  const text = ctx.text.trim();
  if (!text) {
    ctx.reply({ text: ctx.t("greeting.hello", { name: ctx.person.name.split(" ")[0] ?? "" }) });
    return;
  }
  let triage = ctx.services.triage.classify(text);
  if (ctx.services.triage.refine) triage = await ctx.services.triage.refine(text, triage);
  ctx.triage = triage;
  ctx.log.debug({ intent: triage.intent, category: triage.category, severity: triage.severity, confidence: triage.confidence }, "triage");
  for (const stage of stages) if (await stage(ctx, triage)) return;
  if (isCancel(text)) return void ctx.reply({ text: ctx.t("intake.nothingToCancel") });
  // In a case's thread a follow-up is a comment on it; elsewhere a remark that may belong to a recent case is asked about.
  if (await followUpOnCase(ctx, triage)) return;

  const registered = router.intentHandler(triage.intent);
  if (registered) return registered(ctx, triage);
  switch (triage.intent) {
    case "case_status":
      return caseStatus(ctx, triage);
    case "close_case":
      return closeFromSentence(ctx, triage);
    case "greeting_help":
      if (HELP.test(text)) return showHelp(ctx);
      ctx.reply({
        text: THANKS.test(text) ? ctx.t("greeting.thanks") : ctx.t("greeting.hello", { name: ctx.person.name.split(" ")[0] ?? "" }),
      });
      return;
    case "other":
      ctx.reply({ text: ctx.t("intake.other") });
      return;
    default:
      comingSoon(ctx, triage.intent);
  }
}
