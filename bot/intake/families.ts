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
  const known = new Set(catalog.models.map((model) => model.family));
  const found = Object.entries(FAMILY_WORDS).filter(([family, words]) => known.has(family) && words.test(text));
  return found.length === 1 ? found[0]![0] : undefined;
}
