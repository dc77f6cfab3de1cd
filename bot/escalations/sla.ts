/**
 * SLA clock arithmetic, pure: due times for a new case, the timers that watch them, and how a
 * pause moves them. Everything is computed in the contract's business time.
 */
import type { BusinessCalendar } from "../calendar/business-calendar.ts";
import type { TimerSpec } from "../runtime/timers.ts";
import type { SlaView } from "../cases/view.ts";
import { levelOf, type SlaPolicy } from "./policies.ts";

export type SlaMetric = "first_response" | "next_update" | "resolution";

export const slaTimerKey = (caseId: string, metric: SlaMetric) => `sla:${caseId}:${metric}`;
export const repeatTimerKey = (caseId: string) => `esc:${caseId}:repeat`;
export const raiseTimerKey = (caseId: string) => `esc:${caseId}:raise`;

/** All timer keys of a case's clock, to cancel them together. */
export function allClockKeys(caseId: string): string[] {
  return [
    slaTimerKey(caseId, "first_response"),
    slaTimerKey(caseId, "next_update"),
    slaTimerKey(caseId, "resolution"),
    repeatTimerKey(caseId),
    raiseTimerKey(caseId),
  ];
}

export interface OpenDues {
  firstResponseDue: Date;
  resolutionDue: Date;
}

/** Due times of a case opened at `at`. */
export function duesAt(policy: SlaPolicy, calendar: BusinessCalendar, at: Date): OpenDues {
  return { firstResponseDue: calendar.add(at, policy.firstResponseMs), resolutionDue: calendar.add(at, policy.resolutionMs) };
}

/** The breach timer of one metric. */
export function breachTimer(caseId: string, metric: SlaMetric, dueAt: Date): TimerSpec {
  return { key: slaTimerKey(caseId, metric), kind: "sla.breach", dueAt, payload: { caseId, metric } };
}

/**
 * The ping timers of a level pinged at `at`: repeat it until acknowledged (at most its
 * `maxRepeats`, counting the `repeatsDone` so far), and raise the next level if it stays
 * unacknowledged. A reminder that would fall at or after the raise is left out: the raise
 * supersedes it, so two timers due together never race.
 */
export function levelTimers(
  caseId: string,
  policy: SlaPolicy,
  calendar: BusinessCalendar,
  raisedLevel: number,
  at: Date,
  repeatsDone = 0,
  raiseDue?: Date,
): TimerSpec[] {
  const timers: TimerSpec[] = [];
  const current = levelOf(policy, raisedLevel);
  const next = levelOf(policy, raisedLevel + 1);
  const raiseAt = raiseDue ?? (next ? calendar.add(at, next.afterMs) : undefined);
  if (current && repeatsDone < current.maxRepeats) {
    const repeatAt = calendar.add(at, current.repeatMs);
    if (!raiseAt || repeatAt < raiseAt)
      timers.push({ key: repeatTimerKey(caseId), kind: "escalation.repeat", dueAt: repeatAt, payload: { caseId, level: raisedLevel } });
  }
  if (next && raiseAt && !raiseDue)
    timers.push({ key: raiseTimerKey(caseId), kind: "escalation.raise", dueAt: raiseAt, payload: { caseId, level: raisedLevel + 1 } });
  return timers;
}

/** Moves a due time by the business time a pause lasted. */
export function shiftByPause(due: Date | null, calendar: BusinessCalendar, pausedAt: Date, resumedAt: Date): Date | null {
  if (!due) return null;
  const paused = calendar.between(pausedAt, resumedAt);
  return paused > 0 ? calendar.add(due, paused) : due;
}

/** "in 25 min", "12 min ago" — a clock for a card, in whole minutes or hours. */
export function describeDue(due: Date, now: Date): { minutes: number; late: boolean } {
  const delta = Math.round((due.getTime() - now.getTime()) / 60_000);
  return { minutes: Math.abs(delta), late: delta < 0 };
}

/** SLA fields of the view → Case columns. */
export function slaColumns(sla: Partial<SlaView>): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  if ("policy" in sla) columns.slaPolicy = sla.policy;
  if ("firstResponseDue" in sla) columns.firstResponseDue = sla.firstResponseDue;
  if ("nextUpdateDue" in sla) columns.nextUpdateDue = sla.nextUpdateDue;
  if ("resolutionDue" in sla) columns.resolutionDue = sla.resolutionDue;
  if ("firstResponseAt" in sla) columns.firstResponseAt = sla.firstResponseAt;
  if ("pausedAt" in sla) columns.slaPausedAt = sla.pausedAt;
  if ("escalationLevel" in sla) columns.escalationLevel = sla.escalationLevel;
  if ("acknowledgedLevel" in sla) columns.acknowledgedLevel = sla.acknowledgedLevel;
  if ("breaches" in sla) columns.breaches = JSON.stringify(sla.breaches);
  return columns;
}
