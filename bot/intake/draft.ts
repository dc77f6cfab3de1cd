/**
 * The draft of a case while the intake conversation collects what is missing. Pure: it merges
 * each message's triage into the draft and says what to ask next, so the conversation rules are
 * easy to test without a database.
 */
import type { Language } from "../../core/vocabulary.ts";
import type { Category, Partner, TriageResult } from "../triage/index.ts";
import type { Severity } from "../../core/vocabulary.ts";

/** What the intake may still need to know, in the order it asks. */
export type Question = "device" | "site" | "since" | "impact";
export const QUESTIONS: Question[] = ["device", "site", "since", "impact"];

export interface IntakeDraft {
  /** The first description of the problem (the case title comes from it). */
  problem: string;
  /** Everything else the person said, in order (the case description). */
  notes: string[];
  category: Category | null;
  severity: Severity | null;
  partner: Partner | null;
  serial?: string;
  model?: string;
  /** The kind of device ("video_bar") when no model was named. */
  family?: string;
  deviceId?: string;
  siteText?: string;
  siteId?: string;
  since?: string;
  roomsAffected?: number;
  meetingBlocked?: boolean;
  criticalEvent?: boolean;
  asked: Question[];
  pending?: Question;
  /** Documentation fixes were proposed and the person has not answered yet. */
  suggested?: boolean;
  /** The person asked for a case before saying what is wrong: the next message opens it. */
  openWhenDescribed?: boolean;
  lang: Language;
}

const SINCE =
  /\b(since|from|started|starting|desde|empez[oó]|comenz[oó]|yesterday|today|this morning|last (week|night|month)|ayer|hoy|esta (mañana|manana|tarde)|anoche|la semana pasada|(on |el )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo)|\d+ (hours?|days?|weeks?|horas?|d[ií]as?|semanas?) ago|hace \d+ (horas?|d[ií]as?|semanas?))\b/i;
