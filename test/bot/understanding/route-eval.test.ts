/**
 * The routing of first messages on the two route sets (test/fixtures/route), as
 * `npm run triage -- route` scores them, and that command as a person runs it. The floors sit
 * a little under what was measured when this was written (dev 0.975, held-out 0.913), so a
 * change that loses sentences to the wrong action fails here.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createRouting } from "../../../bot/handlers/index.ts";
import { createTriage } from "../../../bot/triage/index.ts";
import { evaluateRouting, parseRouteSet } from "../../../bot/understanding/eval.ts";
import { features } from "../../../app/features.ts";
import { DEMO_CATALOG_FILE, loadCatalog } from "../../../core/catalog.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const SET = (name: string) => path.join(ROOT, "test/fixtures/route", name);

function score(name: string) {
  const { router, conversation } = createRouting(features);
  const triage = createTriage(loadCatalog(DEMO_CATALOG_FILE));
  const set = parseRouteSet(readFileSync(SET(name), "utf8"), name);
  return evaluateRouting({ router, understanding: conversation.understanding, triage, changes: conversation.changes }, set);
}

describe("routing first messages", () => {
  it("reads the tuned set right, in both languages, and sends no other request to the documentation search", () => {
    const report = score("dev.jsonl");
    expect(report.total).toBeGreaterThanOrEqual(300);
    expect(report.action_accuracy).toBeGreaterThanOrEqual(0.96);
    for (const lang of ["en", "es"]) expect(report.by_lang[lang]!.accuracy, lang).toBeGreaterThanOrEqual(0.95);
    expect(report.documentation_fallthrough).toBeLessThanOrEqual(0.02);
  });

  it("reads the set-aside part nearly as well (the Spanish gap is an open target: 0.064 measured, 0.04 wanted)", () => {
    const report = score("held-out.jsonl");
    expect(report.total).toBeGreaterThanOrEqual(130);
    expect(report.action_accuracy).toBeGreaterThanOrEqual(0.9);
    expect(report.by_lang.en!.accuracy).toBeGreaterThanOrEqual(0.93);
    expect(report.by_lang.es!.accuracy).toBeGreaterThanOrEqual(0.85);
    expect(report.documentation_fallthrough).toBeLessThanOrEqual(0.02);
  });
});

function runCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("npx", ["tsx", "app/cli/triage.ts", ...args], { cwd: ROOT, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe("npm run triage -- route", () => {
  it("prints each message's action, confidence and slots, and the accuracy by language and role, as JSON", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sb-route-"));
    const file = path.join(dir, "set.jsonl");
    writeFileSync(
      file,
      [
        { id: "a", text: "I'll take CS-10002", lang: "en", role: "engineer", expected_action: "case_take", also: [] },
        { id: "b", text: "¿cuándo llega la barra nueva?", lang: "es", role: "employee", expected_action: "rma_status", also: [] },
      ]
        .map((line) => JSON.stringify(line))
        .join("\n"),
    );
    const run = await runCli("route", "--set", file, "--json");
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.items[0]).toMatchObject({ id: "a", action: "case_take", slots: { case: 10002 } });
    expect(report.items[0].confidence).toBeGreaterThan(0);
    expect(report.action_accuracy).toBe(1);
    expect(Object.keys(report.by_lang).sort()).toEqual(["en", "es"]);
    expect(Object.keys(report.by_role).sort()).toEqual(["employee", "engineer"]);
  }, 90_000);

  it("names the line and the field of a set it cannot read, and exits 2", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sb-route-"));
    const file = path.join(dir, "bad.jsonl");
    writeFileSync(file, '{"id":"x","text":"hi","lang":"en","role":"employee","expected_action":"teleport"}\n');
    const run = await runCli("route", "--set", file);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("bad.jsonl:1: expected_action");
  }, 90_000);
});
