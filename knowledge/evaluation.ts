/**
 * The metrics of `eval/KB.md` over a question file: recall@5 by path and by (path, heading),
 * MRR@10 by path, abstention accuracy and false-abstention rate, latency percentiles, and the same
 * figures per question language. Answers are produced by a callback that only sees `id` and `q`.
 */
import { readFileSync } from "node:fs";
import { headingKey } from "./markdown.ts";

/** One labelled question (the JSON Lines format of KB.md). */
export interface EvalQuestion {
  id: string;
  q: string;
  lang?: string;
  relevant: Array<{ path: string; heading: string }>;
  answerable: boolean;
}

/** What the system did for one question. */
export interface EvalOutcome {
  ranked: Array<{ path: string; heading: string }>;
  abstained: boolean;
  ms: number;
}

/** A question file that cannot be read; the message names the file and line. */
export class QuestionSetError extends Error {
  override readonly name = "QuestionSetError";
}

/** Reads and checks a question file. */
export function readQuestionSet(file: string): EvalQuestion[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new QuestionSetError(
      `cannot read the question set ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const questions: EvalQuestion[] = [];
  text.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new QuestionSetError(`${file}:${index + 1}: not valid JSON`);
    }
    const q = value as Partial<EvalQuestion>;
    if (typeof q !== "object" || q === null || typeof q.id !== "string" || typeof q.q !== "string")
      throw new QuestionSetError(`${file}:${index + 1}: a question needs string fields "id" and "q"`);
    const relevant = Array.isArray(q.relevant) ? q.relevant.filter((r) => r && typeof r.path === "string") : [];
    questions.push({
      id: q.id,
      q: q.q,
      lang: typeof q.lang === "string" ? q.lang : undefined,
      relevant,
      answerable: q.answerable ?? relevant.length > 0,
    });
  });
  if (questions.length === 0) throw new QuestionSetError(`${file}: no questions`);
  return questions;
}

/** Nearest-rank percentile. */
export function percentileOf(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

/** The figures for a list of questions and their outcomes. */
export function scoreOutcomes(questions: EvalQuestion[], outcomes: EvalOutcome[]): Record<string, number> {
  let r5Path = 0;
  let r5Heading = 0;
  let mrr = 0;
  let falseAbstain = 0;
  let rightAbstain = 0;
  const answerable = questions.filter((q) => q.answerable).length;
  const unanswerable = questions.length - answerable;
  questions.forEach((question, i) => {
    const outcome = outcomes[i]!;
    if (!question.answerable) {
      if (outcome.abstained) rightAbstain++;
      return;
    }
    if (outcome.abstained) falseAbstain++;
    const paths = new Set(question.relevant.map((r) => r.path));
    const pairs = new Set(question.relevant.map((r) => `${r.path}\u0000${headingKey(r.heading)}`));
    const top = outcome.ranked.slice(0, 10);
    if (top.slice(0, 5).some((r) => paths.has(r.path))) r5Path++;
    if (top.slice(0, 5).some((r) => pairs.has(`${r.path}\u0000${headingKey(r.heading)}`))) r5Heading++;
    const rank = top.findIndex((r) => paths.has(r.path));
    if (rank >= 0) mrr += 1 / (rank + 1);
  });
  const ms = outcomes.map((o) => o.ms);
  return {
    questions: questions.length,
    answerable,
    unanswerable,
    "recall@5_path": round(answerable ? r5Path / answerable : 0),
    "recall@5_path_heading": round(answerable ? r5Heading / answerable : 0),
    "mrr@10": round(answerable ? mrr / answerable : 0),
    abstention_accuracy: round(unanswerable ? rightAbstain / unanswerable : 0),
    false_abstention_rate: round(answerable ? falseAbstain / answerable : 0),
    latency_p50_ms: round(percentileOf(ms, 50)),
    latency_p99_ms: round(percentileOf(ms, 99)),
  };
}

/** Runs every question through `answer` (which sees only id and q) and scores the set. */
export async function evaluate(
  setName: string,
  questions: EvalQuestion[],
  answer: (question: { id: string; q: string }) => Promise<Omit<EvalOutcome, "ms">> | Omit<EvalOutcome, "ms">,
  options: { warmup?: boolean } = {},
): Promise<{ report: Record<string, unknown>; outcomes: EvalOutcome[] }> {
  // Latency is reported warm (JIT-compiled, lazy tables built), as a long-running bot serves it.
  if (options.warmup ?? true) for (const question of questions) await answer({ id: question.id, q: question.q });
  const outcomes: EvalOutcome[] = [];
  for (const question of questions) {
    const started = performance.now();
    const result = await answer({ id: question.id, q: question.q });
    outcomes.push({ ...result, ms: performance.now() - started });
  }
  const byLanguage: Record<string, Record<string, number>> = {};
  for (const lang of [...new Set(questions.map((q) => q.lang ?? "unknown"))].sort()) {
    const picked = questions.map((q, i) => [q, outcomes[i]!] as const).filter(([q]) => (q.lang ?? "unknown") === lang);
    byLanguage[lang] = scoreOutcomes(
      picked.map(([q]) => q),
      picked.map(([, o]) => o),
    );
  }
  return { report: { set: setName, ...scoreOutcomes(questions, outcomes), by_language: byLanguage }, outcomes };
}
