/**
 * Chooses the intent. The order follows the taxonomy's tie-breaks: requests about an existing
 * object (close, escalate, partner ticket, onsite, replacement, case) win over a problem
 * description; a described problem wins over how-to; a greeting before a request is ignored.
 */
import {
  CASE_STATUS_NO_ID,
  CLOSE_NEGATED,
  CLOSE_REQUEST,
  ESCALATE,
  ESCALATE_NEGATED,
  NOT_RESOLVED,
  PARTNER_BRING_IN,
  PARTNER_RAISE,
  PARTNER_REPLY,
  PARTNER_TICKET_REF,
  REQUEST_MARKER,
  RESOLVED,
} from "./cues-cases.ts";
import { GREETING_CORE, GREETING_WORDS, HOW_TO, META_HELP, NOISE, OFF_TOPIC, OTHER_DEVICE } from "./cues-conversation.ts";
import {
  COVERAGE_QUESTION,
  LICENSE_TOPIC,
  NOT_ONSITE,
  ONSITE,
  PART_NOUN,
  PARTS_REQUEST,
  REGISTER,
  REGISTER_NOT,
  REPLACEMENT,
  SOFTWARE_TOPIC,
} from "./cues-services.ts";
import type { ProblemEvidence } from "./symptoms.ts";
import type { Partner } from "./types.ts";
import type { Intent } from "../../core/vocabulary.ts";
import { wordUnion } from "./patterns.ts";

/** What the intent rules look at. */
export interface IntentInput {
  folded: string;
  caseIds: readonly string[];
  rmaIds: readonly string[];
  serials: readonly string[];
  models: readonly string[];
  partner: Partner | null;
  problem: ProblemEvidence;
  /** Words of the vendor and its catalog, which make a message about the vendor's products. */
  vendorWords: ReadonlySet<string>;
}

/** The chosen intent, how sure the rule is, and which rule decided (for debugging and tests). */
export interface IntentDecision {
  intent: Intent;
  confidence: number;
  rule: string;
}

/** A problem at least this strong is a report even when phrased as a question. */
const STRONG_PROBLEM = 3;

const DOMAIN = wordUnion([
  /bars?/,
  /barras?/,
  /video ?bars?/,
  /cams?/,
  /cameras?/,
  /camaras?/,
  /headsets?/,
  /auriculares/,
  /speakerphones?/,
  /speakers?/,
  /altavoz/,
  /mics?/,
  /microphones?/,
  /microfonos?/,
  /consoles?/,
  /consola/,
  /panels?/,
  /taps?/,
  /room systems?/,
  /rooms?/,
  /salas?/,
  /displays?/,
  /screens?/,
  /pantallas?/,
  /firmware/,
  /licen[cs]es?/,
  /licencias?/,
  /rma/,
  /cases?/,
  /casos?/,
  /tickets?/,
  /incidencias?/,
  /support/,
  /soporte/,
  /devices?/,
  /equipos?/,
  /dispositivos?/,
  /units?/,
  /portal/,
  /warranty/,
  /garantia/,
  /onsite/,
  /technician/,
  /tecnico/,
  /desk ?phones?/,
  /telefonos?/,
  /meetings?/,
  /reuniones?/,
  /calls?/,
  /llamadas?/,
  /serial/,
  /serie/,
  /contract/,
  /contrato/,
  /subscription/,
  /spare/,
  /repuesto/,
  /northwind/,
]);
const CASE_WORD = /\b(case|ticket|caso|incidencia|cs)\b/;
const THANKS = /\b(thanks|thank you|thx|ty|cheers|gracias)\b/;
const PROCEDURE = /\b(process|procedure|procedimiento|proceso|how do (i|we) (open|file|claim|request|start|return|send))\b/;
/** "is it normal that...": a problem with no impact is still reported (taxonomy sev4). */
const NORMAL_QUESTION =
  /\b(is (it|that|this) (normal|expected|supposed to)|(is|are) [\w ]{1,40} supposed to|es normal|se supone que|(deberia|debe) (hacer|sonar|verse|estar|pasar|funcionar) (asi|eso))\b/;
const GREETING_EMOJI = /[\u{1F44B}\u{1F64F}\u{1F44D}\u{1F642}\u{1F60A}\u{1F600}\u{1F603}\u{1F917}]/u;

