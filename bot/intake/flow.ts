/**
 * The intake conversation: a problem report becomes a draft case; the bot asks only for what is
 * missing (device, site, since when, impact), accepts answers in any order and in free text,
 * proposes what the documentation says with "That fixed it" / "Still broken", and opens the case
 * when the problem stays or when asked. The draft lives in the conversation state, so any replica
 * and any restart continues the same conversation; "cancel" drops it at any point.
 */
import type { Context } from "../context.ts";
import { conversationKey, type ActionEvent, type Card } from "../events.ts";
import { asSentence, type MessageKey } from "../i18n/index.ts";
import { isSeverity } from "../cases/refs.ts";
import type { Severity } from "../../core/vocabulary.ts";
import { isCancel } from "../../core/text/command-words.ts";
import type { TriageResult } from "../triage/index.ts";
import { showCase } from "../cases/handlers.ts";
import { takeRemark } from "../cases/thread.ts";
import { describe, isCritical, mergeAnswer, nextQuestion, type IntakeDraft, type Question } from "./draft.ts";
import type { KnowledgeAnswer } from "../../knowledge/index.ts";
import { familyWordsIn } from "./families.ts";
import { draftFromMessage, resolveDraft } from "./resolve.ts";
import { acknowledge, summaryOf } from "./acknowledge.ts";
import { fitsPending, isSerialList, type PendingFit } from "./pending.ts";
import { organizationSites, siteIn } from "./sites.ts";

const STATE_KIND = "intake";
const TTL_MS = 24 * 3_600_000;
const OPEN_NOW = /\b(just open (a |the )?case|open (it|the case)( now)?|open a ticket|ab(re|rir) (el |un )?caso|[aá]brelo)\b/i;
const FIXED = /\b(it works( now)?|working now|fixed it|that fixed it|solved|ya funciona|funciona ya|solucionado|arreglado)\b/i;

const ASIDE_QUESTION = /\?\s*$|^\s*¿/;
const asksAside = (text: string, triage: TriageResult): boolean =>
  triage.intent === "how_to"
    ? triage.confidence >= 0.5 && ASIDE_QUESTION.test(text)
    : triage.confidence >= 0.8 && !["report_issue", "other", "greeting_help"].includes(triage.intent);

/** Set on the turn's context when a new report replaced the one that waited on an answer. */
const REPORT_SET_ASIDE = "intake.setAside";

const stateKey = (ctx: Context) => `${STATE_KIND}:${conversationKey(ctx.event.conversation)}:${ctx.person.personId ?? ""}`;

async function save(ctx: Context, draft: IntakeDraft): Promise<void> {
  await ctx.services.states.set(stateKey(ctx), STATE_KIND, draft, TTL_MS);
}

/** The draft in progress in this conversation, if any. */
export async function currentDraft(ctx: Context): Promise<IntakeDraft | undefined> {
  if (!ctx.viewer?.personId) return undefined;
  const state = await ctx.services.states.get<IntakeDraft>(stateKey(ctx));
  return state?.kind === STATE_KIND ? state.data : undefined;
}

const intakeActions = (ctx: Context): Card["actions"] => [{ id: "intake.open", label: ctx.t("intake.action.open"), value: {} }];

/** Starts an intake from a problem report (the message's text, or `text` when a button carries it). */
export async function startIntake(ctx: Context, triage: TriageResult, text: string = ctx.text): Promise<void> {
  if (!ctx.person.organizationId) {
    ctx.reply({ text: ctx.t("intake.needsOrganization") });
    return;
  }
  if (isSerialList(text, triage)) {
    ctx.reply({ text: ctx.t("intake.serialList") });
    return;
  }
  const earlier = await currentDraft(ctx);
  if (earlier?.problem) {
    // A new report while another waited on an answer: the earlier one is dropped, and said so.
    ctx.state[REPORT_SET_ASIDE] = true;
    const { facts } = await resolveDraft(ctx, earlier);
    ctx.reply({ text: ctx.t("intake.setAside", { what: summaryOf(ctx, earlier, facts) || asSentence(earlier.problem.slice(0, 80)) }) });
  }
  const draft = await withSiteNamed(ctx, draftFromMessage(ctx, text, triage), text, triage);
  if (draft.category === "cloud_partner") {
    const partner = draft.partner ? ctx.t(`partner.${draft.partner}`) : ctx.t("partner.any");
    ctx.reply({ text: ctx.t("intake.partner", { partner }) });
  }
  await advance(ctx, draft);
}

