/**
 * `npm run triage -- <command>`: classify one message, or evaluate the triage on a labelled
 * JSONL set with the metrics of the eval taxonomy. Results go to stdout (one JSON object with
 * --json), diagnostics to stderr; usage errors (unknown command, missing or bad file) exit 2.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { CatalogError, DEMO_CATALOG_FILE, loadCatalog } from "../../core/catalog.ts";
import { createLanguageModel } from "../../core/llm.ts";
import { createTriage, type TriageResult } from "../../bot/triage/index.ts";
import { INTENTS } from "../../core/vocabulary.ts";
import { createRouting } from "../../bot/handlers/index.ts";
import { evaluateRouting, parseRouteSet, RouteSetError, type RouteItem } from "../../bot/understanding/eval.ts";
import { features } from "../features.ts";
import { EvalSetError, evaluate, parseLabelledSet, type EvalReport } from "../../bot/triage/eval.ts";

const USAGE = `usage: npm run triage -- <command> [options]

  classify "<message>" [--catalog FILE] [--json] [--llm]
      print the intent, category, severity, entities, language and confidence of one message
  route --set FILE.jsonl [--catalog FILE] [--json] [--errors N]
      read each first message as the bot does (commands, then the understanding over every
      declared action) and score the action against the label: accuracy overall, per language
      and per role, how often the bot would ask instead of act, confusions; each line of FILE is
      {"id","text","lang","role","expected_action","also":[...]}
  eval --set FILE.jsonl [--catalog FILE] [--json] [--errors N]
      score the rules on a labelled set (TRIAGE.md §6): intent accuracy, category macro-F1,
      severity accuracy, entity micro-F1, site F1, per language, intent confusion matrix;
      --errors N lists up to N mislabelled messages

options:
  --catalog FILE   product catalog (default: the demo catalog, ${path.relative(process.cwd(), DEMO_CATALOG_FILE) || DEMO_CATALOG_FILE})
  --json           one JSON object on stdout
  --llm            classify: refine a low-confidence result with the language model configured by
                   OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL (the rules answer if it fails)
  --help           this text`;

/** A problem with the command line or its files: printed with a hint, exit code 2. */
class UsageError extends Error {}

interface Args {
  command: string | undefined;
  positional: string[];
  options: Map<string, string | true>;
}

const SWITCHES = new Set(["--json", "--help", "--llm"]);
const VALUED = new Set(["--catalog", "--set", "--errors"]);

function parseArgs(argv: readonly string[]): Args {
  const options = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "-h") options.set("--help", true);
    else if (SWITCHES.has(arg)) options.set(arg, true);
    else if (VALUED.has(arg)) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith("--")) throw new UsageError(`${arg} needs a value`);
      options.set(arg, value);
      i++;
    } else if (arg.startsWith("--")) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  return { command: positional.shift(), positional, options };
}

const option = (args: Args, name: string): string | undefined => {
  const value = args.options.get(name);
  return typeof value === "string" ? value : undefined;
};

function readableFile(file: string | undefined, what: string): string {
  if (!file) throw new UsageError(`missing ${what}`);
  if (!existsSync(file)) throw new UsageError(`${what} not found: ${file}`);
  if (statSync(file).isDirectory()) throw new UsageError(`${what} is a folder, expected a file: ${file}`);
  return file;
}

function catalogFrom(args: Args) {
  const file = readableFile(option(args, "--catalog") ?? DEMO_CATALOG_FILE, "catalog file");
  try {
    return loadCatalog(file);
  } catch (error) {
    if (error instanceof CatalogError) throw new UsageError(error.message);
    throw error;
  }
}

