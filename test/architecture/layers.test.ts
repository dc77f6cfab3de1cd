/**
 * The base layers stay below the features: core/ (vocabulary, text, catalog, clock, model client)
 * imports nothing from the chat core, knowledge, adapters or the app, and knowledge/ imports
 * nothing from the chat core, adapters or the app. A failure names the file and the import.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), "../..");

const RULES: Record<string, string[]> = {
  core: ["bot", "knowledge", "adapters", "app"],
  knowledge: ["bot", "adapters", "app"],
};

// Static imports and re-exports, side-effect imports and dynamic imports.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm;

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|mts|cts)$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

/** The top-level folder a relative import lands in; undefined for packages and node: modules. */
function landsIn(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  return relative(ROOT, resolve(ROOT, dirname(file), specifier)).split(/[\\/]/)[0];
}

/** Every import of a layer's files that reaches a folder the layer must not depend on. */
function forbiddenImports(layer: string, forbidden: string[]): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(layer)) {
    const text = readFileSync(join(ROOT, file), "utf8");
    for (const match of text.matchAll(SPECIFIER)) {
      const target = landsIn(file, match[1]!);
      if (target && forbidden.includes(target)) found.push(`${file} imports "${match[1]}"`);
    }
  }
  return found;
}

describe("layers", () => {
  for (const [layer, forbidden] of Object.entries(RULES)) {
    it(`${layer}/ imports nothing from ${forbidden.join(", ")}`, () => {
      expect(sourceFiles(layer).length).toBeGreaterThan(0);
      expect(forbiddenImports(layer, forbidden)).toEqual([]);
    });
  }
});
