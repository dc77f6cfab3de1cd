/**
 * Whether a message answers the question a problem report is waiting on ("Since when?", "Which
 * device?"), so that a new request typed meanwhile ("export the audit log", "what's the status of
 * CS-10002?", "how do I pair the headset?") or a pasted list of serials is never filed as the
 * answer. The conversation router asks `pendingAnswerFits` before handing a sentence to anything
 * else; the intake's own stage asks it too.
 */
import type { Catalog } from "../../core/catalog.ts";
import { isCancel } from "../../core/text/command-words.ts";
import type { TriageResult } from "../triage/index.ts";
import type { IntakeDraft, Question } from "./draft.ts";
import { familyOf } from "./families.ts";
import { sinceIn } from "./since.ts";
import { siteIn, type SiteRecord } from "./sites.ts";

/**
 * - `answer`: the message answers the pending question, or adds to the report (give it to the intake);
 * - `cancel`: the person calls the report off (the intake drops it and says so);
 * - `not-an-answer`: something else entirely; route it as usual, the question stays pending;
 * - `none`: no question is pending in this conversation.
 */
export type PendingFit = "answer" | "cancel" | "not-an-answer" | "none";

/** Requests that start with what the person wants done ("export …", "muéstrame …"). */
const REQUEST =
  /^\s*(please |por favor )?(export|show|list|give me|find|look up|search|register|download|run|book|order|check the status|exporta|muestra|mu[eé]strame|lista|dame|busca|consulta|registra|descarga|env[ií]ame)\b/i;
/** A question of its own ("how do I …?", "¿cuál es …?"), which a pending answer never is. */
const QUESTION = /\?\s*$|^\s*¿/;
const OWN_REFERENCE = /\b(CS|RMA|ONS)-\d{4,}\b/i;
const DONT_KNOW = /\b(don'?t know|no idea|not sure|no s[eé]|ni idea|no lo s[eé])\b/i;
const YES_NO = /^\s*(yes|yeah|yep|no|nope|s[ií]|claro)\b/i;
/** Intents that are clearly another request when the rules are sure of them. */
const OTHER_REQUEST_CONFIDENCE = 0.6;
const ANSWER_INTENTS = new Set(["report_issue", "other", "greeting_help", "close_case"]);

/** A list of serials pasted one per line: something to register or look up, not a problem report. */
export function isSerialList(text: string, triage: TriageResult): boolean {
  const lines = text
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean);
  if (lines.length < 2 || triage.entities.serial.length < 2) return false;
  const serialLines = lines.filter((line) => triage.entities.serial.some((serial) => line.toUpperCase().includes(serial)));
  return serialLines.length >= Math.max(2, Math.ceil(lines.length * 0.6));
}

/** Whether the message carries the answer to the question asked. */
function answersQuestion(question: Question, text: string, triage: TriageResult, catalog: Catalog, sites: readonly SiteRecord[]): boolean {
  switch (question) {
    case "since":
      return sinceIn(text) !== undefined || Boolean(triage.signals.since);
    case "device":
      return triage.entities.serial.length === 1 || triage.entities.model.length > 0 || familyOf(text, catalog) !== undefined;
    case "site":
      return Boolean(triage.entities.site) || siteIn(text, sites) !== undefined;
    case "impact":
      return /\d|\b(all|every|none|one|two|three|only|just|todas?|ninguna|una|dos|tres|solo)\b/i.test(text) || YES_NO.test(text);
  }
}

/** How a message fits the report waiting on an answer (pure: the draft, the message, its triage). */
export function fitsPending(
  draft: IntakeDraft | undefined,
  text: string,
  triage: TriageResult,
  catalog: Catalog,
  sites: readonly SiteRecord[],
): PendingFit {
  if (!draft?.pending) return "none";
  if (isCancel(text)) return "cancel";
  if (isSerialList(text, triage)) return "not-an-answer";
  // A request or a question of its own ("how do I pair the headset?") names a device or a place
  // without answering anything.
  if (REQUEST.test(text)) return "not-an-answer";
  if (QUESTION.test(text) && !ANSWER_INTENTS.has(triage.intent) && triage.confidence >= 0.5) return "not-an-answer";
  // Another device than the report's, named when the question is not "which device": a new report.
  const otherModel = triage.entities.model.length > 0 && Boolean(draft.model) && !triage.entities.model.includes(draft.model!);
  const otherSerial = Boolean(triage.entities.serial[0] && draft.serial && triage.entities.serial[0] !== draft.serial);
  if (draft.pending !== "device" && (otherModel || otherSerial) && triage.intent === "report_issue") return "not-an-answer";
  if (answersQuestion(draft.pending, text, triage, catalog, sites) || DONT_KNOW.test(text)) {
    // "what's the status of CS-10002 since yesterday?" still asks about another case.
    if (OWN_REFERENCE.test(text) && QUESTION.test(text)) return "not-an-answer";
    return "answer";
  }
  if (OWN_REFERENCE.test(text) || QUESTION.test(text)) return "not-an-answer";
  if (!ANSWER_INTENTS.has(triage.intent) && triage.confidence >= OTHER_REQUEST_CONFIDENCE) return "not-an-answer";
  return "answer";
}
