/**
 * The floor plan, checked on every run: which part of the code may import which. A failure lists
 * each offending import as `importer -> imported`, so the fix starts from the message.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findCycles, folderOf, readImportGraph, readSpecifiers, type ImportEdge } from "./support/import-graph.ts";

/**
 * The bot kernel: what every feature stands on (docs/architecture.md). `bot` alone means the files
 * at the root of bot/. Cases and escalations are its case core: nearly every feature opens,
 * comments on or escalates a case.
 */
const KERNEL = [
  "bot",
  "bot/middleware",
  "bot/runtime",
  "bot/people",
  "bot/audit",
  "bot/i18n",
  "bot/calendar",
  "bot/handlers",
  "bot/triage",
  "bot/understanding",
  "bot/cases",
  "bot/escalations",
];
/** The features: each plugs into the kernel and may be removed without the kernel noticing. */
const FEATURES = ["bot/answers", "bot/intake", "bot/replacements", "bot/portal", "bot/it-tools", "bot/partners"];

/**
 * Folders of test/ that mirror no source folder: helpers and factories, data files, the fault
 * drills (each breaks the whole app from outside) and the multi-replica runs (several apps at once).
 */
const TEST_ONLY = ["support", "fixtures", "faults", "scaled"];
/** Folders vitest writes beside a test (snapshots), wherever they are. */
const GENERATED_TEST_FOLDERS = ["__snapshots__"];

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const edges = readImportGraph(ROOT);

/** Whether a file lies in a folder or below it. */
const under = (file: string, folder: string) => file.startsWith(`${folder}/`);
/** Kernel folders are exact (bot/ means its root files only, core/ includes its sub-folders). */
const inKernel = (file: string) => KERNEL.includes(folderOf(file));
const inFeature = (file: string) => FEATURES.some((feature) => under(file, feature));

/**
 * The unit of the floor plan: the bot kernel is one room, a feature is one room with its
 * sub-folders, and elsewhere a room is the folder directly under the top-level one
 * (adapters/slack, app/cli) or the top-level folder itself (core, knowledge, db).
 */
function roomOf(file: string): string {
  if (inKernel(file)) return "bot kernel";
  const feature = FEATURES.find((f) => under(file, f));
  if (feature) return feature;
  const parts = file.split("/");
  if (parts[0] === "core" || parts[0] === "knowledge" || parts.length <= 2) return parts[0]!;
  return `${parts[0]}/${parts[1]}`;
}

/**
 * A feature's handlers reach their service through the accessor of the feature's declaration
 * (`portalFeature.of(ctx)` in index.ts), which names the handlers: the one run-time circle a
 * folder may hold, harmless because the declaration only refers to the handlers and never calls
 * them while the modules load (docs/architecture.md).
 */
const isAccessorImport = (edge: ImportEdge) => inFeature(edge.from) && path.basename(edge.to) === "index.ts";

const show = (edge: ImportEdge) => `${edge.from} -> ${edge.to}${edge.typeOnly ? " (type only)" : ""}`;

/** The imports from files under one set of folders into files under another. */
function importsAcross(from: string[], to: string[]): string[] {
  return edges.filter((e) => from.some((f) => under(e.from, f)) && to.some((t) => under(e.to, t))).map(show);
}

describe("the import rules of the floor plan", () => {
  it("reads the project's imports", () => {
    // Guards the rules below against passing because nothing was read.
    expect(edges.length).toBeGreaterThan(500);
    expect(edges.some((e) => e.from === "app/main.ts")).toBe(true);
  });

  it("has no import circle between rooms", () => {
    const between = edges.filter((e) => roomOf(e.from) !== roomOf(e.to));
    const circles = findCycles(between.map((e) => ({ from: roomOf(e.from), to: roomOf(e.to) })));
    const described = circles.map(({ members, circle }) =>
      [
        `tangled: ${members.join(", ")}`,
        `circle: ${circle.join(" -> ")} -> ${circle[0]}`,
        ...circle.flatMap((folder, i) => {
          const nextFolder = circle[(i + 1) % circle.length];
          return between.filter((e) => roomOf(e.from) === folder && roomOf(e.to) === nextFolder).map((e) => `  ${show(e)}`);
        }),
      ].join("\n"),
    );
    expect(described, "folders that import each other, with the imports that close each circle").toEqual([]);
  });

  it("has no import circle inside a folder except through type-only imports", () => {
    const within = edges.filter((e) => folderOf(e.from) === folderOf(e.to) && !e.typeOnly && !isAccessorImport(e));
    const circles = findCycles(within).map(({ circle }) => `${circle.join(" -> ")} -> ${circle[0]}`);
    expect(circles, "files of one folder that import each other at run time").toEqual([]);
  });

  it("keeps adapters from importing the app", () => {
    expect(importsAcross(["adapters"], ["app"])).toEqual([]);
  });

  it("keeps knowledge from importing the bot, the adapters and the app", () => {
    expect(importsAcross(["knowledge"], ["bot", "adapters", "app"])).toEqual([]);
  });

  it("keeps the core from importing anything built on it", () => {
    expect(importsAcross(["core"], ["bot", "knowledge", "adapters", "app"])).toEqual([]);
  });

  it("keeps every kernel file from importing a feature", () => {
    const offending = edges.filter((e) => inKernel(e.from) && inFeature(e.to)).map(show);
    expect(offending).toEqual([]);
  });
});

describe("the test tree", () => {
  it("mirrors the source tree: each folder of tests is named after the source folder it tests", () => {
    const testFolders = (dir: string): string[] =>
      readdirSync(path.join(ROOT, "test", dir), { withFileTypes: true }).flatMap((entry) => {
        const child = dir ? `${dir}/${entry.name}` : entry.name;
        if (!entry.isDirectory()) return dir ? [dir] : [];
        if (GENERATED_TEST_FOLDERS.includes(entry.name)) return [];
        return dir === "" && TEST_ONLY.includes(entry.name) ? [] : testFolders(child);
      });
    const unmatched = [...new Set(testFolders(""))].filter((folder) => !existsSync(path.join(ROOT, folder)));
    expect(unmatched, "folders under test/ with no source folder of the same path").toEqual([]);
  });
});

describe("the import reader", () => {
  it("sees static, re-exported and dynamic imports and tells type-only ones apart", () => {
    const source = [
      `import { a } from "./a.ts";`,
      `import type { B } from "./b.ts";`,
      `export { c } from "./c.ts";`,
      `export type { D } from "./d.ts";`,
      `const e = await import("./e.ts");`,
      `type F = typeof import("./f.ts");`,
      `// import { g } from "./g.ts";`,
    ].join("\n");
    expect(readSpecifiers("x.ts", source)).toEqual([
      { specifier: "./a.ts", typeOnly: false },
      { specifier: "./b.ts", typeOnly: true },
      { specifier: "./c.ts", typeOnly: false },
      { specifier: "./d.ts", typeOnly: true },
      { specifier: "./e.ts", typeOnly: false },
      { specifier: "./f.ts", typeOnly: true },
    ]);
  });

  it("finds a circle and names it in import order", () => {
    const circle = findCycles([
      { from: "a", to: "b" },
      { from: "b", to: "c" },
      { from: "c", to: "a" },
      { from: "c", to: "d" },
    ]);
    expect(circle).toEqual([{ members: ["a", "b", "c"], circle: ["a", "b", "c"] }]);
    expect(findCycles([{ from: "a", to: "b" }])).toEqual([]);
  });
});
