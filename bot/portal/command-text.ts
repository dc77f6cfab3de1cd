/**
 * The text after a command's verb with its line breaks kept. The router's `args.rest` joins
 * words with single spaces, which is right for sentences but would flatten a pasted CSV or list.
 */
import { normalizeCommandText } from "../router.ts";

/** Cuts the verb (one of `words`, up to three words long) off the raw text; "" when absent. */
export function restAfterVerb(text: string, words: readonly string[]): string {
  const raw = text.replace(/<@[^<>]+>/g, " ").replace(/^\s*\//, "");
  const wanted = new Set(words.map(normalizeCommandText));
  const tokens = [...raw.matchAll(/\S+/g)];
  for (const length of [3, 2, 1]) {
    if (tokens.length < length) continue;
    const phrase = normalizeCommandText(
      tokens
        .slice(0, length)
        .map((m) => m[0])
        .join(" "),
    );
    if (!wanted.has(phrase)) continue;
    const last = tokens[length - 1]!;
    return raw
      .slice(last.index + last[0].length)
      .replace(/^[ \t]*\r?\n?/, "")
      .trimEnd();
  }
  return raw.trim();
}
