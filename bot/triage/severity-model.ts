/**
 * A learned second judge of severity beside the rules (severity.ts). Hand-written impact rules
 * rate the sentences they were tuned on almost perfectly and new wordings much worse; a small
 * linear model over the message's words and letter groups, given the rules' own impact signals as
 * further cues, carries the taxonomy to wordings nobody wrote a rule for. The rules' severity then
 * counts as a bonus on the model's scores, so a clear rule still wins and an unsure one can be
 * outvoted.
 *
 * Trained on severity-examples.ts once per process and catalog (the cues come from the catalog's
 * rules), lazily on the first problem that needs a severity.
 */
import { LinearModel, softmax, type TrainingExample, type TrainingOptions } from "../understanding/linear-model.ts";
import { featuresOf } from "../understanding/ngrams.ts";
import { SEVERITIES, type Intent, type Severity } from "../../core/vocabulary.ts";
import { MANY, type Impact } from "./impact.ts";
import type { SeverityDecision } from "./severity.ts";
import { SEVERITY_EXAMPLES, type SeverityExample } from "./severity-examples.ts";
import type { Category } from "./types.ts";

/** What the rules read of a problem: the model's cues besides the words. */
export interface SeverityCues {
  intent: Intent;
  category: Category | null;
  impact: Impact;
  rule: SeverityDecision;
}

/** Knobs of the model, for measuring alternatives; the defaults are the measured best. */
export interface SeverityTuning extends TrainingOptions {
  /** Added to the logit of the rules' severity; larger trusts the rules more. */
  ruleBonus?: number;
  /** Leave the rules' cues out of the features (the words alone). */
  wordsOnly?: boolean;
  /**
   * Also train on each example without the rules' cues, so the words must carry the severity on
   * their own: the rules rate their training sentences almost perfectly, and a model that only saw
   * them right would lean on them as hard on new wordings, where they are often wrong.
   */
  cueDropout?: boolean;
  /** Let the model decide only where the rules are less sure than this (1: everywhere). */
  onlyBelow?: number;
  /** Train on these instead of the product's examples (cross-validation). */
  examples?: readonly SeverityExample[];
}

/** Rates the severity of a problem the rules have read. */
export interface SeverityModel {
  decide(text: string, cues: SeverityCues): SeverityDecision;
}

/** Trust in the rules' severity, on the model's logits (cross-validated on the examples). */
const RULE_BONUS = 1.5;

/** Trained models by catalog and tuning: every triage built in one process shares one. */
const MODELS = new Map<string, LinearModel>();

/** The cue features of what the rules read. */
export function cueFeatures(cues: SeverityCues): string[] {
  const { impact } = cues;
  const out = [`intent:${cues.intent}`, `cat:${cues.category ?? "none"}`, `rule:${cues.rule.severity ?? "none"}`, `rooms:${roomsBucket(impact.rooms)}`];
  for (const flag of ["critical", "unusable", "blocked", "worksPartly", "intermittent", "minor", "mainJobLost", "secondary"] as const)
    if (impact[flag]) out.push(`impact:${flag}`);
  if (impact.since) out.push("since");
  return out;
}

const roomsBucket = (rooms: number | undefined): string =>
  rooms === undefined ? "unsaid" : rooms === MANY ? "all" : rooms >= 5 ? "many" : rooms >= 2 ? "some" : "one";

/**
 * Builds the model for one catalog. `read` runs the rules on an example (the cues depend on the
 * catalog's product words); it is called only while training, on the first `decide`.
 */
export function createSeverityModel(
  catalogKey: string,
  read: (text: string) => SeverityCues | undefined,
  tuning: SeverityTuning = {},
): SeverityModel {
  const examples = tuning.examples ?? SEVERITY_EXAMPLES;
  const ruleBonus = tuning.ruleBonus ?? RULE_BONUS;
  const featuresFor = (text: string, cues: SeverityCues | undefined): string[] =>
    featuresOf(text, tuning.wordsOnly || !cues ? [] : cueFeatures(cues));
  let model: LinearModel | undefined;
  const trained = (): LinearModel => {
    if (model) return model;
    const key = JSON.stringify([catalogKey, tuning]);
    const cached = MODELS.get(key);
    if (cached) return (model = cached);
    const training: TrainingExample[] = examples.flatMap(([text, severity]) => {
      const label = SEVERITIES.indexOf(severity);
      const withCues = { features: featuresFor(text, read(text)), label };
      return tuning.cueDropout ? [withCues, { features: featuresFor(text, undefined), label }] : [withCues];
    });
    model = new LinearModel(SEVERITIES.length).train(training, { epochs: 16, learningRate: 1.2, ...tuning });
    MODELS.set(key, model);
    return model;
  };
  return {
    decide(text, cues) {
      if (!cues.category || !cues.rule.severity || cues.rule.confidence >= (tuning.onlyBelow ?? 1)) return cues.rule;
      const logits = trained().scores(featuresFor(text, cues));
      logits[SEVERITIES.indexOf(cues.rule.severity)]! += ruleBonus;
      const probabilities = softmax(logits);
      let best = 0;
      for (let k = 1; k < probabilities.length; k++) if (probabilities[k]! > probabilities[best]!) best = k;
      return { severity: SEVERITIES[best]!, confidence: probabilities[best]! };
    },
  };
}
