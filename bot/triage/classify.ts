/**
 * The rule-based classifier: one pass from a raw message to a full TriageResult. Built once per
 * catalog (the alias index and serial pattern are compiled up front), then pure and synchronous.
 */
import type { Catalog } from "../../core/catalog.ts";
import { decideCategory } from "./category.ts";
import { createIdentifierExtractor, unique } from "./identifiers.ts";
import { readImpact } from "./impact.ts";
import { decideIntent } from "./intent.ts";
import { scoreLanguage } from "../../core/text/language.ts";
import { createModelMatcher } from "./models.ts";
import { detectPartner } from "./partner.ts";
import { decideSeverity } from "./severity.ts";
import { extractSite } from "./site.ts";
import { readProblem } from "./symptoms.ts";
import { prepareText } from "./text.ts";
import { normaliseWord, tokenize } from "./tokens.ts";
import { PROBLEM_INTENTS, type TriageResult, type TriageSignals } from "./types.ts";

const FUNCTION_WORDS = new Set(["de", "del", "la", "el", "los", "las", "the", "of", "y", "and", "a", "en", "in"]);

/** Classifies one message with the rules only. */
export type Classifier = (text: string) => TriageResult;

/** Compiles the rules for a catalog. */
export function createClassifier(catalog: Catalog): Classifier {
  const models = createModelMatcher(catalog);
  const identifiers = createIdentifierExtractor(models.prefixes);
  const vendorWords = new Set(tokenize(catalog.vendor).map((token) => token.norm));
  // Function words inside aliases ("panel de reservas") do not make a word a product name.
  const productWords = new Set([...models.aliasWords, ...vendorWords].filter((word) => !FUNCTION_WORDS.has(word)));
  const isProductWord = (word: string) => productWords.has(normaliseWord(word));

  return (input) => {
    const text = prepareText(input);
    const ids = identifiers.extract(text.raw);
    const tokens = tokenize(text.prose);
    const mentions = models.find(tokens);
    const serialModels = ids.serial.map((serial) => models.modelForPrefix(serial.split("-")[0]!)).filter((id): id is string => Boolean(id));
    const modelIds = unique([...mentions.map((mention) => mention.id), ...serialModels]);
    const partner = detectPartner(text.folded, text.prose);
    const site = extractSite(text.prose, mentions, productWords);
    const problem = readProblem(text.folded, partner !== null);

    const intent = decideIntent(
      {
        folded: text.folded,
        caseIds: ids.case_id,
        rmaIds: ids.rma_id,
        serials: ids.serial,
        models: modelIds,
        partner,
        problem,
        vendorWords,
      },
      text.prose,
    );
    let category: TriageResult["category"] = null;
    let severity: TriageResult["severity"] = null;
    let categoryConfidence = 0.8;
    let severityConfidence = 0.8;
    const signals: TriageSignals = {};
    if (PROBLEM_INTENTS.has(intent.intent)) {
      const impact = readImpact(problem.text, isProductWord, site);
      const chosenCategory = decideCategory(problem, intent.intent, partner);
      const chosenSeverity = decideSeverity(chosenCategory.category, impact, intent.intent);
      category = chosenCategory.category;
      severity = chosenSeverity.severity;
      categoryConfidence = chosenCategory.confidence;
      severityConfidence = chosenSeverity.confidence;
      if (category) signals.meetingBlocked = severity === "sev1" || severity === "sev2";
      if (impact.rooms !== undefined) signals.roomsAffected = impact.rooms;
      if (impact.since) signals.since = impact.since;
      if (impact.critical) signals.criticalEvent = true;
    }

    const confidence = PROBLEM_INTENTS.has(intent.intent)
      ? intent.confidence * (0.5 + 0.25 * categoryConfidence + 0.25 * severityConfidence)
      : intent.confidence;
    return {
      intent: intent.intent,
      category,
      severity,
      entities: { serial: ids.serial, model: modelIds, case_id: ids.case_id, rma_id: ids.rma_id, partner, site },
      lang: scoreLanguage(text.folded, text.prose) > 0 ? "es" : "en",
      confidence: round(confidence),
      confidences: { intent: round(intent.confidence), category: round(categoryConfidence), severity: round(severityConfidence) },
      signals,
      source: "rules",
      truncated: text.truncated,
    };
  };
}

const round = (value: number): number => Math.round(Math.max(0, Math.min(1, value)) * 100) / 100;
