/**
 * Serials and models as IT admins write them: "NB5-2231987", "nb5 2231987", "Bar 50",
 * "nw-bar-50". The serial prefix decides the model (catalog `serial_prefix`), so a registration
 * never needs the model typed, and a model column that disagrees with the serial is caught.
 */
import { canonicalSerial, type Catalog, type ProductModelEntry } from "../../core/catalog.ts";
import { productsInText } from "../../knowledge/products.ts";
import { fold as foldText } from "../../core/text/fold.ts";

/** A serial read against the catalog. */
export type SerialReading =
  | { ok: true; serial: string; model: ProductModelEntry }
  | { ok: false; reason: "format"; text: string }
  | { ok: false; reason: "unknown_model"; text: string; prefix: string };

const SHAPE = /^([A-Z0-9]{2,6})[-\s]?(\d{7})$/;

/** Reads one serial; the longest catalog prefix that fits wins ("NB5" before "NB"). */
export function readSerial(catalog: Catalog, raw: string): SerialReading {
  const text = raw.trim().toUpperCase();
  const prefixes = catalog.models.map((model) => model.serial_prefix).sort((a, b) => b.length - a.length);
  for (const prefix of prefixes) {
    if (!text.startsWith(prefix)) continue;
    const digits = /^[-\s]?(\d{7})$/.exec(text.slice(prefix.length));
    if (digits)
      return { ok: true, serial: canonicalSerial(prefix, digits[1]!), model: catalog.models.find((m) => m.serial_prefix === prefix)! };
  }
  const shape = SHAPE.exec(text);
  if (shape) return { ok: false, reason: "unknown_model", text: raw.trim(), prefix: shape[1]! };
  return { ok: false, reason: "format", text: raw.trim() };
}

/** Serial-looking tokens in free text (also those of unknown models, so they can be refused by name). */
export function serialTokens(text: string): string[] {
  return [...text.matchAll(/(?<![\p{L}\p{N}])[A-Za-z0-9]{2,6}-\d{7}(?!\d)/gu)].map((m) => m[0]);
}

/** The model a text names: an id, name or alias, or the model of a serial in it. */
export function findModel(catalog: Catalog, text: string): ProductModelEntry | undefined {
  for (const token of serialTokens(text)) {
    const reading = readSerial(catalog, token);
    if (reading.ok) return reading.model;
  }
  const folded = fold(text);
  const exact = catalog.models.find((model) => [model.id, model.name, ...model.aliases].some((name) => fold(name) === folded));
  if (exact) return exact;
  const [id] = productsInText(catalog, text, true);
  return id ? catalog.models.find((model) => model.id === id) : undefined;
}

/** A model by catalog id, name or alias, exactly (for import columns). */
export function modelByName(catalog: Catalog, name: string): ProductModelEntry | undefined {
  const folded = fold(name);
  return catalog.models.find((model) => [model.id, model.name, ...model.aliases].some((alias) => fold(alias) === folded));
}

/** Lower case, no accents (the triage's folding), punctuation as spaces: "Sala  Alhambra-2" → "sala alhambra 2". */
export function fold(text: string): string {
  return foldText(text)
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}
