/**
 * The kinds of document every model's set is made of, and the words people use for them in
 * English and Spanish ("user guide for the Bar 50", "guía de usuario del Bar 50", "ficha técnica
 * Tap 10"). Words are matched folded (lower case, no accents), longest first.
 */
import { fold } from "../products.ts";

export const DOCUMENT_KINDS = ["user_guide", "quick_start", "datasheet", "release_notes", "software", "safety"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** What people call each kind; the first words of each list are also chat commands (see handlers.ts). */
export const KIND_WORDS: Record<DocumentKind, string[]> = {
  user_guide: [
    "user guide",
    "user manual",
    "users guide",
    "owner's manual",
    "guia de usuario",
    "manual de usuario",
    "guia del usuario",
    "manual del usuario",
  ],
  quick_start: [
    "quick start",
    "quick start guide",
    "quickstart",
    "getting started",
    "guia rapida",
    "inicio rapido",
    "guia de inicio rapido",
  ],
  datasheet: ["datasheet", "data sheet", "spec sheet", "specifications", "ficha tecnica", "hoja de datos", "especificaciones"],
  release_notes: ["release notes", "changelog", "notas de la version", "notas de version", "notas de lanzamiento"],
  software: [
    "software downloads",
    "software download",
    "firmware download",
    "firmware downloads",
    "descargas de software",
    "descarga de software",
    "descarga de firmware",
  ],
  safety: [
    "safety and regulatory",
    "safety",
    "regulatory",
    "compliance documents",
    "seguridad y normativa",
    "seguridad",
    "normativa",
    "informacion de seguridad",
  ],
};

/** Every kind word, longest first, folded, with its kind. */
const WORDS: { words: string; kind: DocumentKind }[] = DOCUMENT_KINDS.flatMap((kind) =>
  KIND_WORDS[kind].map((w) => ({ words: fold(w), kind })),
).sort((a, b) => b.words.length - a.words.length);

/** The kind a text asks for ("the Bar 50 user guide" → user_guide), if any, and the text without it. */
export function kindInText(text: string): { kind: DocumentKind | undefined; rest: string } {
  const folded = ` ${fold(text)} `;
  for (const { words, kind } of WORDS) {
    const at = folded.indexOf(` ${words} `);
    if (at >= 0) return { kind, rest: `${folded.slice(0, at)} ${folded.slice(at + words.length + 2)}`.trim() };
  }
  return { kind: undefined, rest: text };
}

/** Reads a kind as written in a documents file or catalog (`user_guide`, `user guide`, `quick-start`). */
export function readKind(value: string): DocumentKind | undefined {
  const normalized = value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  if ((DOCUMENT_KINDS as readonly string[]).includes(normalized)) return normalized as DocumentKind;
  return kindInText(value).kind;
}
