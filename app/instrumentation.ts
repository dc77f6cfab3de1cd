/**
 * Counts what the language model and the documentation search do, without either knowing about
 * metrics: the app hands each feature a metered model and the bot a metered knowledge base.
 * Label values are short fixed words so a scrape never grows with what people type.
 */
import type { LanguageModel } from "../core/llm.ts";
import type { KnowledgeAnswer, KnowledgeBase } from "../knowledge/index.ts";
import type { Metrics } from "./metrics.ts";

/** Why a language model call did not give a usable result. */
export type LlmFailureReason = "timeout" | "invalid_output" | "error";

/**
 * The language model as one feature uses it: every call is counted by outcome. `onFailure` is
 * told of each failed call — for features that always go on without the model when it fails.
 */
export function meterLanguageModel(
  llm: LanguageModel | undefined,
  feature: string,
  metrics: Metrics,
  onFailure?: (reason: LlmFailureReason) => void,
): LanguageModel | undefined {
  if (!llm) return undefined;
  const metered = async <T>(operation: string, call: () => Promise<T>): Promise<T> => {
    try {
      const result = await call();
      metrics.llmCalls.inc({ feature, operation, outcome: "ok" });
      return result;
    } catch (error) {
      const reason = llmFailureReason(error);
      metrics.llmCalls.inc({ feature, operation, outcome: reason });
      onFailure?.(reason);
      throw error;
    }
  };
  return {
    model: llm.model,
    chat: (turns, options) => metered("chat", () => llm.chat(turns, options)),
    chatJson: (turns, schema, options) => metered("json", () => llm.chatJson(turns, schema, options)),
    embed: (texts, options) => metered("embed", () => llm.embed(texts, options)),
  };
}

/** Sorts a language model failure into a few reasons an operator can act on. */
export function llmFailureReason(error: unknown): LlmFailureReason {
  const name = error instanceof Error ? error.name : "";
  const message = error instanceof Error ? error.message : String(error);
  if (/timed? ?out|timeout|did not answer within/i.test(message)) return "timeout";
  // A schema check that refused the model's answer (zod), or text that was not the JSON asked for.
  if (name === "ZodError" || /not JSON|returned no text/i.test(message)) return "invalid_output";
  return "error";
}

/** The knowledge base with every answer counted by outcome, and abstentions by reason. */
export function meterKnowledge(knowledge: KnowledgeBase, metrics: Metrics): KnowledgeBase {
  return {
    search: (question, options) => knowledge.search(question, options),
    recordFeedback: (input) => knowledge.recordFeedback(input),
    refresh: () => knowledge.refresh(),
    stats: () => knowledge.stats(),
    async answer(question, options) {
      const answer = await knowledge.answer(question, options);
      metrics.knowledgeQueries.inc({ outcome: answer.status });
      if (answer.status === "abstained") metrics.knowledgeAbstentions.inc({ reason: abstentionReason(answer) });
      return answer;
    },
  };
}

/** A fixed word for an abstention's reason (the engine's own reason is a sentence). */
function abstentionReason(answer: KnowledgeAnswer): string {
  const reason = answer.reason ?? "";
  if (reason.startsWith("no searchable words")) return "no_words";
  if (reason.startsWith("no matching passage")) return "no_match";
  if (reason.startsWith("weak match")) return "weak_match";
  if (reason.startsWith("the documentation does not state")) return "not_stated";
  if (reason.startsWith("the passages found do not answer")) return "not_in_passages";
  return "other";
}
