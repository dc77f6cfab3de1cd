/**
 * Benchmark rows and the printed table. Each `bench/*.bench.ts` module exports `title` and
 * `run(options)`, returning rows; `npm run bench` runs them all and prints one table.
 */
export interface BenchRow {
  /** The benchmark's area, e.g. "cases", "triage", "knowledge". */
  area: string;
  metric: string;
  value: number | string;
  unit?: string;
  /** The target, as text, e.g. "≥ 500" or "≤ 1 ms". */
  target?: string;
  /** Whether the value meets the target, when there is one. */
  ok?: boolean;
}

export interface BenchOptions {
  /** Shorter runs (used by the smoke test of the benchmarks); figures are then indicative only. */
  quick: boolean;
}

export interface BenchModule {
  title: string;
  run(options: BenchOptions): Promise<BenchRow[]>;
}

const format = (value: number | string): string => {
  if (typeof value === "string") return value;
  if (Number.isInteger(value)) return value.toLocaleString("en-US");
  return Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 1 ? value.toFixed(2) : value.toFixed(3);
};

/** Renders rows as a Markdown table (readable in a terminal and pasteable into notes). */
export function renderTable(rows: BenchRow[]): string {
  const header = ["area", "metric", "value", "unit", "target", "ok"];
  const body = rows.map((row) => [
    row.area,
    row.metric,
    format(row.value),
    row.unit ?? "",
    row.target ?? "",
    row.ok === undefined ? "" : row.ok ? "yes" : "NO",
  ]);
  const widths = header.map((_, i) => Math.max(header[i]!.length, ...body.map((cells) => cells[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)].join("\n");
}

/** Percentile of a sorted-or-not numeric sample (nearest-rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** "p50 / p99" of a sample, each with `digits` decimals, as the latency rows print it. */
export function p50p99(values: number[], digits: number): string {
  return `${percentile(values, 50).toFixed(digits)} / ${percentile(values, 99).toFixed(digits)}`;
}
