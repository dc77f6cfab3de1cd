/**
 * The triage vocabulary shared by the classifier, the evaluation and the rest of the product.
 * The labels are the ones of the eval taxonomy (`eval/TRIAGE.md`); keep the lists in sync with it.
 */
import type { Intent, Language, Severity } from "../../core/vocabulary.ts";

/** Where the described problem lives; only set for the problem-carrying intents. */
export type Category =
  "hardware_failure" | "firmware_software" | "network" | "cloud_partner" | "configuration" | "audio_video_quality" | "account_license";

/** Cloud meeting platforms the product bridges to. */
export type Partner = "microsoft" | "zoom" | "google" | "webex";

/** Every category. */
export const CATEGORIES: readonly Category[] = [
  "hardware_failure",
  "firmware_software",
  "network",
  "cloud_partner",
  "configuration",
  "audio_video_quality",
  "account_license",
];

/** Intents that carry a category and a severity when a problem is described. */
export const PROBLEM_INTENTS: ReadonlySet<Intent> = new Set<Intent>(["report_issue", "escalate", "onsite_request", "partner_ticket"]);

/** Entities named in a message, canonical forms (serial `NB5-2231987`, model ids from the catalog, `CS-10422`, `RMA-204511`). */
export interface TriageEntities {
  serial: string[];
  model: string[];
  case_id: string[];
  rma_id: string[];
  partner: Partner | null;
  /** The location as written by the person, e.g. "Madrid 3rd floor boardroom". */
  site: string | null;
}

/** Facts the intake conversation uses to decide what it still has to ask. */
export interface TriageSignals {
  /** A meeting cannot happen (device unusable, outage) — as opposed to a degraded one. */
  meetingBlocked?: boolean;
  /** Rooms or devices said to be affected; a large number stands for "all"/"every". */
  roomsAffected?: number;
  /** When it started, as written ("since the update", "desde ayer"). */
  since?: string;
  /** An executive or customer-facing event is at stake now or within a day. */
  criticalEvent?: boolean;
}

/** Per-field confidences, each 0..1. */
export interface FieldConfidences {
  intent: number;
  category: number;
  severity: number;
}

/** The understanding of one message. */
export interface TriageResult {
  intent: Intent;
  category: Category | null;
  severity: Severity | null;
  entities: TriageEntities;
  lang: Language;
  /** Overall confidence 0..1; low values are worth a clarifying question (or the language model). */
  confidence: number;
  confidences: FieldConfidences;
  signals: TriageSignals;
  /** Who produced the labels: the rules alone, or the rules refined by the language model. */
  source: "rules" | "llm";
  /** True when the message was longer than the analysed length and was cut. */
  truncated: boolean;
}

/** The triage component: synchronous rules, plus an optional language-model refinement. */
export interface Triage {
  /** Classifies one message with the rules only; never throws, bounded time. */
  classify(text: string): TriageResult;
  /**
   * Asks the language model to check a low-confidence result. Resolves to the rule result
   * unchanged when no model is configured, the result is confident, or the model fails or is slow.
   */
  refine?(text: string, result: TriageResult): Promise<TriageResult>;
}
