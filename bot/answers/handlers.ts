/**
 * Documentation answers in chat: the best passages with their citations, or an honest "I couldn't
 * find this" with the offer to open a case. Buttons record whether it helped.
 */
import type { KnowledgeAnswer } from "../../knowledge/index.ts";
import type { Context } from "../context.ts";
import type { ActionEvent, Card } from "../events.ts";
import { asSentence, type Translator } from "../i18n/index.ts";

const PASSAGES_SHOWN = 3;

/** The card of an answer. `question` travels in the buttons so feedback knows what was asked. */
export function renderAnswerCard(answer: KnowledgeAnswer, t: Translator): Card {
  const question = answer.query.slice(0, 300);
  if (answer.status === "abstained") {
    return {
      title: t("kb.answer.title"),
      body: t("kb.abstain"),
      actions: [{ id: "kb.open_case", label: t("kb.action.openCase"), value: { q: question }, style: "primary" }],
    };
  }
  const shown = answer.passages.slice(0, PASSAGES_SHOWN);
  const cite = (p: (typeof shown)[number]) => (p.link ? `${p.sectionPath} — ${p.link}` : `${p.sectionPath} (${p.path})`);
  const body = answer.text ? answer.text : shown.map((p, i) => `*${i + 1}. ${p.sectionPath}*\n${p.snippet}`).join("\n\n");
  const context = shown.map((p, i) => `[${i + 1}] ${cite(p)}`);
  if (answer.passages.length > PASSAGES_SHOWN) context.push(t("kb.answer.more", { count: answer.passages.length - PASSAGES_SHOWN }));
  return {
    title: t("kb.answer.title"),
    body,
    context,
    actions: [
      { id: "kb.helped", label: t("kb.action.helped"), value: { q: question, chunk: shown[0]?.chunkId ?? "" }, style: "primary" },
      { id: "kb.open_case", label: t("kb.action.openCase"), value: { q: question, chunk: shown[0]?.chunkId ?? "" } },
    ],
  };
}

/** Answers a documentation question in the conversation. */
export async function answerQuestion(ctx: Context, question: string, products?: string[]): Promise<KnowledgeAnswer> {
  const answer = await ctx.services.knowledge.answer(question, { language: ctx.lang, products });
  ctx.log.info({ status: answer.status, confidence: answer.confidence, passages: answer.passages.length }, "documentation answer");
  ctx.reply({ card: renderAnswerCard(answer, ctx.t) });
  return answer;
}

/** "That helped": feedback recorded, the card keeps its content without the buttons. */
export async function helpedAction(ctx: Context, event: ActionEvent): Promise<void> {
  await ctx.services.knowledge.recordFeedback({
    query: event.value.q ?? "",
    chunkId: event.value.chunk || null,
    helpful: true,
    personId: ctx.viewer?.personId,
  });
  ctx.reply({ text: ctx.t("kb.thanks") });
}

/** "Open a case" from an answer: feedback recorded, then a case with the question as its title. */
export async function openCaseFromAnswer(ctx: Context, event: ActionEvent): Promise<void> {
  const question = event.value.q?.trim() ?? "";
  await ctx.services.knowledge.recordFeedback({
    query: question,
    chunkId: event.value.chunk || null,
    helpful: false,
    personId: ctx.viewer?.personId,
  });
  const { view, created } = await ctx.services.cases.open(
    ctx.person,
    { title: question || ctx.t("kb.action.openCase"), description: question, severity: "sev3", language: ctx.lang },
    ctx.origin,
  );
  ctx.reply({ text: ctx.t(created ? "case.opened" : "case.openedAgain", { case: view.ref, title: asSentence(view.title) }) });
}
