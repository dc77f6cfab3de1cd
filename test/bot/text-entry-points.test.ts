/**
 * Every exported function that reads what people type, run on inputs built to make regular
 * expressions backtrack: runs of one character class, alternations of two classes, markup that
 * never closes, separators repeated between prefixes. No linter for super-linear patterns is
 * installed, so this is the check: each call must stay within a CPU budget at sizes where a
 * quadratic pattern takes seconds and a cubic one hours. Each input is tried at a small size
 * first, so a regression fails quickly instead of freezing the test worker.
 *
 * Budget: 50 ms of process CPU time per call, times LOADED_MACHINE_FACTOR for the JIT and the
 * garbage collector of a shared test worker.
 */
import { describe, expect, it } from "vitest";
import { messageText, plainText } from "../../adapters/slack/inbound.ts";
import { cleanText } from "../../adapters/teams/inbound.ts";
import { DEMO_CATALOG_FILE, loadCatalog } from "../../core/catalog.ts";
import { familyOf } from "../../bot/intake/families.ts";
import { parseAuditQuery } from "../../bot/it-tools/audit/search.ts";
import { shownLanguage } from "../../bot/language.ts";
import { restAfterVerb } from "../../bot/portal/command-text.ts";
import { readRegistration, UploadError } from "../../bot/portal/registration/input.ts";
import { mentionedCountry, mentionedPartCode, partCategories } from "../../bot/replacements/parts/query.ts";
import { normalizeCommandText } from "../../bot/router.ts";
import { createRouter } from "../../bot/handlers/index.ts";
import { parseCaseRef, stripCaseRef } from "../../bot/cases/refs.ts";
import { createTriage } from "../../bot/triage/index.ts";
import { detectLanguage } from "../../core/text/language.ts";
import { prepareText } from "../../bot/triage/text.ts";
import { analyze, tokenize } from "../../knowledge/analysis/tokenize.ts";
import { parseQuery } from "../../knowledge/query.ts";
import { features } from "../../app/features.ts";

const BUDGET_MS = 50;
const LOADED_MACHINE_FACTOR = 2;
const SIZES = [2_000, 50_000];

const repeat = (unit: string, size: number) => unit.repeat(Math.max(1, Math.ceil(size / unit.length)));

/** Adversarial texts by name, at a given size. */
const INPUTS: Record<string, (size: number) => string> = {
  "one long word": (n) => repeat("a", n),
  "one long accented word": (n) => repeat("ñá", n),
  "capitals and lower case": (n) => repeat("aB", n),
  "letters and digits": (n) => repeat("a1", n),
  digits: (n) => repeat("7", n),
  "a case prefix then spaces": (n) => `cs${repeat(" ", n)}x`,
  "case prefixes": (n) => repeat("cs -", n),
  "a severity word lost in spaces": (n) => `a${repeat(" ", n)}sev`,
  spaces: (n) => `x${repeat(" \t", n)}y`,
  "spaces before no newline": (n) => `${repeat(" ", n)}x`,
  punctuation: (n) => repeat("!?.,;:-", n),
  "dots between letters": (n) => repeat("a.", n),
  "dashes between letters": (n) => repeat("a-", n),
  emoji: (n) => repeat("😀", n),
  "unclosed mentions": (n) => repeat("<@", n),
  "unclosed links": (n) => repeat("<http:", n),
  "unclosed mailto": (n) => repeat("<mailto:", n),
  "unclosed channel links": (n) => repeat("<#C1|", n),
  "unclosed tags": (n) => repeat("<at", n),
  "unclosed code fences": (n) => repeat("```", n),
  "repeated prepositions": (n) => repeat("at ", n),
  "repeated since": (n) => repeat("since ", n),
  "repeated by": (n) => repeat("by ", n),
  "repeated last": (n) => repeat("last ", n),
  "newlines and spaces": (n) => repeat(" \n", n),
  "HTML entities": (n) => repeat("&amp", n),
  "serial-like": (n) => repeat("NB5-", n),
  "version-like": (n) => repeat("1.", n),
  "Spanish question marks": (n) => repeat("¿¡", n),
  "quotes and apostrophes": (n) => repeat("'\"", n),
};

const catalog = loadCatalog(DEMO_CATALOG_FILE);
const triage = createTriage(catalog);
const router = createRouter(features);
const now = new Date("2026-01-05T09:00:00Z");

/** The entry points, each taking a person's text. */
const ENTRY_POINTS: Record<string, (text: string) => unknown> = {
  "triage classify": (text) => triage.classify(text),
  "triage language": (text) => detectLanguage(text),
  "language shown": (text) => shownLanguage(text, detectLanguage),
  "triage text preparation": (text) => prepareText(text),
  "case reference": (text) => [parseCaseRef(text), stripCaseRef(text)],
  "command text": (text) => normalizeCommandText(text),
  "command matching": (text) => [
    router.matchCommand(text),
    router.matchCommand(`comment CS-10001 ${text}`),
    router.matchCommand(`open case ${text}`),
  ],
  "portal command rest": (text) => restAfterVerb(`register ${text}`, ["register", "registrar"]),
  "device registration": (text) => {
    try {
      return readRegistration(text);
    } catch (error) {
      // A paste too large or malformed is refused with a reason: that is an answer too.
      if (!(error instanceof UploadError)) throw error;
      return error.code;
    }
  },
  "audit search": (text) => [
    parseAuditQuery(text, now),
    parseAuditQuery(`audit last ${text}`, now),
    parseAuditQuery(`audit by ${text}`, now),
  ],
  "device family": (text) => familyOf(text, catalog),
  "spare parts": (text) => [partCategories(text), mentionedCountry(text, ["Portugal", "Spain"]), mentionedPartCode(text, ["PSU-100"])],
  "documentation question": (text) => [parseQuery(text, { catalog }), parseQuery(text, { catalog, language: "es" })],
  "documentation analysis": (text) => [tokenize(text.slice(0, 5_000)), analyze(text.slice(0, 5_000))],
  "Slack text": (text) => [plainText(text), messageText(text, "UBOT")],
  "Teams text": (text) => cleanText(text),
};

function cpuMs(work: () => unknown): number {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

describe("text processing stays linear on adversarial input", () => {
  it.each(Object.keys(ENTRY_POINTS))("%s", (name) => {
    const entry = ENTRY_POINTS[name]!;
    entry("warm up the JIT with an ordinary sentence about the Bar 50 in room 4");
    for (const [input, make] of Object.entries(INPUTS))
      for (const size of SIZES) {
        const text = make(size);
        // The cheaper of two runs when the first is over: a GC pause is noise, backtracking is not.
        const first = cpuMs(() => entry(text));
        const used =
          first < BUDGET_MS * LOADED_MACHINE_FACTOR
            ? first
            : Math.min(
                first,
                cpuMs(() => entry(text)),
              );
        expect(used, `${name} on ${input} (${size} characters): ${used.toFixed(0)} ms of CPU`).toBeLessThan(
          BUDGET_MS * LOADED_MACHINE_FACTOR,
        );
      }
  });
});
