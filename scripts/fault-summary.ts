/**
 * Runs the fault suite (test/faults) and prints its summary table: one row per fault with events
 * sent, answered once, lost, doubled and the latest reply. Exits non-zero when a test failed or
 * any row lost or doubled an answer.
 */
import { spawnSync } from "node:child_process";
import { clearFaultRows, formatFaultTable, readFaultRows } from "../test/faults/summary.ts";

clearFaultRows();
const run = spawnSync("npx", ["vitest", "run", "test/faults", ...process.argv.slice(2)], { stdio: "inherit" });
const rows = readFaultRows();
console.log(`\nFault suite: ${rows.length} faults\n${formatFaultTable(rows)}`);
const bad = rows.filter((r) => r.lost > 0 || r.doubled > 0);
if (bad.length > 0) console.error(`Lost or doubled answers under: ${bad.map((r) => r.fault).join(", ")}`);
process.exit(run.status !== 0 || bad.length > 0 ? 1 : 0);
