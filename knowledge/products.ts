/**
 * Recognises catalog models in free text (documents and questions), so documentation can be
 * tagged and filtered by product and a question naming a model can prefer that model's pages.
 */
import type { Catalog } from "../core/catalog.ts";
import { fold } from "../core/text/fold.ts";
import { SEARCH_FOLD } from "./analysis/tokenize.ts";

/** Finds catalog models named in a text: full names, and aliases specific enough to trust. */
export function productsInText(catalog: Catalog | undefined, text: string, allAliases = false): string[] {
  if (!catalog) return [];
  const haystack = ` ${fold(text, SEARCH_FOLD).replace(/[^a-z0-9]+/g, " ")} `;
  const found: string[] = [];
  for (const model of catalog.models) {
    const names = [model.id, model.name, ...model.aliases].map((n) =>
      fold(n, SEARCH_FOLD)
        .replace(/[^a-z0-9]+/g, " ")
        .trim(),
    );
    // A bare word alias such as "tap" is too common in prose; in free text only names with a
    // digit or several words count. Front matter and folder names may use any alias.
    const usable = allAliases ? names : names.filter((n) => /\d/.test(n) || n.includes(" "));
    if (usable.some((n) => n !== "" && haystack.includes(` ${n} `))) found.push(model.id);
  }
  return found;
}
