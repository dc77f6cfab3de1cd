/** Numbers and dates as the reply language writes them. */
import type { Language } from "../events.ts";

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