/** Decides the intent of a prepared message. */
export function decideIntent(input: IntentInput, original: string): IntentDecision {
  const t = input.folded;
  const hasIds = input.caseIds.length > 0 || input.rmaIds.length > 0 || input.serials.length > 0;
  if (!/[\p{L}\p{N}]/u.test(t)) {
    return GREETING_EMOJI.test(original) ? decision("greeting_help", 0.5, "emoji greeting") : decision("other", 0.4, "no words");
  }
  if (isGreetingOnly(t)) return decision("greeting_help", 0.9, "greeting words only");
  if (META_HELP.test(t) && input.problem.strength === 0 && !hasIds && input.models.length === 0)
    return decision("greeting_help", 0.8, "asks what the bot does");
  if (NOISE.test(t.replace(/[^a-z0-9 ]/g, "").trim())) return decision("other", 0.8, "test or noise");
  if (OFF_TOPIC.test(t) && input.models.length === 0 && !hasIds) return decision("other", 0.8, "off-topic subject");
  if (OTHER_DEVICE.test(t) && !isAboutProducts(input)) return decision("other", 0.65, "about another product");

  const escalation = ESCALATE.test(t) && !ESCALATE_NEGATED.test(t) && !PARTNER_RAISE.test(t);
  const closing = CLOSE_REQUEST.test(t) && !CLOSE_NEGATED.test(t);
  const resolved = RESOLVED.test(t) && !NOT_RESOLVED.test(t);
  if (!escalation && (closing || (resolved && (input.caseIds.length > 0 || CASE_WORD.test(t) || THANKS.test(t))))) {
    return decision("close_case", closing ? 0.9 : 0.75, closing ? "close request" : "resolved statement");
  }
  if (escalation) return decision("escalate", 0.9, "escalation wording");
  if (isPartnerTicket(input)) return decision("partner_ticket", 0.85, "partner ticket request");
  if (ONSITE.test(t.replace(NOT_ONSITE, " "))) return decision("onsite_request", 0.85, "onsite wording");
  const partsRequest = PARTS_REQUEST.test(t) && PART_NOUN.test(t);
  // "does premium support include advance replacement?" asks about the contract, not a shipment.
  const strongProblem = input.problem.strength >= STRONG_PROBLEM;
  if (!strongProblem && input.rmaIds.length === 0 && COVERAGE_QUESTION.test(t) && LICENSE_TOPIC.test(t))
    return decision("license_lookup", 0.7, "coverage question");
  if (input.rmaIds.length > 0 || (REPLACEMENT.test(t) && !partsRequest)) return decision("replacement_status", 0.85, "replacement or RMA");
  if (input.caseIds.length > 0) return decision("case_status", 0.8, "case id");
  if (CASE_STATUS_NO_ID.test(t)) return decision("case_status", 0.7, "case status wording");
  if (REGISTER.test(t) && !REGISTER_NOT.test(t)) return decision("register_product", 0.85, "registration wording");
  if (partsRequest) return decision("parts_availability", 0.8, "spare part request");

  const strength = input.problem.strength;
  const question =
    HOW_TO.test(t) || t.includes("?") || /^(when|which|what|how|is|are|do|does|can|could|cuando|cual|que|como|hay|tenemos)\b/.test(t);
  if (strength >= STRONG_PROBLEM) return decision("report_issue", Math.min(0.95, 0.6 + strength * 0.05), "problem described");
  // "is it normal that the fan spins up at boot?" asks about a behaviour of the device: a report
  // with no impact (taxonomy sev4), even when the behaviour is not a known symptom.
  const topical = Object.values(input.problem.topics).some((value) => value > 0);
  if ((strength > 0 || topical) && NORMAL_QUESTION.test(t)) return decision("report_issue", 0.6, "asks whether a symptom is normal");
  // A statement with a symptom ("the portal says our subscription expired") reports it, even when
  // it is about licences or versions; a question on those topics is a lookup.
  if (strength >= 1.5 && !question) return decision("report_issue", 0.55, "problem stated");
  if (SOFTWARE_TOPIC.test(t)) return decision("software_update", strength > 0 ? 0.6 : 0.8, "versions or updates");
  if (LICENSE_TOPIC.test(t) && !PROCEDURE.test(t)) return decision("license_lookup", strength > 0 ? 0.6 : 0.8, "licence or contract");
  if (question && (HOW_TO.test(t) || strength === 0)) {
    const domain = isAboutProducts(input);
    if (!domain && OTHER_DEVICE.test(t)) return decision("other", 0.6, "question about another product");
    // A bare question with nothing about devices, meetings or support ("does anyone know if we
    // have to come in tomorrow?") is out of scope; "how do I..." stays a how-to.
    if (!domain && !HOW_TO.test(t)) return decision("other", 0.45, "question about something else");
    return decision("how_to", domain ? (strength > 0 ? 0.55 : 0.75) : 0.45, "question");
  }
  if (strength > 0) return decision("report_issue", 0.5, "weak problem wording");
  if (!isAboutProducts(input)) return decision("other", 0.5, "nothing about the products");
  return decision("report_issue", 0.35, "product mentioned, nothing asked");
}

function decision(intent: Intent, confidence: number, rule: string): IntentDecision {
  return { intent, confidence, rule };
}

function isPartnerTicket(input: IntentInput): boolean {
  const t = input.folded;
  if (!input.partner && !/\bpartner (ticket|case)\b/.test(t)) return false;
  if (PARTNER_BRING_IN.test(t) || PARTNER_REPLY.test(t) || PARTNER_RAISE.test(t)) return true;
  return PARTNER_TICKET_REF.test(t) && REQUEST_MARKER.test(t);
}

/** Only greetings, thanks, "help", "what can you do", "are you a bot". */
function isGreetingOnly(folded: string): boolean {
  const words = folded.match(/[a-z']+/g) ?? [];
  if (words.length === 0 || words.length > 14) return false;
  return GREETING_CORE.test(folded) && words.every((word) => GREETING_WORDS.has(word) || GREETING_WORDS.has(word.replace(/'s$/, "")));
}

function isAboutProducts(input: IntentInput): boolean {
  if (input.models.length > 0 || input.serials.length > 0 || input.caseIds.length > 0 || input.rmaIds.length > 0 || input.partner)
    return true;
  if (DOMAIN.test(input.folded)) return true;
  return (input.folded.match(/[a-z]+/g) ?? []).some((word) => input.vendorWords.has(word));
}
