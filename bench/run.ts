/**
 * `npm run bench [-- <area> ...] [--quick] [--json]`: runs every benchmark module in bench/
 * (files named *.bench.ts), or only those whose file name contains one of the given words,
 * and prints one table. Machines here are shared and noisy: compare ratios within one run.
 */
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderTable, type BenchModule, type BenchRow } from "./table.ts";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const json = args.includes("--json");
const filters = args.filter((arg) => !arg.startsWith("--"));
const dir = fileURLToPath(new URL(".", import.meta.url));
const files = readdirSync(dir)
  .filter((file) => file.endsWith(".bench.ts"))
  .filter((file) => filters.length === 0 || filters.some((word) => file.includes(word)))
  .sort();

const rows: BenchRow[] = [];
for (const file of files) {
  const module = (await import(`${dir}${file}`)) as BenchModule;
  console.error(`[bench] ${module.title} …`);
  const started = performance.now();
  try {
    rows.push(...(await module.run({ quick })));
  } catch (error) {
    rows.push({ area: file.replace(".bench.ts", ""), metric: "error", value: (error as Error).message });
    process.exitCode = 1;
  }
  console.error(`[bench] ${module.title} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
if (json) console.log(JSON.stringify({ rows }));
else console.log(renderTable(rows));
