/**
 * Triage: understands one support message — intent, problem category, severity, entities,
 * language and a confidence — per the eval taxonomy. Rules and catalog-driven lexicons, no
 * language model needed; a configured model can refine low-confidence results.
 *
 * Flow: text -> prepare (cap, strip markup, fold) -> identifiers, models, partner, site ->
 * problem evidence -> intent (tie-break order) -> category and severity for problem intents.
 */
import type { Catalog } from "../../core/catalog.ts";
import type { LanguageModel } from "../../core/llm.ts";
import { createClassifier } from "./classify.ts";
import { createRefiner } from "./refine.ts";
import type { Triage } from "./types.ts";

export type { Category, FieldConfidences, Partner, Triage, TriageEntities, TriageResult, TriageSignals } from "./types.ts";
export { CATEGORIES, PROBLEM_INTENTS } from "./types.ts";
export { MAX_ANALYSED_CHARS } from "./text.ts";

/** Options of `createTriage`. */
export interface TriageOptions {
  /** Language model used by `refine`; without one, `refine` returns the rule result. */
  llm?: LanguageModel | undefined;
  /** Time allowed to the model per refinement (default 2500 ms). */
  llmTimeoutMs?: number | undefined;
  /** Only results below this confidence are refined (default 0.7). */
  refineBelow?: number | undefined;
  /** Called when the model fails or times out; the rule result is used anyway. */
  onLlmError?: ((error: unknown) => void) | undefined;
}

/** Default time allowed to the language model: a reply must not wait long for an enhancement. */
export const DEFAULT_LLM_TIMEOUT_MS = 2_500;
/** Default confidence below which a result is worth a second opinion. */
export const DEFAULT_REFINE_BELOW = 0.7;

/**
 * Builds the triage for a product catalog. Model names, aliases and serial prefixes all come
 * from `catalog`, so another catalog file needs no code change.
 */
export function createTriage(catalog: Catalog, options: TriageOptions = {}): Triage {
  const classify = createClassifier(catalog);
  const llm = options.llm;
  const refine = llm
    ? createRefiner({
        llm,
        timeoutMs: options.llmTimeoutMs ?? DEFAULT_LLM_TIMEOUT_MS,
        refineBelow: options.refineBelow ?? DEFAULT_REFINE_BELOW,
        onError: options.onLlmError,
      })
    : async (_text: string, result: ReturnType<typeof classify>) => result;
  return { classify, refine };
}
