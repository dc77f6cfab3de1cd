/**
 * Builds the big cue patterns from small pieces, so each phrase family sits on its own line and
 * can be read and reviewed; the compiled pattern is one alternation, as fast as a single literal.
 */

/** Joins phrase patterns into one word-bounded alternation `\b(?:p1|p2|...)\b`. */
export function wordUnion(parts: readonly RegExp[], flags = ""): RegExp {
  return new RegExp(`\\b(?:${parts.map((part) => part.source).join("|")})\\b`, flags);
}
