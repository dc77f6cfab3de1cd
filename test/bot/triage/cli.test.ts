/**
 * The triage CLI as a person runs it: `npx tsx app/cli/triage.ts ...` in a child process.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { OWN_EXAMPLES, REPO_ROOT } from "./helpers.ts";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runCli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile("npx", ["tsx", "app/cli/triage.ts", ...args], { cwd: REPO_ROOT, timeout: 25_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe("npm run triage", () => {
  it("classify --json prints one result object", async () => {
    const run = await runCli("classify", "escalate CS-11873 please. bar 70 in Chicago HQ is STILL dead after 4 days", "--json");
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({
      intent: "escalate",
      category: "hardware_failure",
      severity: "sev2",
      lang: "en",
      entities: { case_id: ["CS-11873"], model: ["nw-bar-70"], site: "Chicago HQ" },
    });
    expect(result.confidence).toBeGreaterThan(0);
  });

  it("classify without --json prints readable lines", async () => {
    const run = await runCli("classify", "la barra 50 de la sala Goya no enciende");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/intent\s+report_issue/);
    expect(run.stdout).toMatch(/site\s+sala Goya/);
  });

  it("eval --json prints one object with the TRIAGE.md §6 keys", async () => {
    const run = await runCli("eval", "--set", OWN_EXAMPLES, "--json");
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    for (const key of [
      "set",
      "messages",
      "intent_accuracy",
      "category_macro_f1",
      "severity_accuracy",
      "entity_micro_f1",
      "site_f1",
      "by_lang",
    ]) {
      expect(report).toHaveProperty(key);
    }
    expect(report.set).toBe("own-examples.jsonl");
    expect(report.messages).toBe(402);
    expect(report.by_lang.es.intent_accuracy).toBeGreaterThan(0.9);
    expect(report.intent_confusion.rows.report_issue.report_issue).toBeGreaterThan(150);
  });

  it("eval prints a confusion matrix and per-language figures", async () => {
    const run = await runCli("eval", "--set", OWN_EXAMPLES);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("intent confusion");
    expect(run.stdout).toMatch(/intent_accuracy\s+[\d.]+\s+[\d.]+\s+[\d.]+/);
  });

  it("a missing set file exits 2 and says which file", async () => {
    const run = await runCli("eval", "--set", "no/such/file.jsonl");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--set file not found: no/such/file.jsonl");
  });

  it("a bad JSON line exits 2 and names the line", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "triage-cli-"));
    const file = path.join(dir, "broken.jsonl");
    writeFileSync(
      file,
      `${JSON.stringify({ text: "hi", lang: "en", intent: "greeting_help", category: null, severity: null, entities: {} })}\n{not json\n`,
    );
    const run = await runCli("eval", "--set", file, "--json");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("broken.jsonl:2: not valid JSON");
    expect(run.stdout).toBe("");
  });

  it("an unknown command exits 2 with the usage", async () => {
    const run = await runCli("frobnicate");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown command "frobnicate"');
    expect(run.stderr).toContain("usage: npm run triage");
  });

  it("--help prints the usage and exits 0", async () => {
    const run = await runCli("--help");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("eval --set FILE.jsonl");
  });
});
