import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const APP = path.join(ROOT, "app") + path.sep;
/** `import … from "x"`, `export … from "x"`, `import("x")` and `import "x"`. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** The files under `dir` that import something under app/, with what they import. */
function importsOfApp(dir: string): string[] {
  return sourceFiles(dir).flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(SPECIFIER)]
      .map((match) => match[1]!)
      .filter((specifier) => specifier.startsWith(".") && path.resolve(path.dirname(file), specifier).startsWith(APP))
      .map((specifier) => `${path.relative(ROOT, file)} → ${specifier}`),
  );
}

describe("the adapters", () => {
  it("import nothing from app/: they see the core through their host (bot/ports.ts) only", () => {
    expect(importsOfApp(path.join(ROOT, "adapters"))).toEqual([]);
  });

  it("are caught when one does import from app/", () => {
    const fixture = path.join(ROOT, "test", "fixtures", "adapter-imports");
    expect(importsOfApp(fixture)).toEqual(["test/fixtures/adapter-imports/uses-app.ts → ../../../app/config.ts"]);
  });
});