/**
 * Continues the intake in progress with this message; false when there is none (the message is
 * then routed as usual).
 */
export async function continueIntake(ctx: Context, triage: TriageResult): Promise<boolean> {
  const draft = await currentDraft(ctx);
  if (!draft) return false;
  const text = ctx.text;
  if (draft.pending && fitsPending(draft, text, triage, ctx.services.catalog, await organizationSites(ctx)) === "not-an-answer") {
    // Another request typed while a question waits: it is answered as usual, the question stays
    // (unless that request was a new problem report, which sets this one aside).
    const question = draft.pending;
    ctx.replyAtEnd(() => (ctx.state[REPORT_SET_ASIDE] ? undefined : { text: reminderOf(ctx, question) }));
    return false;
  }
  if (isCancel(text)) {
    await ctx.services.states.clear(stateKey(ctx));
    ctx.reply({ text: ctx.t("intake.cancelled") });
    return true;
  }
  if (triage.intent === "close_case" || FIXED.test(text)) {
    await ctx.services.states.clear(stateKey(ctx));
    ctx.reply({ text: ctx.t("intake.fixed") });
    return true;
  }
  // A question about something else (a case, a replacement, how the devices work) is answered;
  // the draft and its buttons wait. Only a plainly asked how-to counts: "still broken, what now"
  // or "how do I reset it" about the same problem stay with the draft.
  if (!draft.pending && asksAside(text, triage)) return false;
  if (draft.openWhenDescribed) {
    await openFromDraft(ctx, { ...draftFromMessage(ctx, text, triage), asked: [] });
    return true;
  }
  // "open it now" alone is no detail of the problem: the case opens with what was said before.
  if (onlyAsksToOpen(text.trim())) {
    await openFromDraft(ctx, draft);
    return true;
  }
  const device = familyWordsIn(text, ctx.services.catalog);
  const merged = await withSiteNamed(ctx, mergeAnswer(draft, text, triage, device?.family, device?.words), text, triage);
  if (OPEN_NOW.test(text)) {
    await openFromDraft(ctx, merged);
    return true;
  }
  await advance(ctx, merged);
  return true;
}

/**
 * How a message fits the question a report in this conversation waits on: "answer" (give it to the
 * intake), "cancel", "not-an-answer" (route it as usual; the question stays) or "none" (nothing
 * pending). For the conversation router, before it hands a sentence to anything else.
 */
export async function pendingAnswerFits(ctx: Context, text: string, triage?: TriageResult): Promise<PendingFit> {
  const draft = await currentDraft(ctx);
  if (!draft?.pending) return "none";
  return fitsPending(draft, text, triage ?? ctx.services.triage.classify(text), ctx.services.catalog, await organizationSites(ctx));
}

/** "(I still need: since when?)" for the question a report here waits on, if any. */
export async function pendingReminder(ctx: Context): Promise<string | undefined> {
  const draft = await currentDraft(ctx);
  return draft?.pending ? reminderOf(ctx, draft.pending) : undefined;
}

const reminderOf = (ctx: Context, question: Question) => ctx.t("intake.stillNeed", { question: ctx.t(`intake.need.${question}`) });

/**
 * A site of the organization the message names in a form the rules did not read as a place
 * ("Lisbn", "in lisboa"): it becomes the report's site, as a correction would.
 */
async function withSiteNamed(ctx: Context, draft: IntakeDraft, text: string, triage: TriageResult): Promise<IntakeDraft> {
  if (triage.entities.site) return draft;
  const mention = siteIn(text, await organizationSites(ctx));
  if (!mention || mention.site.id === draft.siteId) return draft;
  return { ...draft, siteText: mention.words, siteId: undefined, ...(draft.serial ? {} : { deviceId: undefined }) };
}