async function classifyCommand(args: Args): Promise<void> {
  const text = args.positional.join(" ");
  if (args.positional.length === 0) throw new UsageError('classify needs a message, e.g. classify "the bar 50 in room 4.12 is dead"');
  const llm = args.options.has("--llm")
    ? createLanguageModel(
        process.env.OPENAI_API_KEY
          ? { apiKey: process.env.OPENAI_API_KEY, baseURL: process.env.OPENAI_BASE_URL, model: process.env.OPENAI_MODEL ?? "gpt-4o-mini" }
          : undefined,
      )
    : undefined;
  if (args.options.has("--llm") && !llm) console.error("[triage] --llm given but OPENAI_API_KEY is not set; using the rules only");
  const triage = createTriage(catalogFrom(args), {
    llm,
    onLlmError: (error) => console.error(`[triage] language model not used: ${(error as Error).message}`),
  });
  let result = triage.classify(text);
  if (triage.refine) result = await triage.refine(text, result);
  if (args.options.has("--json")) console.log(JSON.stringify(result));
  else console.log(renderResult(result));
}

function renderResult(result: TriageResult): string {
  const e = result.entities;
  const list = (values: string[]) => (values.length ? values.join(", ") : "-");
  const signals = Object.entries(result.signals)
    .map(([key, value]) => `${key}=${value}`)
    .join(" ");
  return [
    `intent      ${result.intent}  (${result.confidences.intent})`,
    `category    ${result.category ?? "-"}  (${result.confidences.category})`,
    `severity    ${result.severity ?? "-"}  (${result.confidences.severity})`,
    `language    ${result.lang}`,
    `serials     ${list(e.serial)}`,
    `models      ${list(e.model)}`,
    `cases       ${list(e.case_id)}`,
    `RMAs        ${list(e.rma_id)}`,
    `partner     ${e.partner ?? "-"}`,
    `site        ${e.site ?? "-"}`,
    `signals     ${signals || "-"}`,
    `confidence  ${result.confidence}  (${result.source}${result.truncated ? ", message cut to the analysed length" : ""})`,
  ].join("\n");
}

function evalCommand(args: Args): void {
  const file = readableFile(option(args, "--set"), "--set file");
  const errorsValue = option(args, "--errors");
  const errors = errorsValue === undefined ? 0 : Number(errorsValue);
  if (!Number.isInteger(errors) || errors < 0) throw new UsageError(`--errors needs a whole number, got ${errorsValue}`);
  let items;
  try {
    items = parseLabelledSet(readFileSync(file, "utf8"), path.basename(file));
  } catch (error) {
    if (error instanceof EvalSetError) throw new UsageError(error.message);
    throw error;
  }
  const triage = createTriage(catalogFrom(args));
  const report = evaluate(path.basename(file), items, triage.classify);
  if (args.options.has("--json")) {
    const { mistakes, ...rest } = report;
    console.log(JSON.stringify(errors > 0 ? { ...rest, mistakes: mistakes.slice(0, errors) } : rest));
  } else console.log(renderReport(report, errors));
}

function renderReport(report: EvalReport, errors: number): string {
  const pct = (value: number) => value.toFixed(3);
  // A language with no messages in the set has no figures, not zeros.
  const byLang = (lang: "en" | "es", key: keyof EvalReport["by_lang"]["en"]) =>
    report.by_lang[lang].messages === 0 ? "  -  " : pct(report.by_lang[lang][key]);
  const lines = [
    `set ${report.set}: ${report.messages} messages (en ${report.by_lang.en.messages}, es ${report.by_lang.es.messages})`,
    "",
    "metric              all     en      es",
  ];
  for (const key of ["intent_accuracy", "category_macro_f1", "severity_accuracy", "entity_micro_f1", "site_f1", "lang_accuracy"] as const) {
    lines.push(`${key.padEnd(19)} ${pct(report[key])}   ${byLang("en", key)}   ${byLang("es", key)}`);
  }
  lines.push(
    "",
    "entity F1 by type: " +
      Object.entries(report.entity_f1_by_type)
        .map(([k, v]) => `${k} ${pct(v)}`)
        .join(", "),
  );
  lines.push(
    "category F1: " +
      Object.entries(report.category_f1)
        .map(([k, v]) => `${k} ${pct(v)}`)
        .join(", "),
  );
  const short = (intent: string) =>
    intent
      .split("_")
      .map((part) => part.slice(0, 3))
      .join("_")
      .padStart(8);
  const labels = INTENTS.filter(
    (intent) => report.intent_confusion.rows[intent] || Object.values(report.intent_confusion.rows).some((row) => row[intent]),
  );
  lines.push("", "intent confusion (rows: label, columns: predicted)", `${"".padEnd(19)}${labels.map(short).join("")}`);
  for (const gold of labels) {
    const row = report.intent_confusion.rows[gold] ?? {};
    lines.push(`${gold.padEnd(19)}${labels.map((p) => String(row[p] ?? ".").padStart(8)).join("")}`);
  }
  if (errors > 0) {
    lines.push("", `mislabelled (first ${Math.min(errors, report.mistakes.length)} of ${report.mistakes.length}):`);
    for (const m of report.mistakes.slice(0, errors))
      lines.push(`  ${m.id}  want ${m.expected}  got ${m.predicted}\n      ${m.text.slice(0, 160)}`);
  }
  return lines.join("\n");
}

