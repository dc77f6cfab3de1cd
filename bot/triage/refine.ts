/**
 * Optional language-model refinement of a low-confidence rule result. The model only re-labels
 * intent, category and severity; entities stay with the rules, which are exact for ids and
 * catalog names. Any error, malformed answer or timeout leaves the rule result as it was.
 */
import { z } from "zod";
import type { LanguageModel } from "../../core/llm.ts";
import { CATEGORIES, PROBLEM_INTENTS, type TriageResult } from "./types.ts";
import { INTENTS, SEVERITIES } from "../../core/vocabulary.ts";

/** How the refinement behaves. */
export interface RefineSettings {
  llm: LanguageModel;
  /** Hard limit for the model call; the rule result is returned when it passes. */
  timeoutMs: number;
  /** Results at or above this confidence are not sent to the model. */
  refineBelow: number;
  /** Told about model failures (they are expected and not fatal; the caller decides how to log them). */
  onError?: ((error: unknown) => void) | undefined;
}

/** The model's answer, validated. */
const answerSchema = z.object({
  intent: z.enum(INTENTS),
  category: z.enum(CATEGORIES as [string, ...string[]]).nullable(),
  severity: z.enum(SEVERITIES).nullable(),
});

/** JSON schema for structured output (strict mode: every property required, nulls allowed). */
export const TRIAGE_ANSWER_SCHEMA = {
  name: "triage_labels",
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["intent", "category", "severity"],
    properties: {
      intent: { type: "string", enum: [...INTENTS] },
      category: { type: ["string", "null"], enum: [...CATEGORIES, null] },
      severity: { type: ["string", "null"], enum: [...SEVERITIES, null] },
    },
  },
} as const;

const INSTRUCTIONS = [
  "You label support chat messages for a vendor of meeting-room devices (video bars, room systems, touch " +
    "consoles, cameras, speakerphones, headsets, desk phones). Messages are in English or Spanish.",
  "Intents: report_issue (something is wrong now), how_to (usage/setup question, nothing broken), case_status " +
    "(status of or info for an existing case), escalate (raise/prioritise/manager), replacement_status (RMA, " +
    "replacement shipping/return), register_product, license_lookup (licences, contract, warranty, plan), " +
    "parts_availability (spare parts, accessories), software_update (versions, releases, downloads, update " +
    "planning; not a failed update), onsite_request (technician visit), partner_ticket (open/check a ticket with " +
    "Microsoft, Zoom, Google or Webex, or bring them in), close_case (solved, close it), greeting_help " +
    "(greetings, thanks, what can you do), other (off-topic).",
  "Tie-breaks: a request about an existing case/RMA/escalation/onsite/partner ticket wins over the problem " +
    "description; escalation wording wins; a failed update is report_issue.",
  "Categories (only for report_issue, escalate, onsite_request, partner_ticket; null otherwise or when no " +
    "problem is described): hardware_failure, firmware_software, network, cloud_partner (the partner's service or " +
    "tenant), configuration, audio_video_quality, account_license (vendor licence).",
  "Severities (null when category is null): sev1 outage of many rooms (5+, a floor, a site) or a critical " +
    "executive/customer event within 24h; sev2 one room or device unusable; sev3 degraded or with a workaround; " +
    "sev4 cosmetic or a question with no impact.",
  "Answer with JSON only.",
].join("\n");

/** Builds the refine function. */
export function createRefiner(settings: RefineSettings): (text: string, result: TriageResult) => Promise<TriageResult> {
  return async (text, result) => {
    if (result.confidence >= settings.refineBelow) return result;
    try {
      const answer = await withTimeout(
        settings.llm.chatJson<unknown>(
          [
            { role: "system", content: INSTRUCTIONS },
            {
              role: "user",
              content: `Rule-based guess: ${JSON.stringify({ intent: result.intent, category: result.category, severity: result.severity })}\nMessage:\n${text.slice(0, 2000)}`,
            },
          ],
          TRIAGE_ANSWER_SCHEMA as unknown as { name: string; schema: Record<string, unknown> },
          { timeoutMs: settings.timeoutMs },
        ),
        settings.timeoutMs,
      );
      const parsed = answerSchema.parse(answer);
      const problem = PROBLEM_INTENTS.has(parsed.intent as TriageResult["intent"]);
      const category = problem ? (parsed.category as TriageResult["category"]) : null;
      const severity = category ? (parsed.severity as TriageResult["severity"]) : null;
      return {
        ...result,
        intent: parsed.intent as TriageResult["intent"],
        category,
        severity,
        source: "llm",
        // The model agreed or corrected: either way the labels were checked twice.
        confidence: Math.max(result.confidence, 0.75),
      };
    } catch (error) {
      settings.onError?.(error);
      return result;
    }
  };
}

/** Rejects after `ms`; the late answer, if it ever comes, is ignored. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`language model did not answer within ${ms} ms`)), ms);
  });
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