/** Asks the next question, proposes a fix from the documentation, or opens the case. */
async function advance(ctx: Context, draft: IntakeDraft): Promise<void> {
  const resolved = await resolveDraft(ctx, draft);
  const current = { ...resolved.draft, acknowledged: acknowledge(ctx, resolved.draft, resolved.facts) };
  if (resolved.notice) ctx.reply({ text: resolved.notice });
  const question: Question | undefined = resolved.choices ? "device" : nextQuestion(current);
  if (question) {
    const asked: IntakeDraft = { ...current, asked: [...new Set([...current.asked, question])], pending: question };
    await save(ctx, asked);
    ctx.reply({ card: questionCard(ctx, question, resolved.choices, current) });
    return;
  }
  if (isCritical(current)) {
    // Engineers are paged first; what the documentation says comes after, while they pick it up.
    await openFromDraft(ctx, current);
    const answer = await documentationFor(ctx, current);
    if (answer.status === "answered") ctx.reply({ card: passagesCard(ctx, "intake.meanwhile", answer) });
    return;
  }
  if (!current.suggested) {
    const answer = await documentationFor(ctx, current);
    if (answer.status === "answered") {
      await save(ctx, { ...current, suggested: true, pending: undefined });
      const chunk = answer.passages[0]?.chunkId ?? "";
      ctx.reply({
        card: {
          ...passagesCard(ctx, "intake.suggest", answer),
          actions: [
            { id: "intake.fixed", label: ctx.t("intake.action.fixed"), value: { chunk }, style: "primary" },
            { id: "intake.broken", label: ctx.t("intake.action.broken"), value: { chunk } },
          ],
        },
      });
      return;
    }
  }
  await openFromDraft(ctx, current);
}

/**
 * The documentation on the problem as first described: the answers to the questions (places,
 * dates) are not what it is about. When the whole message finds nothing, each of its clauses is
 * tried: "echo in every room, the board meeting starts in 5 minutes" is documented in its first.
 */
async function documentationFor(ctx: Context, draft: IntakeDraft): Promise<KnowledgeAnswer> {
  const options = { language: ctx.lang, products: draft.model ? [draft.model] : undefined };
  const query = documentationQuery(draft);
  const whole = await ctx.services.knowledge.answer(query, options);
  if (whole.status === "answered") return whole;
  const clauses = query.split(/[,;:!?.]+/).map((clause) => clause.trim());
  if (clauses.length < 2) return whole;
  for (const clause of clauses.filter((c) => c.split(/\s+/).length >= 3).slice(0, 3)) {
    const answer = await ctx.services.knowledge.answer(clause, options);
    if (answer.status === "answered") return answer;
  }
  return whole;
}

/** The best two passages with their citations. */
function passagesCard(ctx: Context, title: "intake.suggest" | "intake.meanwhile", answer: KnowledgeAnswer): Card {
  const best = answer.passages.slice(0, 2);
  return {
    title: ctx.t(title),
    body: answer.text ?? best.map((p) => `*${p.sectionPath}*\n${p.snippet}`).join("\n\n"),
    context: best.map((p, i) => `[${i + 1}] ${p.link ?? p.path}`),
  };
}

function questionCard(
  ctx: Context,
  question: Question,
  choices: { serial: string; label: string }[] | undefined,
  draft: IntakeDraft,
): Card {
  if (choices) {
    const model = ctx.services.catalog.models.find((m) => m.id === draft.model)?.name ?? draft.model ?? "";
    return {
      title: model ? ctx.t("intake.ask.deviceChoice", { model }) : ctx.t("intake.ask.deviceChoiceAny"),
      actions: [
        ...choices.map((c) => ({ id: "intake.device", label: c.label, value: { serial: c.serial } })),
        ...(intakeActions(ctx) ?? []),
      ],
    };
  }
  const example = ctx.services.catalog.models[0] ? `${ctx.services.catalog.models[0].serial_prefix}-1234567` : "AB1-1234567";
  const key: MessageKey = `intake.ask.${question}`;
  return { title: ctx.t(key, { example }), actions: intakeActions(ctx) };
}