function routeCommand(args: Args): void {
  const file = readableFile(option(args, "--set"), "--set file");
  const errorsValue = option(args, "--errors");
  const errors = errorsValue === undefined ? 0 : Number(errorsValue);
  if (!Number.isInteger(errors) || errors < 0) throw new UsageError(`--errors needs a whole number, got ${errorsValue}`);
  let set: RouteItem[];
  try {
    set = parseRouteSet(readFileSync(file, "utf8"), path.basename(file));
  } catch (error) {
    if (error instanceof RouteSetError) throw new UsageError(error.message);
    throw error;
  }
  const { router, conversation } = createRouting(features);
  const report = evaluateRouting(
    { router, understanding: conversation.understanding, triage: createTriage(catalogFrom(args)), changes: conversation.changes },
    set,
  );
  if (args.options.has("--json")) return void console.log(JSON.stringify(report));
  const pct = (value: number) => value.toFixed(3);
  const lines = [
    `set ${path.basename(file)}: ${report.total} messages`,
    `action_accuracy            ${pct(report.action_accuracy)}`,
    `ask_rate                   ${pct(report.ask_rate)}   (asks which action, or confirms, instead of acting)`,
    `documentation_fallthrough  ${pct(report.documentation_fallthrough)}   (not documentation questions, searched as one)`,
    "",
    "by language: " +
      Object.entries(report.by_lang)
        .map(([k, v]) => `${k} ${pct(v.accuracy)} (${v.total})`)
        .join(", "),
    "by role:     " +
      Object.entries(report.by_role)
        .map(([k, v]) => `${k} ${pct(v.accuracy)} (${v.total})`)
        .join(", "),
    "",
    "confusions (expected → got):",
    ...report.confusions.slice(0, 15).map((c) => `  ${c.expected} → ${c.got}  ${c.count}`),
  ];
  if (errors > 0) {
    const byId = new Map(set.map((item) => [item.id, item]));
    const wrong = report.items.filter((item) => !item.correct).slice(0, errors);
    lines.push("", `wrong (first ${wrong.length}):`);
    for (const item of wrong) {
      const labelled = byId.get(item.id)!;
      lines.push(
        `  ${item.id} [${labelled.role}] want ${labelled.expected_action} got ${item.action} (${item.confidence.toFixed(2)}${item.asks ? ", asks" : ""})\n      ${labelled.text.slice(0, 160)}`,
      );
    }
  }
  console.log(lines.join("\n"));
}

async function main(argv: readonly string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
    if (args.options.has("--help") || args.command === "help") {
      console.log(USAGE);
      return 0;
    }
    if (args.command === "classify") await classifyCommand(args);
    else if (args.command === "eval") evalCommand(args);
    else if (args.command === "route") routeCommand(args);
    else throw new UsageError(args.command ? `unknown command "${args.command}"` : "missing command");
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`triage: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    console.error(`triage: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
