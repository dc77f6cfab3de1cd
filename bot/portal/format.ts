/** Numbers and dates as the reply language writes them. */
import type { Language } from "../../core/vocabulary.ts";

/** 100,000 in English, 100.000 in Spanish. */
export function formatCount(lang: Language, value: number): string {
  return value.toLocaleString(lang === "es" ? "es-ES" : "en-US");
}

/** Formats every number among message parameters. */
export function formatCounts(lang: Language, params: Record<string, string | number>): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, typeof value === "number" ? formatCount(lang, value) : value]),
  );
}

/** A day as 2026-01-31 (unambiguous in both languages). */
export const formatDay = (date: Date): string => date.toISOString().slice(0, 10);

/** Characters of release notes shown in a one-line summary. */
const NOTES_SUMMARY = 160;

/** A release's notes in a line: the first sentence, cut at a word before 160 characters. */
export function notesSummary(notes: string): string {
  const first = notes.trim().split(/(?<=[.!?])\s+/)[0] ?? "";
  if (first.length <= NOTES_SUMMARY) return first;
  const cut = first.slice(0, NOTES_SUMMARY);
  const space = cut.lastIndexOf(" ");
  return `${(space > 0 ? cut.slice(0, space) : cut).replace(/[,;:]$/, "")}…`;
}