/** The problem without the place and the time, which documentation never speaks of. */
export function documentationQuery(draft: IntakeDraft): string {
  let query = draft.problem;
  for (const part of [draft.since, draft.siteText])
    if (part) query = query.replace(new RegExp(part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i"), " ");
  return query.replace(/\s+/g, " ").trim();
}

/**
 * "open case <what is wrong>": opens at once, asking nothing, but with the device and site the
 * sentence makes clear (one Tap 10 in Madrid) as the intake would have found them. A severity the
 * person wrote ("sev2") is theirs to set.
 */
export async function openStraightAway(ctx: Context, text: string, severity?: Severity): Promise<void> {
  const triage = ctx.services.triage.classify(text);
  await openFromDraft(ctx, draftFromMessage(ctx, text, triage), severity);
}

/** Opens the case from what the draft holds, then forgets the draft. */
async function openFromDraft(ctx: Context, draft: IntakeDraft, chosenSeverity?: Severity): Promise<void> {
  const { draft: resolved, facts } = await resolveDraft(ctx, draft);
  const description = describe(resolved, facts);
  // The whole conversation says more about impact than its first sentence.
  const overall = ctx.services.triage.classify(description);
  let severity: Severity = resolved.severity ?? overall.severity ?? "sev3";
  if (overall.severity && overall.severity < severity) severity = overall.severity;
  if (resolved.meetingBlocked && (resolved.criticalEvent || (resolved.roomsAffected ?? 0) >= 5)) severity = "sev1";
  if (chosenSeverity) severity = chosenSeverity;
  const { view, created } = await ctx.services.cases.open(
    ctx.person,
    {
      title:
        resolved.problem
          .split(/[\n.!?]/)[0]!
          .trim()
          .slice(0, 120) || resolved.problem.slice(0, 120),
      description,
      severity: isSeverity(severity) ? severity : "sev3",
      category: resolved.category ?? overall.category,
      language: ctx.lang,
      deviceId: resolved.deviceId ?? null,
      siteId: resolved.siteId ?? null,
    },
    ctx.origin,
  );
  await ctx.services.states.clear(stateKey(ctx));
  ctx.reply({ text: ctx.t(created ? "case.opened" : "case.openedAgain", { case: view.ref, title: asSentence(view.title) }) });
  await showCase(ctx, view.number);
}

/** "Just open a case" before saying what is wrong: the next message becomes the case. */
export async function askForProblem(ctx: Context): Promise<void> {
  await save(ctx, {
    problem: "",
    notes: [],
    category: null,
    severity: null,
    partner: null,
    asked: [],
    lang: ctx.lang,
    openWhenDescribed: true,
  });
  ctx.reply({ text: ctx.t("intake.describe") });
}

/** Whether a sentence only asks for a case to be opened. */
export function onlyAsksToOpen(text: string): boolean {
  return OPEN_NOW.test(text) && text.replace(OPEN_NOW, "").replace(/[\s,.!?]|please|por favor/gi, "").length < 3;
}

/** [New problem] on "Add this to CS-…, or is it a new problem?" (bot/cases/thread.ts): the remark starts a report. */
export async function newProblemAction(ctx: Context, event: ActionEvent): Promise<void> {
  const text = await takeRemark(ctx, event);
  if (text) await startIntake(ctx, ctx.services.triage.classify(text), text);
}

/** "That fixed it": no case; the documentation gets the credit. */
export async function fixedAction(ctx: Context, event: ActionEvent): Promise<void> {
  const draft = await currentDraft(ctx);
  await ctx.services.states.clear(stateKey(ctx));
  if (draft)
    await ctx.services.knowledge.recordFeedback({
      query: draft.problem,
      chunkId: event.value.chunk || null,
      helpful: true,
      personId: ctx.viewer?.personId,
    });
  ctx.reply({ text: ctx.t("intake.fixed") });
}

/** "Still broken" / "Open the case now". */
export async function openNowAction(ctx: Context, event: ActionEvent): Promise<void> {
  const draft = await currentDraft(ctx);
  if (!draft) {
    ctx.reply({ text: ctx.t("conversation.fallback") });
    return;
  }
  if (event.actionId === "intake.broken")
    await ctx.services.knowledge.recordFeedback({
      query: draft.problem,
      chunkId: event.value.chunk || null,
      helpful: false,
      personId: ctx.viewer?.personId,
    });
  await openFromDraft(ctx, draft);
}

/** A device chosen from the buttons. */
export async function deviceChosenAction(ctx: Context, event: ActionEvent): Promise<void> {
  const draft = await currentDraft(ctx);
  if (!draft) {
    ctx.reply({ text: ctx.t("conversation.fallback") });
    return;
  }
  await advance(ctx, { ...draft, serial: event.value.serial, deviceId: undefined, pending: undefined });
}
