/**
 * Feature message catalogs. Each feature keeps its sentences next to its code in a file that
 * calls `defineMessages(english, spanish)`; the compiler checks that Spanish has every key, and
 * bot/i18n/index.ts merges all catalogs into one.
 */
export interface MessageCatalog<E extends Record<string, string>> {
  en: E;
  es: { [K in keyof E]: string };
}

export function defineMessages<const E extends Record<string, string>>(en: E, es: { [K in keyof E]: string }): MessageCatalog<E> {
  return { en, es };
}
