/**
 * Triage classification speed: µs per message over a mix of hand-written examples (and the
 * shared dev set when it is present), throughput, and the worst case of a 40 KB log paste.
 * Target: median ≤ 1 ms per message on the 2-core machine.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DEMO_CATALOG_FILE, loadCatalog } from "../core/catalog.ts";
import { createTriage } from "../bot/triage/index.ts";
import { percentile, type BenchOptions, type BenchRow } from "./table.ts";

export const title = "triage: rule-based classification";

const SOURCES = [
  "../test/fixtures/triage/own-examples.jsonl",
  "../test/fixtures/triage/own-holdout-1.jsonl",
  "../test/fixtures/triage/own-holdout-2.jsonl",
  "../test/fixtures/triage/own-holdout-3.jsonl",
  "../test/fixtures/triage/own-holdout-4.jsonl",
  "../test/fixtures/triage/own-holdout-5.jsonl",
  "../test/fixtures/triage/own-holdout-6.jsonl",
  "../test/fixtures/triage/own-holdout-7.jsonl",
  "../test/fixtures/triage/own-holdout-8.jsonl",
  "../test/fixtures/triage/own-holdout-9.jsonl",
  "../test/fixtures/triage/own-holdout-10.jsonl",
  "../../shared/eval/triage-dev.jsonl",
].map((relative) => fileURLToPath(new URL(relative, import.meta.url)));

function readMessages(): string[] {
  return SOURCES.filter((file) => existsSync(file)).flatMap((file) =>
    readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.trim())
      .map((line) => (JSON.parse(line) as { text: string }).text),
  );
}

const LOG_LINE = "2024-11-25T10:14:03.512Z bar50 kernel: [ 12.345678] usb 1-1: device descriptor read/64, error -71 (NB5-2231987)\n";
const LOG = LOG_LINE.repeat(Math.ceil(40_000 / LOG_LINE.length));

/** About 40 KB pasted after one sentence: in a code block, and bare (the worse case, all of it is prose). */
const PASTES = {
  "fenced 40 KB paste": `the bar 50 in room 4.12 keeps rebooting since the update, log below\n\`\`\`\n${LOG}\`\`\``,
  "bare 40 KB paste": `the bar 50 in room 4.12 keeps rebooting since the update, log below\n${LOG}`,
};

export async function run(options: BenchOptions): Promise<BenchRow[]> {
  const triage = createTriage(loadCatalog(DEMO_CATALOG_FILE));
  const messages = readMessages();
  const rounds = options.quick ? 2 : 20;
  // Warm the JIT and the alias cache as a running bot would be.
  for (const message of messages) triage.classify(message);

  const samples: number[] = [];
  const started = performance.now();
  for (let round = 0; round < rounds; round++) {
    for (const message of messages) {
      const t0 = performance.now();
      triage.classify(message);
      samples.push((performance.now() - t0) * 1000);
    }
  }
  const elapsedS = (performance.now() - started) / 1000;

  const pasteRows: BenchRow[] = Object.entries(PASTES).map(([name, paste]) => {
    let worst = 0;
    for (let i = 0; i < (options.quick ? 5 : 50); i++) {
      const t0 = performance.now();
      triage.classify(paste);
      worst = Math.max(worst, performance.now() - t0);
    }
    return { area: "triage", metric: `max for a ${name}`, value: worst, unit: "ms" };
  });

  const median = percentile(samples, 50);
  return [
    { area: "triage", metric: "messages in the mix", value: messages.length },
    { area: "triage", metric: "median per message", value: median, unit: "µs", target: "≤ 1000", ok: median <= 1000 },
    { area: "triage", metric: "p99 per message", value: percentile(samples, 99), unit: "µs" },
    { area: "triage", metric: "throughput", value: Math.round(samples.length / elapsedS), unit: "messages/s" },
    ...pasteRows,
  ];
}
