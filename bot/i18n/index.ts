/**
 * The message catalog. `translate` picks the person's language and fills `{name}` placeholders;
 * a missing placeholder is left visible rather than silently dropped, so tests catch it.
 *
 * To add a feature's messages: create `<feature>-messages.ts` with `defineMessages(en, es)` and
 * add it to `features` below.
 */
import type { Language } from "../../core/vocabulary.ts";
import { en as coreEn } from "./en.ts";
import { es as coreEs } from "./es.ts";
import { knowledgeMessages } from "../answers/messages.ts";
import { escalationMessages } from "../escalations/messages.ts";
import { replacementMessages } from "../replacements/messages.ts";
import { intakeMessages } from "../intake/messages.ts";
import { portalMessages } from "../portal/messages.ts";
import { itToolMessages } from "../it-tools/messages.ts";
import { partnerMessages } from "../partners/messages.ts";
import { outboxMessages } from "../handlers/outbox-messages.ts";
import { clockMessages } from "../handlers/clock-messages.ts";
import { escalationViewMessages } from "../escalations/view-messages.ts";

const features = [
  knowledgeMessages,
  escalationMessages,
  intakeMessages,
  portalMessages,
  replacementMessages,
  itToolMessages,
  partnerMessages,
  outboxMessages,
  clockMessages,
  escalationViewMessages,
] as const;

// Distributes over the union of catalogs, so every catalog's keys are included.
type KeysOf<C> = C extends { en: infer E } ? keyof E : never;
type FeatureKeys = KeysOf<(typeof features)[number]>;
export type MessageKey = keyof typeof coreEn | FeatureKeys;
export type MessageParams = Record<string, string | number>;

const merge = (
  base: Record<string, string>,
  pick: (f: { en: Record<string, string>; es: Record<string, string> }) => Record<string, string>,
) => Object.assign({}, base, ...features.map((feature) => pick(feature as never)));

const catalogs: Record<Language, Record<string, string>> = {
  en: merge(coreEn, (f) => f.en),
  es: merge(coreEs, (f) => f.es),
};

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
