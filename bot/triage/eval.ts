/**
 * Evaluation of the triage against a labelled JSONL set, with the metrics of the eval taxonomy
 * (§6): intent accuracy, category macro-F1, severity accuracy, entity micro-F1 over
 * (field, value) pairs, lenient site F1, per language, plus a confusion matrix.
 */
import { z } from "zod";
import { CATEGORIES, type TriageEntities, type TriageResult } from "./types.ts";
import { INTENTS, SEVERITIES, type Language } from "../../core/vocabulary.ts";

const labelledSchema = z.object({
  id: z.string().optional(),
  text: z.string(),
  lang: z.enum(["en", "es"]),
  intent: z.enum(INTENTS),
  category: z.enum(CATEGORIES as [string, ...string[]]).nullable(),
  severity: z.enum(SEVERITIES).nullable(),
  entities: z.object({
    serial: z.array(z.string()).default([]),
    model: z.array(z.string()).default([]),
    case_id: z.array(z.string()).default([]),
    rma_id: z.array(z.string()).default([]),
    partner: z.enum(["microsoft", "zoom", "google", "webex"]).nullable().default(null),
    site: z.string().nullable().default(null),
  }),
});

/** One labelled message of an evaluation set. */
export type LabelledMessage = Omit<TriageResult, "confidence" | "confidences" | "signals" | "source" | "truncated"> & {
  id?: string;
  text: string;
};

/** A set that cannot be read; the message names the line. */
export class EvalSetError extends Error {
  override readonly name = "EvalSetError";
}

/** Parses JSONL text into labelled messages; blank lines are skipped. */
export function parseLabelledSet(content: string, source = "set"): LabelledMessage[] {
  const items: LabelledMessage[] = [];
  content.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim()) return;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch (error) {
      throw new EvalSetError(`${source}:${index + 1}: not valid JSON (${(error as Error).message})`);
    }
    const parsed = labelledSchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new EvalSetError(`${source}:${index + 1}: ${issue.path.join(".") || "(record)"}: ${issue.message}`);
    }
    items.push(parsed.data as LabelledMessage);
  });
  if (items.length === 0) throw new EvalSetError(`${source}: no labelled messages`);
  return items;
}

/** Scores for a group of messages. */
export interface EvalScores {
  messages: number;
  intent_accuracy: number;
  category_macro_f1: number;
  severity_accuracy: number;
  entity_micro_f1: number;
  site_f1: number;
  lang_accuracy: number;
}

/** The full evaluation report; the top-level keys are those of TRIAGE.md §6. */
export interface EvalReport extends EvalScores {
  set: string;
  by_lang: Record<Language, EvalScores>;
  entity_f1_by_type: Record<EntityField, number>;
  category_f1: Record<string, number>;
  intent_confusion: { labels: string[]; rows: Record<string, Record<string, number>> };
  mistakes: Mistake[];
}

/** A message where the prediction differs from the label on intent, category or severity. */
export interface Mistake {
  id: string;
  text: string;
  expected: string;
  predicted: string;
}

type EntityField = "serial" | "model" | "case_id" | "rma_id" | "partner";
const ENTITY_FIELDS: EntityField[] = ["serial", "model", "case_id", "rma_id", "partner"];

/** Runs the classifier over the set and scores it. */
export function evaluate(setName: string, items: readonly LabelledMessage[], classify: (text: string) => TriageResult): EvalReport {
  const predictions = items.map((item) => classify(item.text));
  const all = score(items, predictions);
  const byLang = {} as Record<Language, EvalScores>;
  for (const lang of ["en", "es"] as const) {
    const indexes = items.map((item, i) => (item.lang === lang ? i : -1)).filter((i) => i >= 0);
    byLang[lang] = score(
      indexes.map((i) => items[i]!),
      indexes.map((i) => predictions[i]!),
    );
  }
  const entityByType = {} as Record<EntityField, number>;
  for (const field of ENTITY_FIELDS) entityByType[field] = round(entityF1(items, predictions, [field]));
  const categoryF1: Record<string, number> = {};
  for (const category of CATEGORIES)
    categoryF1[category] = round(
      classF1(
        items.map((i) => i.category),
        predictions.map((p) => p.category),
        category,
      ) ?? 0,
    );
  const rows: Record<string, Record<string, number>> = {};
  items.forEach((item, i) => {
    const row = (rows[item.intent] ??= {});
    row[predictions[i]!.intent] = (row[predictions[i]!.intent] ?? 0) + 1;
  });
  const mistakes: Mistake[] = [];
  items.forEach((item, i) => {
    const p = predictions[i]!;
    const expected = `${item.intent}/${item.category}/${item.severity}`;
    const predicted = `${p.intent}/${p.category}/${p.severity}`;
    if (expected !== predicted) mistakes.push({ id: item.id ?? String(i + 1), text: item.text, expected, predicted });
  });
  return {
    set: setName,
    ...all,
    by_lang: byLang,
    entity_f1_by_type: entityByType,
    category_f1: categoryF1,
    intent_confusion: { labels: [...INTENTS], rows },
    mistakes,
  };
}

