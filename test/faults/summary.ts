/**
 * The fault suite's summary: each fault test reports one row (events sent, answered exactly
 * once, lost, doubled, latest reply), and `npm run test:faults` prints them as one table after
 * the run. Rows go to a JSON-lines file so that test files running in separate workers can all
 * add to one table.
 */
import { appendFileSync, existsSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface FaultRow {
  /** What was broken, in a few words ("PostgreSQL restarted under load"). */
  fault: string;
  sent: number;
  answeredOnce: number;
  lost: number;
  doubled: number;
  /** Milliseconds from the last event sent to its answer (the slowest recovery the fault caused). */
  latestReplyMs: number;
}

/** Where rows are collected; `FAULT_SUMMARY_FILE` overrides it. */
export function summaryFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.FAULT_SUMMARY_FILE ?? path.join(tmpdir(), "switchboard-fault-summary.jsonl");
}

/** Adds one row to the summary. */
export function reportFault(row: FaultRow): void {
  appendFileSync(summaryFile(), `${JSON.stringify(row)}\n`);
}

/** Reads every row reported since the file was last cleared. */
export function readFaultRows(file = summaryFile()): FaultRow[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as FaultRow);
}

/** Empties the summary before a run. */
export function clearFaultRows(file = summaryFile()): void {
  rmSync(file, { force: true });
}

/** Counts answers per event: `answers` maps an event's id to how many replies it got. */
export function countAnswers(sent: string[], answers: Map<string, number>): Pick<FaultRow, "sent" | "answeredOnce" | "lost" | "doubled"> {
  let answeredOnce = 0;
  let lost = 0;
  let doubled = 0;
  for (const id of sent) {
    const n = answers.get(id) ?? 0;
    if (n === 0) lost += 1;
    else if (n === 1) answeredOnce += 1;
    else doubled += 1;
  }
  return { sent: sent.length, answeredOnce, lost, doubled };
}

/** The table as text, one row per fault. */
export function formatFaultTable(rows: FaultRow[]): string {
  const header = ["fault", "sent", "answered once", "lost", "doubled", "latest reply"];
  const body = rows.map((r) => [
    r.fault,
    String(r.sent),
    String(r.answeredOnce),
    String(r.lost),
    String(r.doubled),
    `${Math.round(r.latestReplyMs)} ms`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}
