/**
 * Understanding one message (bot/understanding): the triage plus the model's reading over every
 * declared action, as the conversation does it, on the route sets' first messages. Also the
 * one-time training the app does once it is up. Target: median ≤ 1 ms per message.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DEMO_CATALOG_FILE, loadCatalog } from "../core/catalog.ts";
import { createTriage } from "../bot/triage/index.ts";
import { kernelActions } from "../bot/handlers/actions.ts";
import { createRouting } from "../bot/handlers/index.ts";
import { createUnderstanding } from "../bot/understanding/index.ts";
import { features } from "../app/features.ts";
import { percentile, type BenchOptions, type BenchRow } from "./table.ts";

export const title = "understanding: reading a first message over every declared action";

const SETS = ["../test/fixtures/route/dev.jsonl", "../test/fixtures/route/held-out.jsonl"].map((relative) =>
  fileURLToPath(new URL(relative, import.meta.url)),
);

export async function run(options: BenchOptions): Promise<BenchRow[]> {
  const items = SETS.flatMap((file) =>
    readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as { text: string; role: "employee" }),
  );
  const triage = createTriage(loadCatalog(DEMO_CATALOG_FILE));
  const { router } = createRouting(features);
  const actions = [...kernelActions, ...features.flatMap((feature) => feature.actions ?? [])];
  // A tuning key of its own, so this training is not the cached one of the router above.
  const trainStart = performance.now();
  const understanding = createUnderstanding(actions, (text) => router.commandVerbOf(text), { epochs: 12 });
  understanding.warm();
  const trainMs = performance.now() - trainStart;

  const read = (item: { text: string; role: "employee" }) =>
    understanding.understand({
      text: item.text,
      role: item.role,
      triage: triage.classify(item.text),
      commandVerb: router.commandVerbOf(item.text),
    });
  for (const item of items) read(item);
  const samples: number[] = [];
  for (let round = 0; round < (options.quick ? 3 : 20); round++)
    for (const item of items) {
      const t0 = performance.now();
      read(item);
      samples.push((performance.now() - t0) * 1000);
    }
  const median = percentile(samples, 50);
  return [
    {
      area: "understanding",
      metric: "declared example sentences",
      value: actions.reduce((sum, action) => sum + action.examples.length, 0),
    },
    { area: "understanding", metric: "training, once per process", value: trainMs, unit: "ms" },
    {
      area: "understanding",
      metric: "median per message (triage + reading)",
      value: median,
      unit: "µs",
      target: "≤ 1000",
      ok: median <= 1000,
    },
    { area: "understanding", metric: "p99 per message", value: percentile(samples, 99), unit: "µs" },
  ];
}
