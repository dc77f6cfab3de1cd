/** Shortening text for cards without cutting a word in half. */

/**
 * The text itself when it fits in `max` characters; otherwise its longest prefix ending at a word
 * boundary, followed by "…". A single word longer than `max` is cut where it must be.
 */
export function shorten(text: string, max: number): string {
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed;
  const head = trimmed.slice(0, max);
  const lastSpace = head.search(/\s\S*$/);
  const cut = lastSpace > max / 2 ? head.slice(0, lastSpace) : head;
  return `${cut.replace(/[\s,;:.–—-]+$/, "")}…`;
}
