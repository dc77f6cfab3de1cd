/**
 * The message catalog. `translate` picks the person's language and fills `{name}` placeholders;
 * a missing placeholder is left visible rather than silently dropped, so tests catch it.
 */
import type { Language } from "../events.ts";
import { en, type MessageKey } from "./en.ts";
import { es } from "./es.ts";

export type { MessageKey };
export type MessageParams = Record<string, string | number>;

const catalogs: Record<Language, Record<MessageKey, string>> = { en, es };

/** Returns the message for `key` in `lang` with its placeholders filled. */
export function translate(lang: Language, key: MessageKey, params: MessageParams = {}): string {
  const template = catalogs[lang][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A translator bound to one language. */
export type Translator = (key: MessageKey, params?: MessageParams) => string;

export function translator(lang: Language): Translator {
  return (key, params) => translate(lang, key, params);
}

/** Normalizes a platform locale ("es-ES", "es_MX", "en-US") to a supported language. */
export function languageFromLocale(locale: string | null | undefined): Language | undefined {
  if (!locale) return undefined;
  const base = locale.toLowerCase().slice(0, 2);
  return base === "es" ? "es" : base === "en" ? "en" : undefined;
}
