/**
 * Reply language: the person's setting wins, then the language of what they wrote, then the
 * language they last wrote in, then the platform's locale, then English.
 */
import type { Language } from "./events.ts";
import { languageFromLocale } from "./i18n/index.ts";

/** Detects the language of a message; set by the triage component at start. */
export type LanguageDetector = (text: string) => Language;

const SPANISH_HINTS =
  /[ñ¿¡]|\b(el|la|los|las|de|del|que|por|para|con|una|uno|está|esta|no funciona|hola|gracias|ayuda|casos?|sala|oficina|cerrar|reabrir|abrir|comentar|nota|estado|severidad|resolver|escalar|sigue|tenemos|desde|pero|también|muy)\b/gi;
const ENGLISH_HINTS =
  /\b(the|is|are|and|with|not|does|doesn't|won't|can't|my|our|room|please|thanks|hello|help|cases?|still|since|from|it|this)\b/gi;

/** A small fallback detector, used until (or when) no better one is configured. */
export const detectLanguageByHints: LanguageDetector = (text) => {
  const spanish = text.match(SPANISH_HINTS)?.length ?? 0;
  const english = text.match(ENGLISH_HINTS)?.length ?? 0;
  return spanish > english ? "es" : "en";
};

/** Very short texts ("ok", "1", "CS-10422") and button presses say nothing about the language. */
export function showsLanguage(text: string | undefined): text is string {
  return text !== undefined && /[a-záéíóúñ]{3,}.*\s+\S+/i.test(text.trim());
}

/** Chooses the reply language. */
export function chooseLanguage(options: {
  personLocale: Language | null | undefined;
  text: string | undefined;
  /** The language the person last wrote in, for a text that does not show one. */
  lastSpoken?: Language;
  platformLocale: string | undefined;
  detect: LanguageDetector;
}): Language {
  if (options.personLocale) return options.personLocale;
  if (showsLanguage(options.text)) return options.detect(options.text.trim());
  return options.lastSpoken ?? languageFromLocale(options.platformLocale) ?? "en";
}
