/**
 * The message catalog. `translate` picks the person's language and fills `{name}` placeholders;
 * a missing placeholder is left visible rather than silently dropped, so tests catch it.
 *
 * The kernel's sentences are here; each feature brings its own catalog in its declaration
 * (bot/feature.ts), which hands it to `registerMessages`. The keys stay checked at compile time:
 * a feature's messages.ts adds its keys to `FeatureMessages` by declaration merging, so
 * `ctx.t("rma.title")` is typed without this file naming the feature.
 */
import type { Language } from "../../core/vocabulary.ts";
import { en as coreEn } from "./en.ts";
import { es as coreEs } from "./es.ts";
import type { MessageCatalog } from "./define.ts";
import { escalationMessages } from "../escalations/messages.ts";
import { conversationMessages } from "../handlers/conversation-messages.ts";
import { outboxMessages } from "../handlers/outbox-messages.ts";
import { clockMessages } from "../handlers/clock-messages.ts";
import { escalationViewMessages } from "../escalations/view-messages.ts";
import { caseThreadMessages } from "../cases/messages.ts";

const kernel = [
  escalationMessages,
  conversationMessages,
  outboxMessages,
  clockMessages,
  escalationViewMessages,
  caseThreadMessages,
] as const;

/**
 * The features' message keys. Each feature's messages.ts extends this interface with the type
 * of its English catalog (`declare module "../i18n/index.ts"`), which adds its keys here.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface FeatureMessages {}

// Distributes over the union of catalogs, so every catalog's keys are included.
type KeysOf<C> = C extends { en: infer E } ? keyof E : never;
type KernelKeys = KeysOf<(typeof kernel)[number]>;
export type MessageKey = keyof typeof coreEn | KernelKeys | (keyof FeatureMessages & string);
export type MessageParams = Record<string, string | number>;

const catalogs: Record<Language, Record<string, string>> = {
  en: Object.assign({}, coreEn, ...kernel.map((catalog) => catalog.en)),
  es: Object.assign({}, coreEs, ...kernel.map((catalog) => catalog.es)),
};

/** Adds a feature's sentences to the catalog (bot/feature.ts defineFeature does it). */
export function registerMessages(catalog: MessageCatalog<Record<string, string>>): void {
  Object.assign(catalogs.en, catalog.en);
  Object.assign(catalogs.es, catalog.es);
}

/** Returns the message for `key` in `lang` with its placeholders filled. */
export function translate(lang: Language, key: MessageKey, params: MessageParams = {}): string {
  const template = catalogs[lang][key] ?? catalogs.en[key] ?? key;
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

/** A quoted phrase ended as a sentence: "no sound" → "no sound.", "is it covered?" stays as it is. */
export function asSentence(text: string): string {
  return /[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}
