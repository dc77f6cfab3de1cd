/**
 * Turns ranked sections into what a person reads: short snippets with citations, and — when a
 * language model is configured — a grounded answer written only from those passages. The model
 * is an enhancement: any failure or timeout leaves the passage answer in place.
 */
import type { LanguageModel } from "../core/llm.ts";
import type { Language } from "../core/vocabulary.ts";
import { stem } from "./analysis/tokenize.ts";
import type { ParsedQuery } from "./query.ts";
import type { MemoryChunk } from "./searcher.ts";

/** A cited passage. */
export interface Passage {
  chunkId: string;
  /** Source path relative to the ingested folder. */
  path: string;
  title: string;
  heading: string;
  /** "Title › Section" (› Subsection). */
  sectionPath: string;
  link: string | null;
  snippet: string;
  score: number;
  products: string[];
}

/** Longest snippet, in characters: three of them still fit a chat message comfortably. */
export const SNIPPET_CHARS = 320;

/** The sentence window of `text` that holds the most distinct query terms. */
export function makeSnippet(text: string, query: ParsedQuery, maxChars = SNIPPET_CHARS): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= maxChars) return flat;
  const wanted = new Set(query.groups.flatMap((g) => g.alts.flatMap((a) => a.terms)));
  const sentences = flat.match(/[^.!?]+[.!?]*\s*/g) ?? [flat];
  // One pass over the lower-cased text (same length as `flat`), attributing words to sentences
  // by offset; stems are memoized, so this stays cheap on long passages.
  const gain = sentences.map(() => new Set<string>());
  const lower = flat.toLowerCase();
  let sentence = 0;
  let sentenceEnd = sentences[0]!.length;
  for (const match of lower.matchAll(/[a-z0-9]+/g)) {
    while (match.index >= sentenceEnd && sentence < sentences.length - 1) sentenceEnd += sentences[++sentence]!.length;
    const term = stem(match[0], "en");
    if (wanted.has(term)) gain[sentence]!.add(term);
  }
  let best = 0;
  let bestScore = -1;
  for (let start = 0; start < sentences.length; start++) {
    let length = 0;
    const covered = new Set<string>();
    for (let end = start; end < sentences.length && length + sentences[end]!.length <= maxChars; end++) {
      length += sentences[end]!.length;
      for (const term of gain[end]!) covered.add(term);
    }
    if (covered.size > bestScore) [best, bestScore] = [start, covered.size];
  }
  let out = "";
  for (let i = best; i < sentences.length && out.length + sentences[i]!.length <= maxChars; i++) out += sentences[i];
  if (out === "") out = sentences[best]!.slice(0, maxChars - 1);
  out = out.trim();
  return `${best > 0 ? "… " : ""}${out}${out.length < flat.length - 1 && !/[.!?]$/.test(out) ? " …" : ""}`;
}

/** Builds a passage for a chunk. */
export function toPassage(chunk: MemoryChunk, score: number, query: ParsedQuery): Passage {
  return {
    chunkId: chunk.id,
    path: chunk.path,
    title: chunk.title,
    heading: chunk.heading,
    sectionPath: chunk.sectionPath,
    link: chunk.link,
    snippet: makeSnippet(chunk.text, query),
    score: Math.round(score * 1000) / 1000,
    products: chunk.products,
  };
}

/** Marker the model is told to answer with when the passages do not hold the answer. */
const NO_ANSWER = "NO_ANSWER";

/** What the model produced: a grounded text, a refusal, or nothing usable. */
export type GroundedResult = { kind: "text"; text: string } | { kind: "no-answer" } | { kind: "failed"; error: string };

/**
 * Asks the model for an answer written only from the passages, citing them as [1], [2].
 * Citations to passages that do not exist are removed; an answer with no valid citation is
 * treated as a failure, since an uncited answer cannot be checked by the reader.
 */
export async function groundedAnswer(
  llm: LanguageModel,
  question: string,
  passages: Array<Passage & { text: string }>,
  options: { language: Language; timeoutMs?: number },
): Promise<GroundedResult> {
  const sources = passages.map((p, i) => `[${i + 1}] ${p.sectionPath}\n${p.text.slice(0, 1800)}`).join("\n\n");
  const system = [
    "You answer support questions about collaboration devices using ONLY the numbered documentation passages given.",
    "Cite every statement with the passage number in brackets, like [1]. Do not use outside knowledge.",
    `If the passages do not contain the answer, reply exactly ${NO_ANSWER}.`,
    `Answer in ${options.language === "es" ? "Spanish" : "English"}, in at most 5 short sentences or steps.`,
  ].join(" ");
  let text: string;
  try {
    // Without an explicit timeout the model's own setting applies (LanguageModelSettings.timeoutMs).
    const turns = [
      { role: "system" as const, content: system },
      { role: "user" as const, content: `Passages:\n\n${sources}\n\nQuestion: ${question}` },
    ];
    text = (await llm.chat(turns, { maxTokens: 400, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) })).trim();
  } catch (error) {
    return { kind: "failed", error: (error as Error).message };
  }
  if (text.includes(NO_ANSWER)) return { kind: "no-answer" };
  const cleaned = text.replace(/\[(\d+)\]/g, (whole, n: string) => (Number(n) >= 1 && Number(n) <= passages.length ? whole : "")).trim();
  if (!/\[\d+\]/.test(cleaned)) return { kind: "failed", error: "the model's answer cites no passage" };
  return { kind: "text", text: cleaned };
}

/** Renders an answer as plain chat text (used by the CLI; chat adapters render their own cards). */
export function renderAnswerText(
  answer: { status: string; passages: Passage[]; text?: string | undefined },
  language: Language = "en",
): string {
  if (answer.status === "abstained" || answer.passages.length === 0) {
    return language === "es"
      ? "No encontré esto en la documentación. ¿Quieres que abra un caso?"
      : "I couldn't find this in the documentation. Shall I open a case?";
  }
  const lines: string[] = [];
  if (answer.text) lines.push(answer.text, "");
  answer.passages.forEach((p, i) => {
    lines.push(`[${i + 1}] ${p.sectionPath}${p.link ? ` — ${p.link}` : ` (${p.path})`}`);
    if (!answer.text) lines.push(`    ${p.snippet}`);
  });
  return lines.join("\n");
}