function score(items: readonly LabelledMessage[], predictions: readonly TriageResult[]): EvalScores {
  const n = items.length;
  const withSeverity = items.map((item, i) => [item, predictions[i]!] as const).filter(([item]) => item.severity !== null);
  const f1s = CATEGORIES.map((category) =>
    classF1(
      items.map((i) => i.category),
      predictions.map((p) => p.category),
      category,
    ),
  ).filter((value): value is number => value !== undefined);
  return {
    messages: n,
    intent_accuracy: round(ratio(items.filter((item, i) => item.intent === predictions[i]!.intent).length, n)),
    category_macro_f1: round(f1s.length ? f1s.reduce((a, b) => a + b, 0) / f1s.length : 0),
    severity_accuracy: round(ratio(withSeverity.filter(([item, p]) => item.severity === p.severity).length, withSeverity.length)),
    entity_micro_f1: round(entityF1(items, predictions, ENTITY_FIELDS)),
    site_f1: round(siteF1(items, predictions)),
    lang_accuracy: round(ratio(items.filter((item, i) => item.lang === predictions[i]!.lang).length, n)),
  };
}

/** F1 of one class; undefined when the class appears in neither labels nor predictions. */
function classF1(gold: readonly (string | null)[], predicted: readonly (string | null)[], label: string): number | undefined {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  gold.forEach((g, i) => {
    const p = predicted[i];
    if (g === label && p === label) tp++;
    else {
      if (p === label) fp++;
      if (g === label) fn++;
    }
  });
  if (tp + fp + fn === 0) return undefined;
  return f1(tp, fp, fn);
}

function entityPairs(entities: TriageEntities, fields: readonly EntityField[]): Set<string> {
  const pairs = new Set<string>();
  for (const field of fields) {
    if (field === "partner") {
      if (entities.partner) pairs.add(`partner=${entities.partner}`);
    } else {
      for (const value of entities[field]) pairs.add(`${field}=${value.toUpperCase()}`);
    }
  }
  return pairs;
}

function entityF1(items: readonly LabelledMessage[], predictions: readonly TriageResult[], fields: readonly EntityField[]): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  items.forEach((item, i) => {
    const gold = entityPairs(item.entities, fields);
    const predicted = entityPairs(predictions[i]!.entities, fields);
    for (const pair of predicted) gold.has(pair) ? tp++ : fp++;
    for (const pair of gold) if (!predicted.has(pair)) fn++;
  });
  return tp + fp + fn === 0 ? 1 : f1(tp, fp, fn);
}

/** Lenient site match (TRIAGE.md §6): case-insensitive, punctuation-normalised, either contains the other. */
export function sitesMatch(gold: string, predicted: string): boolean {
  const norm = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  const a = norm(gold);
  const b = norm(predicted);
  return a.length > 0 && b.length > 0 && (a.includes(b) || b.includes(a));
}

function siteF1(items: readonly LabelledMessage[], predictions: readonly TriageResult[]): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  items.forEach((item, i) => {
    const gold = item.entities.site;
    const predicted = predictions[i]!.entities.site;
    if (gold && predicted && sitesMatch(gold, predicted)) tp++;
    else {
      if (predicted) fp++;
      if (gold) fn++;
    }
  });
  return tp + fp + fn === 0 ? 1 : f1(tp, fp, fn);
}

const f1 = (tp: number, fp: number, fn: number): number => (tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));
const ratio = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);
const round = (value: number): number => Math.round(value * 1000) / 1000;
