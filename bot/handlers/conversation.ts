/**
 * Plain sentences that are not commands. Greetings and thanks are answered here; explicit
 * "open a case …" requests open one. Problem reports go to the triage intake when it is
 * configured (bot/handlers/intake.ts); until then the person is told how to open a case.
 */
import type { Context } from "../context.ts";
import { invalid } from "../errors.ts";
import type { CommandArgs } from "../router.ts";
import { isSeverity } from "../services/case-refs.ts";
import { showCase } from "./cases.ts";
import { answerQuestion } from "./knowledge.ts";

const GREETING = /^\s*(hi|hello|hey|hola|buenas|buenos dias|good (morning|afternoon|evening))\b[\s!.,]*$/i;
const THANKS = /^\s*(thanks|thank you|thx|gracias|muchas gracias)\b[\s!.,]*$/i;

/** "open case <what is wrong>" / "abrir caso <qué pasa>": opens a case from the sentence. */
export async function openCaseCommand(ctx: Context, args: CommandArgs): Promise<void> {
  const text = args.rest.trim();
  if (!text) throw invalid("error.missingText", { usage: ctx.lang === "es" ? "abrir caso <qué ocurre>" : "open case <what is wrong>" });
  const severityWord = /\bsev([1-4])\b/i.exec(text);
  const severity = severityWord ? `sev${severityWord[1]}` : "sev3";
  const { view, created } = await ctx.services.cases.open(
    ctx.person,
    {
      title:
        text
          .replace(/\bsev[1-4]\b/i, "")
          .trim()
          .split(/[.!?\n]/)[0] || text,
      description: text,
      severity: isSeverity(severity) ? severity : "sev3",
      language: ctx.lang,
    },
    ctx.origin,
  );
  ctx.reply({ text: ctx.t(created ? "case.opened" : "case.openedAgain", { case: view.ref, title: view.title }) });
  await showCase(ctx, view.number);
}

export async function converse(ctx: Context): Promise<void> {
  const text = ctx.text.trim();
  if (!text) {
    ctx.reply({ text: ctx.t("greeting.hello", { name: ctx.person.name.split(" ")[0] ?? "" }) });
    return;
  }
  if (THANKS.test(text)) {
    ctx.reply({ text: ctx.t("greeting.thanks") });
    return;
  }
  if (GREETING.test(text)) {
    ctx.reply({ text: ctx.t("greeting.hello", { name: ctx.person.name.split(" ")[0] ?? "" }) });
    return;
  }
  if (looksLikeQuestion(text)) {
    await answerQuestion(ctx, text);
    return;
  }
  ctx.reply({ text: ctx.t("conversation.fallback") });
}

const QUESTION_START =
  /^(how|what|where|why|when|which|who|can|could|does|do|is|are|should|cómo|como|qué|que|dónde|donde|por qué|cuál|cual|cuándo|puedo|se puede|hay)/i;

/** A question about how something works, rather than a report or a request. */
export function looksLikeQuestion(text: string): boolean {
  return /\?\s*$/.test(text) || /^¿/.test(text) || QUESTION_START.test(text.trim());
}
