/**
 * The demo clock the shell offers (`/clock`, `/clock +30m`, `/clock monday 09:00`): what the
 * core needs of it, and the parser of the times a person types. The app builds it only when the
 * shell runs with no chat platform connected; everywhere else the command is refused.
 */
import { DateTime } from "luxon";

export interface DemoClock {
  now(): Date;
  /** How far the demo time runs ahead of real time. */
  readonly aheadMs: number;
  /**
   * Moves the demo time forward to `target`, stopping at every timer due on the way so that each
   * reminder, raise and breach fires at its own time and its messages are delivered in order.
   */
  advanceTo(target: Date): Promise<{ fired: number }>;
}

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };
const WEEKDAYS: Record<string, number> = {
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
  lunes: 1,
  martes: 2,
  miercoles: 3,
  jueves: 4,
  viernes: 5,
  sabado: 6,
  domingo: 7,
};
const RELATIVE_DAYS: Record<string, number> = { today: 0, hoy: 0, tomorrow: 1, manana: 1 };
/** The most a single jump may move the clock: a typo like "+3000d" should not age the data by years. */
export const MAX_JUMP_MS = 60 * 86_400_000;

/**
 * The time a `/clock` argument names, after `now`: "+30m", "+2h", "+1d", "+1h30m", "monday 09:00"
 * (or "lunes 09:00"), "tomorrow 08:30", "09:00" (the next one). Weekdays and times of day are read
 * in `timeZone`. Undefined when the text is none of these.
 */
export function parseClockTarget(text: string, now: Date, timeZone: string): Date | undefined {
  const input = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .trim()
    .toLowerCase();
  const relative = /^\+\s*((?:\d+\s*(?:min|s|m|h|d)\s*)+)$/.exec(input);
  if (relative) {
    let ms = 0;
    for (const [, n, unit] of relative[1]!.matchAll(/(\d+)\s*(min|s|m|h|d)/g)) ms += Number(n) * UNIT_MS[unit!]!;
    return ms > 0 && ms <= MAX_JUMP_MS ? new Date(now.getTime() + ms) : undefined;
  }
  const named = /^(?:([a-z]+)\s+)?(?:a las\s+|at\s+)?(\d{1,2})(?::(\d{2}))?$/.exec(input);
  if (!named) return undefined;
  const [, day, hour, minute] = named;
  if (Number(hour) > 23 || Number(minute ?? 0) > 59) return undefined;
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  let at = local.set({ hour: Number(hour), minute: Number(minute ?? 0), second: 0, millisecond: 0 });
  if (day === undefined) {
    if (at <= local) at = at.plus({ days: 1 });
  } else if (day in RELATIVE_DAYS) {
    at = at.plus({ days: RELATIVE_DAYS[day]! });
  } else if (day in WEEKDAYS) {
    at = at.plus({ days: (WEEKDAYS[day]! - local.weekday + 7) % 7 });
    if (at <= local) at = at.plus({ weeks: 1 });
  } else {
    return undefined;
  }
  if (at <= local || at.toMillis() - now.getTime() > MAX_JUMP_MS) return undefined;
  return at.toJSDate();
}

/** "1 h 30 min", "2 d 4 h" — how far ahead the demo time runs. */
export function formatAhead(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts = [days ? `${days} d` : "", hours ? `${hours} h` : "", mins || (!days && !hours) ? `${mins} min` : ""];
  return parts.filter(Boolean).join(" ");
}
