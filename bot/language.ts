/**
 * Reply language: the person's setting wins, then the language of what they wrote, then the
 * language they last wrote in, then the platform's locale, then English.
 */
import type { Language } from "../core/vocabulary.ts";
import { languageFromLocale } from "./i18n/index.ts";
import { commandLanguage } from "../core/text/command-words.ts";

/** Detects the language of a message; set by the triage component at start. */
export type LanguageDetector = (text: string) => Language;

/** A language shows in the first sentences; the detector never reads more than this. */
const MAX_DETECTED_CHARS = 2_000;

/**
 * A sentence: a run of three letters and, somewhere after it, another word. Written as two
 * linear scans — the single pattern it replaces (`[a-z]{3,}.*\s+\S+`) backtracked in cubic time
 * on one long word, and a 40,000-letter message froze the server for hours.
 */
function isSentence(text: string): boolean {
  const letters = /[a-záéíóúñ]{3}/i.exec(text);
  return letters !== null && /\s\S/.test(text.slice(letters.index + 3));
}

/**
 * The language a text shows, if any: a sentence's, or a one-word command's. Very short texts
 * ("ok", "1", "CS-10422") and button presses show none.
 */
export function shownLanguage(text: string | undefined, detect: LanguageDetector): Language | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  if (isSentence(trimmed)) return detect(trimmed.slice(0, MAX_DETECTED_CHARS));
  return commandLanguage(trimmed);
}

/** Chooses the reply language. */
export function chooseLanguage(options: {
  personLocale: Language | null | undefined;
  /** What the text shows (`shownLanguage`). */
  shown: Language | undefined;
  /** The language the person last wrote in, for a text that does not show one. */
  lastSpoken?: Language;
  platformLocale: string | undefined;
}): Language {
  return options.personLocale || options.shown || options.lastSpoken || languageFromLocale(options.platformLocale) || "en";
}
