/**
 * Plain sentences that are not commands. The triage reads the problem (category, severity,
 * entities); the features' stages look at the sentence first (a problem report in progress); the
 * understanding (bot/understanding) then ranks every declared action, and the policy here acts on
 * the reading: it runs the action when the reading is clear, asks one short question with buttons
 * when two readings are close or none is likely, and confirms an action that changes data or tells
 * other people unless the evidence for it is strong.
 */
import type { Context } from "../context.ts";
import type { ActionEvent } from "../events.ts";
import type { ActionDeclaration } from "../feature.ts";
import type { ConversationHandler, ConversationStage, Router } from "../router.ts";
import { createUnderstanding, decide, type Reading, type Understanding } from "../understanding/index.ts";
import { modelReading } from "../understanding/second-opinion.ts";
import type { Action, Role } from "../../core/vocabulary.ts";
import { isCancel } from "../../core/text/command-words.ts";
import { shorten } from "../../core/text/shorten.ts";
import { commentInCaseThread, offerRecentCase } from "../cases/thread.ts";

/** Time allowed to the language model's reading of an unclear sentence before the buttons are shown. */
const SECOND_OPINION_MS = 2_500;
/** The longest sentence a button carries back. */
const CARRIED_CHARS = 600;

/** The conversation: the features' stages, then the understanding over the declared actions. */
export interface Conversation {
  handler: ConversationHandler;
  /** "Do you want to: …" pressed: runs the chosen action on the sentence the button carries. */
  choose(ctx: Context, event: ActionEvent): Promise<void>;
  understanding: Understanding;
  /** The actions that change data or tell other people (confirmed unless the evidence is strong). */
  changes: ReadonlySet<Action>;
}

export function createConversation(
  stages: readonly ConversationStage[],
  actions: readonly ActionDeclaration[],
  verbOf: (text: string) => string | undefined,
): Conversation {
  const understanding = createUnderstanding(actions, verbOf);
  const declared = new Map<Action, ActionDeclaration>();
  for (const declaration of actions) if (!declared.has(declaration.action)) declared.set(declaration.action, declaration);
  const changes = new Set(actions.filter((declaration) => declaration.changes).map((declaration) => declaration.action));

  const run = async (ctx: Context, reading: Reading): Promise<void> => {
    ctx.reading = reading;
    const declaration = declared.get(reading.action) ?? declared.get("other");
    await declaration?.handler(ctx, reading);
  };

  const read = (ctx: Context, text: string, role: Role): Reading => {
    const triage = ctx.triage ?? ctx.services.triage.classify(text);
    return understanding.understand({
      text,
      role,
      triage,
      commandVerb: verbOf(text),
      inCaseThread: Boolean(ctx.event.conversation.threadId),
    });
  };

  const handler: ConversationHandler = async (ctx: Context, _router: Router) => {
    const text = ctx.text.trim();
    if (!text) return void ctx.reply({ text: ctx.t("greeting.hello", { name: ctx.person.name.split(" ")[0] ?? "" }) });
    let triage = ctx.services.triage.classify(text);
    if (ctx.services.triage.refine) triage = await ctx.services.triage.refine(text, triage);
    ctx.triage = triage;
    for (const stage of stages) if (await stage(ctx, triage)) return;
    if (isCancel(text)) return void ctx.reply({ text: ctx.t("intake.nothingToCancel") });
    // In a case's thread a follow-up is a comment on the case (bot/cases/thread.ts).
    if (await commentInCaseThread(ctx, triage)) return;

    const reading = read(ctx, text, roleOf(ctx));
    ctx.log.debug({ action: reading.action, confidence: reading.confidence, slots: reading.slots, intent: triage.intent }, "understood");
    const command = ctx.command;
    const decision = decide(reading, changes, command?.spec.actions);
    // Unsure, or a report that may be a remark on the case just opened here: "Add this to CS-…, or is it a new problem?"
    if (decision.kind !== "command" && (decision.kind === "ask" || reading.action === "intake") && (await offerRecentCase(ctx, triage)))
      return;
    switch (decision.kind) {
      case "command":
        // A command word at the start is strong evidence: its command runs unless the sentence is clearly something else.
        ctx.reading = reading;
        return command!.spec.handler(ctx, command!.args);
      case "ask": {
        // With a language model configured, it may settle what the rules could not (never an action that changes data unconfirmed).
        const settled = await secondOpinion(ctx, reading);
        if (!settled || settled === "other") return askWhichAction(ctx, text, reading);
        const chosen = { ...reading, action: settled };
        return changes.has(settled) ? confirmAction(ctx, text, chosen) : run(ctx, chosen);
      }
      case "confirm":
        return confirmAction(ctx, text, reading);
      case "act":
        return run(ctx, reading);
    }
  };

  const secondOpinion = async (ctx: Context, reading: Reading): Promise<Action | undefined> => {
    const llm = ctx.services.llm;
    if (!llm) return undefined;
    const role = roleOf(ctx);
    const allowed = actions.filter((d) => d.roles === "everyone" || d.roles.includes(role));
    try {
      const action = await modelReading(llm, { text: reading.text, role, allowed }, SECOND_OPINION_MS);
      ctx.log.info({ rules: reading.action, model: action ?? "invalid" }, "language model routed an unclear sentence");
      return action;
    } catch (error) {
      ctx.log.warn({ err: error }, "language model routing failed; asking which action");
      return undefined;
    }
  };

  const choose = async (ctx: Context, event: ActionEvent): Promise<void> => {
    const text = event.value.text ?? "";
    const action = event.value.action as Action | undefined;
    ctx.carry(text);
    const reading = read(ctx, text, roleOf(ctx));
    if (!action || !declared.has(action)) return run(ctx, { ...reading, action: "other" });
    ctx.triage = reading.triage;
    return run(ctx, { ...reading, action, confidence: 1 });
  };

  return { handler, choose, understanding, changes };
}

function roleOf(ctx: Context): Role {
  return (ctx.viewer?.role ?? "employee") as Role;
}

/** The readings worth offering: the likely ones, best first, never "other". */
function offered(reading: Reading): Action[] {
  // A product named alone ("bar 50"): what people usually want with one.
  if (reading.bare) return reading.slots.serial ? ["intake", "firmware", "licenses"] : ["intake", "kb_answer", "documents"];
  const likely = reading.ranked.filter((i) => i.action !== "other" && i.confidence >= 0.08).slice(0, 3);
  const actions = likely.map((i) => i.action);
  // A question nobody's action fits is most likely a documentation question: offer the search.
  if (!actions.includes("kb_answer") && actions.length < 3) actions.push("kb_answer");
  return actions;
}

function choice(ctx: Context, action: Action, text: string) {
  return { id: "understand.choose", label: ctx.t(`understanding.action.${action}`), value: { action, text: shorten(text, CARRIED_CHARS) } };
}

/** "Do you want to: [Ask about a joint call] [Search the documentation] [Report a problem]" */
function askWhichAction(ctx: Context, text: string, reading: Reading): void {
  ctx.reading = reading;
  ctx.reply({ card: { title: ctx.t("understanding.choose"), actions: offered(reading).map((action) => choice(ctx, action, text)) } });
}

/** An action that changes data, read from a sentence without strong evidence: one button to go ahead. */
function confirmAction(ctx: Context, text: string, reading: Reading): void {
  ctx.reading = reading;
  const others = offered(reading).filter((action) => action !== reading.action);
  ctx.reply({
    card: {
      title: ctx.t("understanding.confirm"),
      actions: [choice(ctx, reading.action, text), ...others.slice(0, 2).map((action) => choice(ctx, action, text))],
    },
  });
}
