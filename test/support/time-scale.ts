/**
 * Time budgets that grow with the machine's load instead of failing on a busy one. Tests share
 * two cores with other work; a budget measured on a quiet machine is multiplied by how
 * oversubscribed the CPUs are now (the 1-minute load average per core, between 1 and 4), and by
 * TEST_TIME_SCALE when set (a slow CI runner). Budgets only matter when something is wrong: a
 * passing test finishes as fast as it can either way.
 */
import { availableParallelism, loadavg } from "node:os";

/** The current multiplier (at least 1). */
export function timeScale(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.TEST_TIME_SCALE ?? 1);
  const load = loadavg()[0]! / Math.max(1, availableParallelism());
  return Math.max(1, Number.isFinite(configured) ? configured : 1) * Math.min(4, Math.max(1, load));
}

/** `ms` scaled to the machine's current load. */
export function scaled(ms: number): number {
  return Math.round(ms * timeScale());
}
