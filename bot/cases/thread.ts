/**
 * A case as the subject of a conversation. In a case's thread (a Slack thread or Teams reply chain
 * linked to the case) the case goes without saying: a case command needs no number, and a plain
 * follow-up is a comment on the case. Outside such a thread nothing is attached to a case without
 * asking: a remark that could belong to the person's recent case gets "Add this to CS-…, or is it
 * a new problem?", with a button for each, and nothing is added until one is pressed.
 */
import type { Context } from "../context.ts";
import { invalid } from "../errors.ts";
import type { ActionEvent, CardAction } from "../events.ts";
import type { TriageResult } from "../triage/index.ts";
import type { Intent } from "../../core/vocabulary.ts";
import { formatCaseRef, isCaseStatus, isResolutionType, parseCaseRef } from "./refs.ts";
import type { CaseView } from "./view.ts";

/** The button that adds the remark to the case. */
export const ADD_TO_CASE_ACTION = "case.add";
/** The button that takes the remark to a new problem report; the intake feature declares its handler. */
export const NEW_PROBLEM_ACTION = "intake.start";

/** The case of the thread this event was written in: a thread linked to a case the person may see. */
export async function caseOfThread(ctx: Context): Promise<CaseView | undefined> {
  // A whole conversation linked to a case (the DM a case was opened in) is not its thread: a DM
  // goes on to other things, a thread under the case stays on it.
  if (!ctx.viewer || !ctx.event.conversation.threadId) return undefined;
  return ctx.services.cases.findByThread(ctx.person, ctx.event.conversation);
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;
const RESOLUTION_WORDS = new Set(["fixed", "corregido", "arreglado", "alternativa", "solucion_alternativa", "correccion"]);

/**
 * What each case command takes after its verb when the thread gives the case. A sentence that
 * merely starts with a command word ("close the door, the echo is awful", "status of the RMA?")
 * takes something else and is read as a sentence instead.
 */
const THREAD_COMMANDS: Record<string, (rest: string) => boolean> = {
  case: (rest) => wordCount(rest) <= 2,
  comment: (rest) => rest.trim() !== "",
  note: (rest) => rest.trim() !== "",
  reopen: () => true,
  escalate: () => true,
  close: (rest) => wordCount(rest) <= 3,
  take: (rest) => wordCount(rest) <= 2,
  ack: (rest) => wordCount(rest) <= 2,
  reassign: (rest) => rest.trim() !== "",
  status: (rest) => {
    const status = rest
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, "_");
    return status === "" || isCaseStatus(status);
  },
  severity: (rest) => /^\s*s(?:ev)?[1-4]\b/i.test(rest),
  resolve: (rest) => {
    const word = (rest.trim().split(/\s+/)[0] ?? "")
      .toLowerCase()
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/-/g, "_");
    return isResolutionType(word) || RESOLUTION_WORDS.has(word);
  },
};

/** Whether a case command (by its canonical verb) can go without the case number in a case's thread. */
export function fitsCaseThread(verb: string, rest: string): boolean {
  return THREAD_COMMANDS[verb]?.(rest.replace(/^[\s,.;:!?]+/, "")) ?? false;
}

/** Intents about the case itself: in its thread they act on it (close, status, escalate …) rather than comment. */
const ACTS_ON_CASE = new Set<Intent>(["close_case", "case_status", "escalate", "partner_ticket", "replacement_status", "onsite_request"]);

/**
 * In a case's thread, a plain sentence is a follow-up on the case: a public comment (an internal
 * note in the engineers' channel, which the customer does not read), said so in the reply.
 * Returns false when the sentence is not one: not in a case thread, the case closed (a new problem
 * then), a request about the case (close, status, escalate …) or thanks.
 */
export async function commentInCaseThread(ctx: Context, triage: TriageResult): Promise<boolean> {
  const view = await caseOfThread(ctx);
  if (!view || view.status === "closed") return false;
  if (ACTS_ON_CASE.has(triage.intent) && triage.confidence >= 0.6) return false;
  if (triage.intent === "greeting_help" && triage.confidence >= 0.8) return false;
  const internal = (await ctx.audience()) === "support";
  const saved = await ctx.services.cases.comment(ctx.person, view.number, ctx.text, internal ? "internal" : "public", ctx.origin);
  ctx.reply({ text: ctx.t(internal ? "case.noted" : "case.commented", { case: saved.ref }), visibility: internal ? "internal" : "public" });
  return true;
}

const RECENT_MS = 2 * 3_600_000;
const QUESTION = /\?\s*$|^¿/;

