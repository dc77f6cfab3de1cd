/**
 * Serials, case ids and RMA ids: fixed formats, written loosely in chat ("nb5 2231987",
 * "cs#10422", "RMA 204511"), always returned in canonical form.
 */

/** Identifiers found in a message, canonical, deduplicated, in order of appearance. */
export interface Identifiers {
  serial: string[];
  case_id: string[];
  rma_id: string[];
}

/** Extracts identifiers; serial prefixes come from the catalog. */
export interface IdentifierExtractor {
  extract(text: string): Identifiers;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// Lookarounds keep ids from being read out of longer tokens: "CS-104221" has six digits and is
// not a case id; "NB5-22319" has five and is not a serial.
const CASE_ID = /(?<![\p{L}\p{N}])cs\s?[-#:]{0,2}\s?(\d{5})(?!\d)/giu;
const RMA_ID = /(?<![\p{L}\p{N}])rma\s?[-#:]{0,2}\s?(\d{6})(?!\d)/giu;

/** Builds the extractor for the catalog's serial prefixes (format `<PREFIX>-<7 digits>`). */
export function createIdentifierExtractor(prefixes: readonly string[]): IdentifierExtractor {
  const alternatives = [...prefixes]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join("|");
  const serialPattern = alternatives ? new RegExp(`(?<![\\p{L}\\p{N}])(${alternatives})[\\s-]?(\\d{7})(?!\\d)`, "giu") : undefined;
  return {
    extract(text) {
      const serial = serialPattern ? unique([...text.matchAll(serialPattern)].map((m) => `${m[1]!.toUpperCase()}-${m[2]}`)) : [];
      const case_id = unique([...text.matchAll(CASE_ID)].map((m) => `CS-${m[1]}`));
      const rma_id = unique([...text.matchAll(RMA_ID)].map((m) => `RMA-${m[1]}`));
      return { serial, case_id, rma_id };
    },
  };
}

/** Deduplicates, keeping the first occurrence's position. */
export function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
