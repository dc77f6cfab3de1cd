/**
 * Understanding a parts question: "do you have a power supply for the Bar 50 in Spain?",
 * "¿hay fuente de alimentación para la barra 50 en España?". Models come from the triage's
 * entities (the catalog's names and aliases); part kinds and countries from the word lists here
 * (countries in English and Spanish from the ICU data, plus the customer's own site names).
 */
import { countryName } from "../format.ts";

export const PART_CATEGORIES = ["unit", "power_supply", "remote", "cable", "mount", "camera", "microphone", "battery", "other"] as const;
export type PartCategory = (typeof PART_CATEGORIES)[number];

/** Folded (lower case, no accents) words for each kind of part; longest phrases are tried first. */
// prettier-ignore
const CATEGORY_WORDS: Record<Exclude<PartCategory, "other">, string[]> = {
  power_supply: [
    "power supply", "power supplies", "psu", "power adapter", "power brick", "power cord", "power cable", "power cables", "charger",
    "fuente de alimentacion", "fuentes de alimentacion", "fuente", "alimentador", "cargador", "adaptador de corriente", "transformador",
    "cable de alimentacion", "cable de corriente",
  ],
  remote: ["remote control", "remote", "remotes", "mando a distancia", "mando", "control remoto"],
  cable: ["cable", "cables", "hdmi", "ethernet", "cable de red", "cableado"],
  mount: ["wall mount", "mount", "mounts", "bracket", "brackets", "soporte", "soportes", "montaje", "anclaje"],
  camera: ["camera module", "lens", "modulo de camara", "lente"],
  microphone: ["microphone", "microphones", "mic", "mics", "microfono", "microfonos"],
  battery: ["battery", "batteries", "bateria", "baterias"],
  unit: ["whole unit", "replacement unit", "spare unit", "unit", "units", "unidad completa", "unidad", "unidades", "equipo completo", "equipo"],
};

/** Other names people use for countries, beyond the ICU names. Folded. */
// prettier-ignore
const COUNTRY_ALIASES: Record<string, string> = {
  usa: "US", "u.s.": "US", "u.s.a.": "US", eeuu: "US", "ee uu": "US", "ee.uu.": "US", america: "US", uk: "GB", britain: "GB", england: "GB",
};

export interface PartsQuery {
  categories: PartCategory[];
  modelIds: string[];
  /** An explicit part code ("PSU-NB5"). */
  partCode?: string;
  /** ISO country the question is about. */
  country?: string;
}

/** Lower case, accents removed, punctuation to spaces. */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[¿?¡!,;:()"]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const hasPhrase = (folded: string, phrase: string) =>
  new RegExp(`(^|[^a-z0-9])${phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^a-z0-9])`).test(folded);

/**
 * The part kinds a text names. A kind named only inside another's longer phrase is not named:
 * "power cable" asks for power, not for any cable.
 */
export function partCategories(text: string): PartCategory[] {
  const folded = fold(text);
  const said = (Object.entries(CATEGORY_WORDS) as [PartCategory, string[]][])
    .map(([category, words]) => ({ category, phrases: words.filter((word) => hasPhrase(folded, word)) }))
    .filter((entry) => entry.phrases.length > 0);
  const inside = (phrase: string, other: string) => other !== phrase && hasPhrase(other, phrase);
  return said
    .filter(({ category, phrases }) =>
      phrases.some((phrase) => !said.some((o) => o.category !== category && o.phrases.some((longer) => inside(phrase, longer)))),
    )
    .map(({ category }) => category);
}

/**
 * The country a text names, among `known` ISO codes: by name (English or Spanish), alias,
 * upper-case code ("in ES"), or one of the customer's place names (`places`: folded name → code).
 */
export function mentionedCountry(text: string, known: string[], places: Map<string, string> = new Map()): string | undefined {
  const folded = fold(text);
  const names = new Map<string, string>(Object.entries(COUNTRY_ALIASES).filter(([, code]) => known.includes(code)));
  for (const code of known) for (const lang of ["en", "es"] as const) names.set(fold(countryName(code, lang)), code);
  for (const [name, code] of places) names.set(name, code);
  const byLength = [...names.keys()].sort((a, b) => b.length - a.length);
  const named = byLength.find((name) => name.length > 1 && hasPhrase(folded, name));
  if (named) return names.get(named);
  const code = /\b([A-Z]{2})\b/.exec(text.replace(/\b(IT|OK|OR|TV|PC|HQ|AV|ID)\b/g, ""))?.[1];
  return code && known.includes(code) ? code : undefined;
}

/** A part code written as one ("PSU-NB5", "RMT-BAR"), when it is a known one. */
export function mentionedPartCode(text: string, known: string[]): string | undefined {
  const upper = new Set(known.map((code) => code.toUpperCase()));
  const token = text.split(/[\s,;?¿!]+/).find((word) => upper.has(word.toUpperCase()));
  return token ? known.find((code) => code.toUpperCase() === token.toUpperCase()) : undefined;
}