/** A case this person opened in this conversation in the last hours and that is still active. */
export async function recentCaseHere(ctx: Context): Promise<number | undefined> {
  const linked = await ctx.services.cases.findByThread(ctx.person, ctx.event.conversation);
  if (!linked || linked.requesterId !== ctx.person.personId) return undefined;
  if (!["open", "waiting_customer", "waiting_partner"].includes(linked.status)) return undefined;
  return ctx.services.clock.now().getTime() - linked.updatedAt.getTime() < RECENT_MS ? linked.number : undefined;
}

/** Whether a sentence may be a remark on a case ("since yesterday", "it's room 2"): not a question, not clearly something else. */
export function couldBeARemark(text: string, triage: TriageResult): boolean {
  return (triage.intent === "other" && triage.confidence < 0.7) || (triage.confidence < 0.4 && !QUESTION.test(text.trim()));
}

/**
 * Outside a case's thread: a sentence that may be a remark on the case the person opened here in
 * the last hours gets the question "Add this to CS-…, or is it a new problem?". Returns whether it
 * asked. The conversation calls it when it is unsure what the sentence is.
 */
export async function offerRecentCase(ctx: Context, triage: TriageResult): Promise<boolean> {
  if (!couldBeARemark(ctx.text, triage)) return false;
  const recent = await recentCaseHere(ctx);
  if (recent === undefined) return false;
  await askAddOrNew(ctx, recent, ctx.text);
  return true;
}

/** Slack carries at most 2,000 characters in a button; a longer remark waits in the conversation state. */
const CARRIED_MAX = 1_500;
const HELD_KIND = "case-remark";
const HELD_MS = 24 * 3_600_000;

/**
 * Asks whether `text` belongs to the case or is a new problem, in the person's language, with
 * [Add to CS-…] and [New problem]. The buttons carry the text: nothing is added before a press.
 */
export async function askAddOrNew(ctx: Context, caseNumber: number, text: string): Promise<void> {
  const ref = formatCaseRef(caseNumber);
  const key = ctx.origin.originKey ?? `${ctx.event.platform}:${ctx.event.deliveryId}`;
  let carried: Record<string, string> = { text };
  if (text.length > CARRIED_MAX) {
    await ctx.services.states.set(`${HELD_KIND}:${key}`, HELD_KIND, text, HELD_MS);
    carried = { held: key };
  }
  const value = { ...carried, key, lang: ctx.lang };
  const actions: CardAction[] = [
    { id: ADD_TO_CASE_ACTION, label: ctx.t("case.addOrNew.add", { case: ref }), value: { ...value, case: ref }, style: "primary" },
    { id: NEW_PROBLEM_ACTION, label: ctx.t("case.addOrNew.new"), value },
  ];
  ctx.reply({ card: { title: ctx.t("case.addOrNew.question", { case: ref }), actions } });
}

/**
 * The remark a pressed [Add to …] / [New problem] button carries, answered in the language it was
 * asked in; the question loses its buttons so the choice is made once. Undefined (and the person
 * told) when a held remark has expired.
 */
export async function takeRemark(ctx: Context, event: ActionEvent): Promise<string | undefined> {
  if (event.value.lang === "en" || event.value.lang === "es") ctx.lang = event.value.lang;
  const held = event.value.held ? await ctx.services.states.get<string>(`${HELD_KIND}:${event.value.held}`) : undefined;
  const text = (event.value.held ? held?.data : event.value.text)?.trim();
  if (!text) {
    ctx.reply({ text: ctx.t("case.addOrNew.gone") });
    return undefined;
  }
  const ref = parseCaseRef(event.value.case ?? "");
  const asked = ref === undefined ? ctx.t("case.addOrNew.new") : ctx.t("case.addOrNew.add", { case: formatCaseRef(ref) });
  ctx.reply({ card: { title: asked, body: text.length > 300 ? `${text.slice(0, 300)}…` : text }, inPlace: true });
  return text;
}

/** [Add to CS-…]: the remark becomes a public comment on the case, once however often it is pressed. */
export async function addToCaseAction(ctx: Context, event: ActionEvent): Promise<void> {
  const number = parseCaseRef(event.value.case ?? "");
  if (number === undefined) throw invalid("error.malformed");
  const text = await takeRemark(ctx, event);
  if (!text) return;
  // Keyed by the message that was asked about: a second press adds nothing.
  const origin = event.value.key ? { ...ctx.origin, originKey: `remark:${event.value.key}` } : ctx.origin;
  const view = await ctx.services.cases.comment(ctx.person, number, text, "public", origin);
  ctx.reply({ text: ctx.t("case.commented", { case: view.ref }) });
}
