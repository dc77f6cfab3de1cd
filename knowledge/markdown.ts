/**
 * Splits a Markdown document into sections exactly as `eval/KB.md` defines them, because a
 * search result is identified (and judged) by its (path, heading): `##`/`###` ATX headings with up
 * to 3 leading spaces and setext `---` underlines start a section; text before the first one
 * belongs to the `#` title; `####` and deeper do not split; fenced lines are never headings;
 * YAML front matter is read for metadata and otherwise ignored.
 */

/** A section of a document: the heading it lives under and its cleaned text. */
export interface Section {
  heading: string;
  /** 1 for the introduction (under the title), 2 or 3 for `##`/`###`. */
  level: number;
  /** The enclosing `##` heading of a `###` section, for the section path. */
  parent: string | undefined;
  /** Link fragment: an explicit `<a name>` before the heading, or a slug of it. */
  anchor: string | undefined;
  text: string;
}

/** A parsed document: title, front matter fields and sections in order. */
export interface ParsedDocument {
  title: string;
  frontMatter: Record<string, string | string[]>;
  sections: Section[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_2 = /^ {0,3}-+[ \t]*$/;
const SETEXT_1 = /^ {0,3}=+[ \t]*$/;
const NAMED_ANCHOR = /<a\s+(?:name|id)\s*=\s*["']([^"']+)["'][^>]*>/i;

/** Removes inline markup so headings compare and display as plain words. */
export function cleanInline(text: string): string {
  return text
    .replace(/<[^>]*>/g, " ")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, "$1")
    .replace(/\*\*|__|`/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Normalizes a heading for comparison as KB.md says: letters and digits only, lower case. */
export function headingKey(heading: string): string {
  return cleanInline(heading)
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\p{L}\p{N}]/gu, "");
}

/** A URL fragment for a heading, the way documentation sites slug them. */
export function slug(heading: string): string {
  return cleanInline(heading)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .trim()
    .replace(/\s+/g, "-");
}

/** Turns a block of Markdown into indexable plain text: no tags, link targets or table rules. */
export function markdownToText(markdown: string): string {
  return (
    markdown
      .split("\n")
      .filter((line) => !/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line) && !/^\s*(\*{3,}|-{3,}|_{3,})\s*$/.test(line))
      .map((line) =>
        cleanInline(
          line
            .replace(/^\s{0,3}#{4,6}\s+/, "")
            .replace(/<br\s*\/?>/gi, " ")
            .replace(/\|/g, " ")
            .replace(/^\s*>\s?/, ""),
        ),
      )
      .filter((line, i, lines) => line !== "" || (i > 0 && lines[i - 1] !== ""))
      .join("\n")
      // Emphasis. An underscore inside a word is part of an identifier ("Win32_Bios",
      // "SkypeRoomSystems_v2"), not emphasis, as in CommonMark.
      .replace(/\*{1,2}(\S[^*]*?)\*{1,2}/g, "$1")
      .replace(/(^|[^\p{L}\p{N}])_{1,2}(\S[^_]*?)_{1,2}(?![\p{L}\p{N}])/gmu, "$1$2")
      .replace(/\\([\\`*_{}[\]()#+\-.!|/<>])/g, "$1")
      .trim()
  );
}

/** Reads simple YAML front matter (`key: value` and `- item` lists); anything else is skipped. */
function parseFrontMatter(lines: string[]): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  let lastKey: string | undefined;
  for (const line of lines) {
    const item = /^\s*-\s+(.*)$/.exec(line);
    if (item && lastKey) {
      const current = fields[lastKey];
      fields[lastKey] = [...(Array.isArray(current) ? current : current ? [current] : []), unquote(item[1]!)];
      continue;
    }
    const pair = /^([A-Za-z0-9_.:-]+)\s*:\s*(.*)$/.exec(line);
    if (!pair) continue;
    lastKey = pair[1]!;
    const value = pair[2]!.trim();
    fields[lastKey] =
      value.startsWith("[") && value.endsWith("]")
        ? value
            .slice(1, -1)
            .split(",")
            .map((v) => unquote(v.trim()))
            .filter(Boolean)
        : unquote(value);
  }
  return fields;
}

const unquote = (value: string): string => value.replace(/^["']|["']$/g, "").trim();

/** Splits Markdown into front matter, title and sections. */
export function parseMarkdown(source: string, fallbackTitle: string): ParsedDocument {
  const lines = source
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .split("\n");
  let start = 0;
  let frontMatter: Record<string, string | string[]> = {};
  if (/^---\s*$/.test(lines[0] ?? "")) {
    const end = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(line));
    if (end > 0) {
      frontMatter = parseFrontMatter(lines.slice(1, end));
      start = end + 1;
    }
  }

  let title: string | undefined;
  const sections: Section[] = [];
  let current: { heading: string | undefined; level: number; parent: string | undefined; anchor: string | undefined; body: string[] } = {
    heading: undefined,
    level: 1,
    parent: undefined,
    anchor: undefined,
    body: [],
  };
  let parent: string | undefined;
  let fence: string | undefined;
  let pendingAnchor: string | undefined;

  const flush = () => {
    sections.push({
      heading: current.heading ?? "",
      level: current.level,
      parent: current.parent,
      anchor: current.anchor,
      text: markdownToText(current.body.join("\n")),
    });
  };
  const open = (heading: string, level: number) => {
    flush();
    if (level === 2) parent = heading;
    current = { heading, level, parent: level === 3 ? parent : undefined, anchor: pendingAnchor ?? (slug(heading) || undefined), body: [] };
    pendingAnchor = undefined;
  };

  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!;
    const fenceMatch = FENCE.exec(line);
    if (fence !== undefined) {
      if (fenceMatch && fenceMatch[1]![0] === fence[0] && fenceMatch[1]!.length >= fence.length && line.trim() === fenceMatch[1])
        fence = undefined;
      // Code is text to search (XML element names, cmdlets): keep tags as words, not markup.
      else current.body.push(line.replace(/[<>]/g, " "));
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!;
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      const level = atx[1]!.length;
      const text = cleanInline(atx[2] ?? "");
      if (level === 1 && title === undefined && sections.length === 0 && current.body.every((l) => l.trim() === "" || /^\s*</.test(l))) {
        title = text;
        continue;
      }
      if (level === 2 || level === 3) {
        open(text, level);
        continue;
      }
    }
    const next = lines[i + 1];
    if (next !== undefined && line.trim() !== "" && !atx && !/^\s*([-*+]\s|\d+[.)]\s|\||<|>)/.test(line)) {
      if (SETEXT_2.test(next)) {
        open(cleanInline(line), 2);
        i++;
        continue;
      }
      if (SETEXT_1.test(next) && title === undefined && sections.length === 0) {
        title = cleanInline(line);
        i++;
        continue;
      }
    }
    const anchor = NAMED_ANCHOR.exec(line);
    if (anchor && line.replace(/<[^>]*>/g, "").trim() === "") pendingAnchor = anchor[1];
    current.body.push(line);
  }
  flush();

  const fmTitle = typeof frontMatter.title === "string" ? frontMatter.title : undefined;
  const docTitle = title || fmTitle || fallbackTitle;
  for (const section of sections) if (section.level === 1) section.heading = docTitle;
  return { title: docTitle, frontMatter, sections };
}
