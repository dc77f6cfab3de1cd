/**
 * Sentences about a case that may not name it: which case is meant (named, this thread's, the
 * person's only open one, or asked for), what the sentence says to put on it, and closing from
 * "it works now".
 */
import type { Context } from "../context.ts";
import { parseCaseRef } from "../cases/refs.ts";
import type { TriageResult } from "../triage/index.ts";
import type { CommandArgs } from "../router.ts";
import { showCase } from "./handlers.ts";
import type { Reading } from "../understanding/index.ts";

/** The case a sentence is about: the one it names, the one of this thread, or the person's only open one. */
export async function caseInQuestion(ctx: Context, triage: TriageResult): Promise<number | undefined | "several"> {
  const named = parseCaseRef(triage.entities.case_id[0] ?? ctx.text);
  if (named !== undefined) return named;
  const linked = await ctx.services.cases.findByThread(ctx.person, ctx.event.conversation);
  if (linked) return linked.number;
  const mine = (await ctx.services.cases.list(ctx.person, { mine: true, limit: 5 })).filter((c) => c.status !== "closed");
  if (mine.length === 1) return mine[0]!.number;
  return mine.length > 1 ? "several" : undefined;
}

/** The person's cases as buttons, to say which one a sentence meant. */
export async function askWhichCase(ctx: Context): Promise<void> {
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

/**
 * Closing is only done on a case the sentence or the thread names; "it works now" said in a
 * direct chat gets the person's open cases as buttons to confirm.
 */
export async function closeFromSentence(
  ctx: Context,
  triage: TriageResult,
  named = parseCaseRef(triage.entities.case_id[0] ?? ctx.text),
): Promise<void> {
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

/**
 * What a sentence says to put on the case: what follows the case number or the word "comment"/
 * "note" and a joining word ("that", "saying", ":", "que", "diciendo").
 */
export function bodyOf(text: string): string {
  const afterRef = /\bcs(?:\s*[-#])?\s*\d{5,7}\b|\b\d{5,6}\b/i.exec(text);
  let body = afterRef ? text.slice(afterRef.index + afterRef[0].length) : text;
  if (!afterRef) {
    const verb = /\b(comment|note|notes|comentario|comentar|nota|apunta|añade|anade|add)\b/i.exec(body);
    if (verb) body = body.slice(verb.index + verb[0].length);
  }
  body = body.replace(/^[\s:,.\-–—]*(?:(?:that|saying|with|to say|to it|on it|que|diciendo|con|el texto)\b[\s:,]*)*/i, "");
  return body.trim() || text.trim();
}

/** The case the reading is about, or undefined after asking which one. */
export async function theCase(ctx: Context, reading: Reading): Promise<number | undefined> {
  const which = reading.slots.case ?? (await caseInQuestion(ctx, reading.triage));
  if (typeof which === "number") return which;
  await askWhichCase(ctx);
  return undefined;
}

/** Runs a case command on the reading's case with `rest` after the verb. */
export function onCase(
  verb: string,
  command: (ctx: Context, args: CommandArgs) => Promise<void>,
  rest: (reading: Reading) => string = () => "",
) {
  return async (ctx: Context, reading: Reading): Promise<void> => {
    const number = await theCase(ctx, reading);
    if (number !== undefined) await command(ctx, { verb, rest: rest(reading), caseNumber: number });
  };
}

/** Shows the case the reading is about (or asks which one). */
export async function showCaseOf(ctx: Context, reading: Reading): Promise<void> {
  const number = await theCase(ctx, reading);
  if (number !== undefined) await showCase(ctx, number);
}
