/**
 * Reads one document file (Markdown, HTML, PDF or plain text) into a parsed document, or says
 * why it cannot be used. Bad input is a normal outcome here — a corrupt PDF or a binary file with
 * a `.md` name must cost one line in the ingest report, never the whole ingest.
 */
import path from "node:path";
import { parseMarkdown, type ParsedDocument } from "./markdown.ts";
import { htmlToMarkdown } from "./html.ts";

/** The formats the ingest understands. */
export type DocumentFormat = "md" | "html" | "pdf" | "txt";

/** A document ready for chunking. */
export interface LoadedDocument extends ParsedDocument {
  format: DocumentFormat;
}

/** The outcome of reading one file. */
export type LoadResult = { ok: true; document: LoadedDocument } | { ok: false; reason: string };

const EXTENSIONS: Record<string, DocumentFormat> = {
  ".md": "md",
  ".markdown": "md",
  ".mdx": "md",
  ".html": "html",
  ".htm": "html",
  ".pdf": "pdf",
  ".txt": "txt",
  ".text": "txt",
};

/** The format a file name selects, or undefined when the ingest does not read it. */
export function formatOf(file: string): DocumentFormat | undefined {
  return EXTENSIONS[path.extname(file).toLowerCase()];
}

/** A readable title from a file name ("room-setup_guide.md" → "room setup guide"). */
export function titleFromFileName(file: string): string {
  return path.basename(file, path.extname(file)).replace(/[-_]+/g, " ").trim() || file;
}

/** Text files must decode as UTF-8 and be free of NUL bytes and control-character noise. */
function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  const control = text.match(/[\u0001-\u0008\u000e-\u001f\u007f]/g)?.length ?? 0;
  return control > Math.max(8, text.length / 200) ? undefined : text;
}

/** Plain text: the first short line is the title; underlined lines become `##` sections. */
function textToMarkdown(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const first = lines.findIndex((line) => line.trim() !== "");
  if (first >= 0 && lines[first]!.trim().length <= 120 && !/^\s*[-=]{3,}\s*$/.test(lines[first + 1] ?? ""))
    lines[first] = `# ${lines[first]!.trim()}`;
  // Escape what Markdown would misread in prose ("# of devices", "## note", fences).
  return lines.map((line, i) => (i === first ? line : line.replace(/^(\s{0,3})(#|```|~~~)/, "$1\\$2"))).join("\n");
}

async function pdfToMarkdown(bytes: Uint8Array, fallbackTitle: string): Promise<string | undefined> {
  const { PDFParse } = await import("pdf-parse");
  const parser = new PDFParse({ data: bytes });
  try {
    const info = await parser.getInfo().catch(() => undefined);
    const result = await parser.getText();
    const pages = result.pages.map((page) => page.text.trim()).filter((text) => text !== "");
    if (pages.length === 0) return undefined;
    const title = (info?.info as { Title?: unknown } | undefined)?.Title;
    const heading = typeof title === "string" && title.trim() !== "" ? title.trim() : fallbackTitle;
    // PDFs carry no reliable heading structure; a page is the citable unit ("Page 3").
    const body = pages.length === 1 ? pages[0]! : pages.map((text, i) => `## Page ${i + 1}\n\n${text}`).join("\n\n");
    return `# ${heading}\n\n${body.replace(/^(\s{0,3})(#|```|~~~)/gm, "$1\\$2")}`;
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

/** Parses the bytes of a file whose name selects the format. */
export async function loadDocument(file: string, bytes: Uint8Array): Promise<LoadResult> {
  const format = formatOf(file);
  if (!format) return { ok: false, reason: "unsupported file type" };
  if (bytes.length === 0) return { ok: false, reason: "empty file" };
  const fallbackTitle = titleFromFileName(file);
  let markdown: string | undefined;
  let title: string | undefined;
  if (format === "pdf") {
    if (!Buffer.from(bytes.subarray(0, 1024)).toString("latin1").includes("%PDF-")) return { ok: false, reason: "not a PDF file" };
    try {
      markdown = await pdfToMarkdown(bytes, fallbackTitle);
    } catch (error) {
      return { ok: false, reason: `unreadable PDF: ${(error as Error).message.split("\n")[0]}` };
    }
    if (markdown === undefined) return { ok: false, reason: "PDF has no extractable text (scanned images?)" };
  } else {
    const text = decodeText(bytes);
    if (text === undefined) return { ok: false, reason: "binary content, not text" };
    if (format === "html") ({ title, markdown } = htmlToMarkdown(text));
    else markdown = format === "txt" ? textToMarkdown(text) : text;
  }
  const parsed = parseMarkdown(markdown, title ?? fallbackTitle);
  if (parsed.sections.every((section) => section.text.trim() === "")) return { ok: false, reason: "no text content" };
  return { ok: true, document: { ...parsed, format } };
}
