/**
 * The words people use for a kind of device ("the bar", "la cámara") when they don't name the
 * model. Keyed by the catalog's family ids; only families the catalog has are ever returned.
 */
import type { Catalog } from "../../core/catalog.ts";

const FAMILY_WORDS: Record<string, RegExp> = {
  video_bar: /\b(video ?bars?|bars?|barras?( de v[ií]deo)?)\b/i,
  room_system: /\b(room ?(kit|system)s?|sistemas? de sala)\b/i,
  console: /\b(touch ?(console|panel)s?|consoles?|consolas?|tablets?|pantalla t[aá]ctil)\b/i,
  camera: /\b(cam(era)?s?|c[aá]maras?)\b/i,
  speakerphone: /\b(speaker ?phones?|conference speakers?|altavoz|altavoces|manos libres)\b/i,
  headset: /\b(headsets?|auriculares|cascos)\b/i,
  desk_phone: /\b(desk ?phones?|phones?|tel[eé]fonos?)\b/i,
};

/** The device family a message speaks of, if exactly one fits. */
export function familyOf(text: string, catalog: Catalog): string | undefined {
  return familyWordsIn(text, catalog)?.family;
}

/** The device family a message speaks of and the words it used for it ("room kit"), if exactly one fits. */
export function familyWordsIn(text: string, catalog: Catalog): { family: string; words: string } | undefined {
  const known = new Set(catalog.models.map((model) => model.family));
  const found = Object.entries(FAMILY_WORDS)
    .filter(([family]) => known.has(family))
    .map(([family, words]) => ({ family, match: words.exec(text) }))
    .filter((entry) => entry.match);
  return found.length === 1 ? { family: found[0]!.family, words: found[0]!.match![0] } : undefined;
}
