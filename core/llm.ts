/**
 * The optional language model: any OpenAI-compatible server (OPENAI_BASE_URL) with a key.
 * Nothing requires it; callers use it to refine rule-based results or to write grounded
 * answers, and fall back to their own result when it errors or times out.
 */
import OpenAI from "openai";

export interface LanguageModelSettings {
  apiKey: string;
  baseURL?: string | undefined;
  model: string;
  embeddingModel?: string | undefined;
  /** Per-request timeout; the model is an enhancement, so it must never stall a reply for long. */
  timeoutMs?: number;
}

export interface ChatTurn {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface LanguageModel {
  readonly model: string;
  /** Plain chat completion; resolves to the assistant's text. */
  chat(turns: ChatTurn[], options?: { timeoutMs?: number; maxTokens?: number }): Promise<string>;
  /**
   * Chat completion constrained to a JSON schema (structured output). Resolves to the parsed
   * object; throws when the server answers with something that is not JSON.
   */
  chatJson<T>(turns: ChatTurn[], schema: { name: string; schema: Record<string, unknown> }, options?: { timeoutMs?: number }): Promise<T>;
  /** Embeddings for several texts, in order. Throws when no embedding model is configured. */
  embed(texts: string[], options?: { timeoutMs?: number }): Promise<number[][]>;
}

/** An error from the language model (network, timeout, HTTP status or unparsable output). */
export class LanguageModelError extends Error {
  override readonly name = "LanguageModelError";
}

/** Builds the language model client, or returns undefined when no API key is configured. */
export function createLanguageModel(settings: LanguageModelSettings | undefined): LanguageModel | undefined {
  if (!settings) return undefined;
  const client = new OpenAI({
    apiKey: settings.apiKey,
    baseURL: settings.baseURL,
    maxRetries: 0,
    timeout: settings.timeoutMs ?? 8_000,
  });
  const defaultTimeout = settings.timeoutMs ?? 8_000;

  const wrap = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof LanguageModelError) throw error;
      throw new LanguageModelError(`${what} failed: ${(error as Error).message}`, { cause: error });
    }
  };

  return {
    model: settings.model,
    chat: (turns, options) =>
      wrap("chat completion", async () => {
        const completion = await client.chat.completions.create(
          { model: settings.model, messages: turns, temperature: 0, max_tokens: options?.maxTokens ?? 600 },
          { timeout: options?.timeoutMs ?? defaultTimeout },
        );
        const text = completion.choices[0]?.message?.content;
        if (typeof text !== "string") throw new LanguageModelError("chat completion returned no text");
        return text;
      }),
    chatJson: <T>(turns: ChatTurn[], schema: { name: string; schema: Record<string, unknown> }, options?: { timeoutMs?: number }) =>
      wrap("structured completion", async () => {
        const completion = await client.chat.completions.create(
          {
            model: settings.model,
            messages: turns,
            temperature: 0,
            response_format: { type: "json_schema", json_schema: { name: schema.name, schema: schema.schema, strict: true } },
          },
          { timeout: options?.timeoutMs ?? defaultTimeout },
        );
        const text = completion.choices[0]?.message?.content;
        if (typeof text !== "string") throw new LanguageModelError("structured completion returned no text");
        try {
          return JSON.parse(text) as T;
        } catch {
          throw new LanguageModelError("structured completion was not JSON");
        }
      }),
    embed: (texts, options) =>
      wrap("embedding", async () => {
        if (!settings.embeddingModel) throw new LanguageModelError("no embedding model configured (OPENAI_EMBEDDING_MODEL)");
        const response = await client.embeddings.create(
          { model: settings.embeddingModel, input: texts },
          { timeout: options?.timeoutMs ?? defaultTimeout },
        );
        return response.data.sort((a, b) => a.index - b.index).map((item) => item.embedding);
      }),
  };
}
