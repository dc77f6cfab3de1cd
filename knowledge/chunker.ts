/**
 * Turns a loaded document into chunks with their metadata. A chunk is a section, or a piece of a
 * long section (split with LangChain's recursive splitter so pieces end at paragraph or sentence
 * boundaries); every piece keeps its section's heading, so results stay identified by
 * (path, heading) however the ranking slices the text.
 */
import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import type { Catalog } from "../core/catalog.ts";
import { detectLanguage } from "../core/text/language.ts";
import type { Language } from "../core/vocabulary.ts";
import type { LoadedDocument } from "./documents.ts";
import { productsInText } from "./products.ts";

/** One chunk before it gets an id and a row. */
export interface ChunkDraft {
  ordinal: number;
  heading: string;
  sectionPath: string;
  anchor: string | undefined;
  text: string;
  products: string[];
  language: Language;
}

/** Document-level metadata derived at ingest. */
export interface DocumentMeta {
  title: string;
  language: Language;
  products: string[];
  link: string | null;
}

/** Pieces longer than this (characters) are split; smaller pieces rank sharper. */
export const CHUNK_SIZE = 1400;
const splitter = new RecursiveCharacterTextSplitter({ chunkSize: CHUNK_SIZE, chunkOverlap: 150 });

const LINK_FIELDS = ["link", "url", "source_url", "canonical_url", "canonicalUrl", "ms:mtpsurl"];
const PRODUCT_FIELDS = ["products", "product", "models", "model", "devices"];
const LANGUAGE_FIELDS = ["lang", "language", "locale", "ms.locale"];

/** Derives title, language, link and product tags from front matter, path and text. */
export function documentMeta(relPath: string, document: LoadedDocument, catalog: Catalog | undefined): DocumentMeta {
  const fm = document.frontMatter;
  const field = (names: string[]): string | string[] | undefined => names.map((n) => fm[n]).find((v) => v !== undefined && v !== "");
  const linkValue = field(LINK_FIELDS);
  const link = typeof linkValue === "string" && /^https?:\/\//.test(linkValue) ? linkValue : null;
  const langValue = field(LANGUAGE_FIELDS);
  const fullText = document.sections.map((s) => s.text).join("\n");
  const language: Language =
    typeof langValue === "string" && /^(es|en)/i.test(langValue)
      ? (langValue.slice(0, 2).toLowerCase() as Language)
      : detectLanguage(fullText);
  const declared = field(PRODUCT_FIELDS);
  const declaredText = Array.isArray(declared) ? declared.join(" | ") : (declared ?? "");
  const folders = relPath.split(/[\\/]/).slice(0, -1).join(" | ");
  let products = productsInText(catalog, `${declaredText} | ${folders}`, true);
  if (products.length === 0) products = productsInText(catalog, `${document.title}\n${fullText}`);
  return { title: document.title, language, products, link };
}

/** Splits a document's sections into chunks carrying heading, section path and tags. */
export async function chunkDocument(document: LoadedDocument, meta: DocumentMeta, catalog: Catalog | undefined): Promise<ChunkDraft[]> {
  const chunks: ChunkDraft[] = [];
  for (const section of document.sections) {
    if (section.text.trim() === "") continue;
    const trail = section.level === 1 ? [meta.title] : [meta.title, ...(section.parent ? [section.parent] : []), section.heading];
    const pieces = section.text.length > CHUNK_SIZE * 1.2 ? await splitter.splitText(section.text) : [section.text];
    for (const text of pieces) {
      const products = [...new Set([...meta.products, ...productsInText(catalog, text)])];
      chunks.push({
        ordinal: chunks.length,
        heading: section.heading,
        sectionPath: trail.join(" › "),
        anchor: section.level === 1 ? undefined : section.anchor,
        text,
        products,
        language: meta.language,
      });
    }
  }
  return chunks;
}
