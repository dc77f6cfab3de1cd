/**
 * The draft of a case while the intake conversation collects what is missing. Pure: it merges
 * each message's triage into the draft and says what to ask next, so the conversation rules are
 * easy to test without a database.
 */
import type { Language } from "../../core/vocabulary.ts";
import type { Category, Partner, TriageResult } from "../triage/index.ts";
import type { Severity } from "../../core/vocabulary.ts";
import { fold } from "../../core/text/fold.ts";
import { readNumberWords } from "../../core/text/number-words.ts";
import { sinceIn } from "./since.ts";

import { writeDetails } from "../cases/description.ts";
import { asWritten } from "./as-written.ts";
import { translator } from "../i18n/index.ts";

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
  /** The person's own words for the device when they named no model ("the room kit"). */
  deviceWords?: string;
  deviceId?: string;
  siteText?: string;
  siteId?: string;
  /** The words that named the site, when they are one of its names in another form ("Lisboa"), not a typo. */
  siteWords?: string;
  since?: string;
  roomsAffected?: number;
  meetingBlocked?: boolean;
  criticalEvent?: boolean;
  asked: Question[];
  pending?: Question;
  /** What the bot last said it understood ("Room Kit at Lisbon office, since yesterday"). */
  acknowledged?: string;
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
/** "only one", "solo una": one room. */
const ONE = /\b(only|just|solo|sólo|una?|uno)\b/i;
const DONT_KNOW = /\b(don'?t know|no idea|not sure|no s[eé]|ni idea|no lo s[eé])\b/i;

/** The number of rooms an answer gives, in digits or in words ("two", "dos"), or "only one". */
function roomsIn(answer: string): number | undefined {
  const digits = /\b(\d{1,3})\b/.exec(answer)?.[1];
  if (digits) return Number(digits);
  const words = fold(answer)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const number = readNumberWords(words, i);
    if (number) return number.value;
  }
  return ONE.test(answer) ? 1 : undefined;
}

/** Starts a draft from the message that reported the problem. */
export function startDraft(text: string, triage: TriageResult, lang: Language, family?: string, deviceWords?: string): IntakeDraft {
  return mergeFacts(
    text,
    {
      problem: text.trim().slice(0, 2_000),
      notes: [],
      category: triage.category,
      severity: triage.severity,
      partner: triage.entities.partner,
      family,
      deviceWords: family ? deviceWords : undefined,
      asked: [],
      lang,
    },
    triage,
  );
}

/** Merges what the triage read in `text`; fragments it quotes are kept as the person wrote them. */
function mergeFacts(text: string, draft: IntakeDraft, triage: TriageResult): IntakeDraft {
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
  // The person's words as written ("desde hoy por la mañana") before the rules' folded copy,
  // which is looked up again in the message when the phrase reader finds nothing.
  const since = sinceIn(text) ?? (signals.since ? asWritten(text, signals.since) : undefined);
  if (since) next.since = since;
  if (signals.roomsAffected !== undefined) next.roomsAffected = signals.roomsAffected;
  if (signals.meetingBlocked !== undefined) next.meetingBlocked = signals.meetingBlocked;
  if (signals.criticalEvent) next.criticalEvent = true;
  return next;
}

/** Reads an answer in the light of the question that was asked, plus whatever else it says. */
export function mergeAnswer(draft: IntakeDraft, text: string, triage: TriageResult, family?: string, deviceWords?: string): IntakeDraft {
  const answer = text.trim();
  const device = draft.family ? {} : { family, deviceWords: family ? deviceWords : undefined };
  let next = mergeFacts(answer, { ...draft, notes: [...draft.notes, answer.slice(0, 2_000)], ...device }, triage);
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
      if (!aboutSomethingElse && !next.since && (SINCE.test(answer) || answer.length <= 60)) next.since = answer;
      break;
    }
    case "impact": {
      if (next.roomsAffected === undefined) next.roomsAffected = ALL_ROOMS.test(answer) ? 99 : roomsIn(answer);
      if (next.meetingBlocked === undefined) next.meetingBlocked = YES.test(answer) ? true : NO.test(answer) ? false : undefined;
      break;
    }
    case "device":
      break;
  }
  // The person corrected something else instead of answering: the question may come again. Words
  // for the device ("the room kit") answer the device question even when no model fits.
  const correctedOther = Boolean(triage.entities.site || triage.entities.serial[0] || triage.entities.model[0]);
  const answered = knows(next, pending) || (pending === "device" && Boolean(next.deviceWords));
  if (!answered && correctedOther) next.asked = next.asked.filter((question) => question !== pending);
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

/**
 * The case description: the problem, what was added, and the facts collected, labelled in the
 * language of the person reporting (the case is stored once; cards relabel it for each reader).
 * A model the person named that is not one of their registered devices is kept as the reported model.
 */
export function describe(draft: IntakeDraft, facts: { device?: string; site?: string; reportedModel?: string }): string {
  const lines = [draft.problem, ...draft.notes];
  const details = writeDetails(
    {
      device: facts.device,
      serial: draft.serial,
      reportedModel: facts.device ? undefined : facts.reportedModel,
      site: facts.site ?? draft.siteText,
      since: draft.since,
      roomsAffected: draft.roomsAffected,
      // Read from the words ("dead", "no picture at all") or from the answer to the impact question.
      meetingBlocked: draft.meetingBlocked,
    },
    translator(draft.lang),
  );
  return [...lines, ...(details.length ? ["", ...details] : [])].join("\n");
}