const YES = /\b(yes|yeah|yep|si|sí|claro|correct|right now|ahora mismo)\b/i;
const NO = /\b(no|nope|not|none|ninguna?|nada)\b/i;
const ALL_ROOMS = /\b(all|every|everywhere|whole|todas?|todos|toda la)\b/i;
const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  una: 1,
  uno: 1,
  un: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
  only: 1,
  just: 1,
  solo: 1,
  sólo: 1,
};
const DONT_KNOW = /\b(don'?t know|no idea|not sure|no s[eé]|ni idea|no lo s[eé])\b/i;

/** Starts a draft from the message that reported the problem. */
export function startDraft(text: string, triage: TriageResult, lang: Language, family?: string): IntakeDraft {
  return mergeFacts(
    {
      problem: text.trim().slice(0, 2_000),
      notes: [],
      category: triage.category,
      severity: triage.severity,
      partner: triage.entities.partner,
      family,
      asked: [],
      lang,
    },
    triage,
  );
}

function mergeFacts(draft: IntakeDraft, triage: TriageResult): IntakeDraft {
  const next = { ...draft };
  const { entities, signals } = triage;
  if (entities.serial[0]) next.serial = entities.serial[0];
  if (entities.model[0] && (!next.model || entities.serial[0])) next.model = entities.model[0];
  // A site named later replaces an earlier one: "actually it's the Lisbon office"; a device
  // inferred from the old site goes with it (a serial the person gave stays).
  if (entities.site && entities.site !== next.siteText) {
    next.siteText = entities.site;
    next.siteId = undefined;
    if (!next.serial) next.deviceId = undefined;
  }
  if (entities.partner) next.partner = entities.partner;
  if (triage.category && !next.category) next.category = triage.category;
  if (triage.severity && (!next.severity || triage.severity < next.severity)) next.severity = triage.severity;
  if (signals.since) next.since = signals.since;
  if (signals.roomsAffected !== undefined) next.roomsAffected = signals.roomsAffected;
  if (signals.meetingBlocked !== undefined) next.meetingBlocked = signals.meetingBlocked;
  if (signals.criticalEvent) next.criticalEvent = true;
  return next;
}

/** Reads an answer in the light of the question that was asked, plus whatever else it says. */
export function mergeAnswer(draft: IntakeDraft, text: string, triage: TriageResult, family?: string): IntakeDraft {
  const answer = text.trim();
  let next = mergeFacts({ ...draft, notes: [...draft.notes, answer.slice(0, 2_000)], family: draft.family ?? family }, triage);
  const pending = draft.pending;
  next.pending = undefined;
  if (!pending) return next;
  if (DONT_KNOW.test(answer)) return next;
  switch (pending) {
    case "site":
      if (!triage.entities.site && answer.length <= 80 && !triage.entities.serial[0])
        next = { ...next, siteText: answer, siteId: undefined };
      break;
    case "since": {
      // "actually it's the Lisbon office" answers another question than the one asked.
      const aboutSomethingElse =
        Boolean(triage.entities.site || triage.entities.serial[0] || triage.entities.model[0]) && !SINCE.test(answer);
      // The person's own words answer the question better than a fragment the rules picked out.
      if (!aboutSomethingElse && (SINCE.test(answer) || answer.length <= 60)) next.since = answer;
      break;
    }
    case "impact": {
      const rooms =
        /\b(\d{1,3})\b/.exec(answer)?.[1] ??
        Object.entries(NUMBER_WORDS).find(([word]) => new RegExp(`\\b${word}\\b`, "i").test(answer))?.[1];
      if (next.roomsAffected === undefined)
        next.roomsAffected = ALL_ROOMS.test(answer) ? 99 : rooms !== undefined ? Number(rooms) : undefined;
      if (next.meetingBlocked === undefined) next.meetingBlocked = YES.test(answer) ? true : NO.test(answer) ? false : undefined;
      break;
    }
    case "device":
      break;
  }
  // The person corrected something else instead of answering: the question may come again.
  const correctedOther = Boolean(triage.entities.site || triage.entities.serial[0] || triage.entities.model[0]);
  if (!knows(next, pending) && correctedOther) next.asked = next.asked.filter((question) => question !== pending);
  return next;
}

/** Whether the draft already knows the answer to a question. */
export function knows(draft: IntakeDraft, question: Question): boolean {
  switch (question) {
    case "device":
      return Boolean(draft.deviceId || draft.serial || draft.model);
    case "site":
      return Boolean(draft.siteId || draft.siteText);
    case "since":
      return Boolean(draft.since);
    case "impact":
      return draft.roomsAffected !== undefined || draft.meetingBlocked !== undefined || draft.severity === "sev1";
  }
}

/**
 * The next question to ask, or undefined when the draft is complete enough. Each question is
 * asked once: a person who skips one is not asked again. A cloud-partner problem has no device
 * to find, and an outage across rooms needs no device either.
 */
export function nextQuestion(draft: IntakeDraft): Question | undefined {
  const widespread = (draft.roomsAffected ?? 0) > 1 || draft.category === "cloud_partner";
  // A critical outage is worked while it happens: only where it is matters before engineers look.
  const essential = (q: Question) => !isCritical(draft) || q === "site" || q === "device";
  return QUESTIONS.find((q) => essential(q) && !draft.asked.includes(q) && !knows(draft, q) && !(q === "device" && widespread));
}

/** Sev1: the case opens without the "since when" question or a documentation detour. */
export function isCritical(draft: IntakeDraft): boolean {
  return draft.severity === "sev1";
}

/** The case description: the problem, what was added, and the facts collected. */
export function describe(draft: IntakeDraft, facts: { device?: string; site?: string }): string {
  const lines = [draft.problem, ...draft.notes];
  const details = [
    facts.device ? `Device: ${facts.device}` : draft.serial ? `Serial: ${draft.serial}` : undefined,
    facts.site ? `Site: ${facts.site}` : draft.siteText ? `Site: ${draft.siteText}` : undefined,
    draft.since ? `Since: ${draft.since}` : undefined,
    draft.roomsAffected !== undefined ? `Rooms affected: ${draft.roomsAffected >= 99 ? "all" : draft.roomsAffected}` : undefined,
    // Read from the words ("dead", "no picture at all") or from the answer to the impact question.
    draft.meetingBlocked !== undefined
      ? `Impact: ${draft.meetingBlocked ? "can't be used for meetings" : "degraded, still usable"}`
      : undefined,
  ].filter(Boolean);
  return [...lines, ...(details.length ? ["", ...details] : [])].join("\n");
}
