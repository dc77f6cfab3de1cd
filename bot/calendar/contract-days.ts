/**
 * Contract dates are whole days in the contract's time zone, the end date included: a contract
 * from 2026-01-01 to 2026-12-31 in Europe/Madrid is in force from midnight in Madrid on the first
 * day until midnight in Madrid after the last. Storage keeps the calendar dates (the importer
 * writes the start at 00:00Z and the end at 23:59:59Z of the date as written), so the date is
 * read back from the stored value's UTC date and "today" is the date on the contract's wall clock.
 */
import { DateTime } from "luxon";

export type ContractState = "active" | "expired" | "upcoming";

export interface ContractDays {
  state: ContractState;
  /** Days of cover left, today included: 1 on the last day, 0 once ended, the whole term before it starts. */
  daysLeft: number;
}

/** The calendar date a stored contract date stands for (2026-12-31). */
export function contractDate(stored: Date): string {
  return stored.toISOString().slice(0, 10);
}

/** Today's date on the wall clock of `timeZone` (UTC when the zone is unknown, never a throw). */
export function todayIn(timeZone: string, now: Date): string {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  return (local.isValid ? local : DateTime.fromJSDate(now, { zone: "utc" })).toISODate()!;
}

/** Whether a contract is in force at `now`, and how many days of cover it has left. */
export function contractDays(contract: { startsOn: Date; endsOn: Date; timeZone: string }, now: Date): ContractDays {
  const today = todayIn(contract.timeZone, now);
  const start = contractDate(contract.startsOn);
  const end = contractDate(contract.endsOn);
  const state: ContractState = today < start ? "upcoming" : today > end ? "expired" : "active";
  const from = state === "upcoming" ? start : today;
  const daysLeft = state === "expired" ? 0 : daysBetween(from, end) + 1;
  return { state, daysLeft };
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
