/**
 * References and display formats of the replacement feature: RMA-204501 and ONS-300001 as people
 * write them, dates in the reader's language, fees in their currency.
 */
import { DateTime } from "luxon";
import type { Language } from "../../core/vocabulary.ts";

const RMA_PATTERN = /(?<![\p{L}\p{N}])rma\s?[-#:]{0,2}\s?(\d{6})(?!\d)/iu;
const VISIT_PATTERN = /(?<![\p{L}\p{N}])ons\s?[-#:]{0,2}\s?(\d{6})(?!\d)/iu;

/** The display form of an RMA number. */
export const formatRmaRef = (number: number): string => `RMA-${number}`;
/** The display form of an onsite visit number. */
export const formatVisitRef = (number: number): string => `ONS-${number}`;

/** The first RMA number in a text ("RMA-204501", "rma 204501", "RMA#204501"), or undefined. */
export function parseRmaRef(text: string): number | undefined {
  const match = RMA_PATTERN.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** The first onsite visit number in a text ("ONS-300001"), or undefined. */
export function parseVisitRef(text: string): number | undefined {
  const match = VISIT_PATTERN.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** Removes the first RMA and visit references from a text. */
export function stripRefs(text: string): string {
  return text.replace(RMA_PATTERN, " ").replace(VISIT_PATTERN, " ").replace(/\s+/g, " ").trim();
}

/** A local date ("2026-03-12") as the reader says it: "Thu 12 Mar 2026" / "jue 12 mar 2026". */
export function formatDay(date: string, lang: Language): string {
  return DateTime.fromISO(date, { zone: "utc" }).setLocale(lang).toFormat("ccc d LLL yyyy");
}

/** An instant shown in a zone: "Thu 12 Mar 2026 18:00 (Europe/Madrid)". */
export function formatInstant(at: Date, timeZone: string, lang: Language): string {
  return `${DateTime.fromJSDate(at, { zone: timeZone }).setLocale(lang).toFormat("ccc d LLL yyyy HH:mm")} (${timeZone})`;
}

/** A visit slot: "Thu 12 Mar 2026, 09:00–13:00 (Europe/Madrid)". */
export function formatSlot(start: Date, end: Date, timeZone: string, lang: Language): string {
  const from = DateTime.fromJSDate(start, { zone: timeZone }).setLocale(lang);
  const to = DateTime.fromJSDate(end, { zone: timeZone });
  return `${from.toFormat("ccc d LLL yyyy")}, ${from.toFormat("HH:mm")}–${to.toFormat("HH:mm")} (${timeZone})`;
}

/** A fee in minor units as money: 25000 EUR → "€250.00" / "250,00 €". */
export function formatMoney(minor: number, currency: string, lang: Language): string {
  return new Intl.NumberFormat(lang === "es" ? "es-ES" : "en-GB", { style: "currency", currency }).format(minor / 100);
}

/** A country code as a name in the reader's language ("ES" → "Spain" / "España"). */
export function countryName(code: string, lang: Language): string {
  try {
    return new Intl.DisplayNames([lang], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}
