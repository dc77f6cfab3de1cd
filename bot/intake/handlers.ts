/**
 * The intake's entry points into the conversation: the "open case" command and the stage that
 * lets a problem report in progress take the next sentence.
 */
import type { Context } from "../context.ts";
import { invalid } from "../errors.ts";
import type { CommandArgs } from "../router.ts";
import { isSeverity } from "../cases/refs.ts";
import type { TriageResult } from "../triage/index.ts";
import { askForProblem, continueIntake, onlyAsksToOpen, openStraightAway } from "./flow.ts";

/** "open case <what is wrong>" / "abrir caso <qué pasa>": opens a case from the sentence at once. */
export async function openCaseCommand(ctx: Context, args: CommandArgs): Promise<void> {
  const text = args.rest.trim();
  if (!text) throw invalid("error.missingText", { usage: ctx.lang === "es" ? "abrir caso <qué ocurre>" : "open case <what is wrong>" });
  const severityWord = /\bsev([1-4])\b/i.exec(text);
  const severity = severityWord ? `sev${severityWord[1]}` : undefined;
  const problem = text.replace(/\s*\bsev[1-4]\b\s*/i, " ").trim() || text;
  await openStraightAway(ctx, problem, severity && isSeverity(severity) ? severity : undefined);
}

/**
 * A report in progress takes the sentence first (an answer to its question, "cancel"); a sentence
 * that only asks to open a case starts one by asking what is wrong.
 */
export async function intakeFirst(ctx: Context, triage: TriageResult): Promise<boolean> {
  if (await continueIntake(ctx, triage)) return true;
  if (!onlyAsksToOpen(ctx.text.trim())) return false;
  await askForProblem(ctx);
  return true;
}
