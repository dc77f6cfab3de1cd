/**
 * A small, tolerant HTML-to-Markdown reducer: enough structure (title, h1–h3, paragraphs, list
 * items, table cells) for the section splitter, and no dependency that could choke on broken
 * markup. Unclosed tags, stray `<` and unknown entities degrade to text instead of failing.
 */

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ndash: "–",
  mdash: "—",
  rsquo: "’",
  lsquo: "‘",
  rdquo: "”",
  ldquo: "“",
  hellip: "…",
  copy: "©",
  reg: "®",
  trade: "™",
};

/** Decodes named and numeric character references; unknown ones are left as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Converts HTML to Markdown-like text with `#` headings; also returns the `<title>`. */
export function htmlToMarkdown(html: string): { title: string | undefined; markdown: string } {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  const body = html
    // Content that is never prose; an unclosed <script> swallows the rest, as browsers do.
    .replace(/<!--[\s\S]*?(-->|$)/g, " ")
    .replace(/<(script|style|noscript|template|svg|head)\b[\s\S]*?(<\/\1\s*>|$)/gi, " ")
    // An unclosed heading ends where the next block starts, not at the end of the page.
    .replace(
      /<h([1-6])\b[^>]*>([\s\S]*?)(<\/h\1\s*>|(?=<(h[1-6]|p|div|ul|ol|table|section|article|pre|blockquote)\b)|\n\s*\n|$)/gi,
      (_m, level: string, text: string) =>
        `\n\n${"#".repeat(Number(level))} ${text
          .replace(/<[^>]*>/g, " ")
          .replace(/\s+/g, " ")
          .trim()}\n\n`,
    )
    .replace(/<(pre)\b[^>]*>([\s\S]*?)(<\/pre\s*>|$)/gi, (_m, _t, text: string) => `\n\n${text.replace(/<[^>]*>/g, "")}\n\n`)
    .replace(/<li\b[^>]*>/gi, "\n- ")
    .replace(/<(br|hr)\b[^>]*>/gi, "\n")
    .replace(/<\/?(p|div|section|article|main|header|footer|ul|ol|table|tr|blockquote|dl|dt|dd|figure|nav|aside)\b[^>]*>/gi, "\n\n")
    .replace(/<\/?(td|th)\b[^>]*>/gi, " | ")
    .replace(/<\/?[a-z][^>]*>/gi, " ")
    .replace(/<\/?[a-z][^>]*$/i, " ");
  const markdown = decodeEntities(body)
    .split("\n")
    .map((line) => line.replace(/[ \t]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return {
    title: title
      ? decodeEntities(title.replace(/<[^>]*>/g, ""))
          .replace(/\s+/g, " ")
          .trim() || undefined
      : undefined,
    markdown,
  };
}
