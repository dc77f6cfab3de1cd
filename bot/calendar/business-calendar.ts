/**
 * Business time: the hours a clock runs under a contract (24x7, or business hours in the
 * contract's time zone, skipping weekends and its public holidays). Used for SLA clocks and for
 * depot ship dates. Local times go through luxon so a DST change moves the window, not the clock.
 */
import Holidays from "date-holidays";
import { DateTime } from "luxon";

export interface CalendarSpec {
  coverage: "24x7" | "business_hours";
  timeZone: string;
  /** e.g. "Mon-Fri 09:00-18:00". */
  businessHours?: string;
  holidayCountry?: string | null;
  holidayRegion?: string | null;
}

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const HOURS = /^([A-Z][a-z]{2})-([A-Z][a-z]{2}) (\d{2}):(\d{2})-(\d{2}):(\d{2})$/;

/** Public holidays as "yyyy-MM-dd" strings, cached per country, region and year. */
const holidayCache = new Map<string, Set<string>>();

function holidaysOf(country: string, region: string | null | undefined, year: number): Set<string> {
  const key = `${country}:${region ?? ""}:${year}`;
  let days = holidayCache.get(key);
  if (!days) {
    const calendar = region ? new Holidays(country, region) : new Holidays(country);
    days = new Set(
      (calendar.getHolidays(year) || []).filter((holiday) => holiday.type === "public").map((holiday) => holiday.date.slice(0, 10)),
    );
    holidayCache.set(key, days);
  }
  return days;
}

export class BusinessCalendar {
  private readonly weekdays: Set<number>;
  private readonly openMinute: number;
  private readonly closeMinute: number;

  constructor(readonly spec: CalendarSpec) {
    const match = HOURS.exec(spec.businessHours ?? "Mon-Fri 09:00-18:00");
    if (!match) throw new Error(`business hours must look like "Mon-Fri 09:00-18:00": ${spec.businessHours}`);
    const from = DAYS.indexOf(match[1]!) + 1;
    const to = DAYS.indexOf(match[2]!) + 1;
    if (from === 0 || to === 0) throw new Error(`unknown day in business hours: ${spec.businessHours}`);
    this.weekdays = new Set<number>();
    for (let day = from; ; day = (day % 7) + 1) {
      this.weekdays.add(day);
      if (day === to) break;
    }
    this.openMinute = Number(match[3]) * 60 + Number(match[4]);
    this.closeMinute = Number(match[5]) * 60 + Number(match[6]);
    if (this.closeMinute <= this.openMinute) throw new Error(`business hours close before they open: ${spec.businessHours}`);
    if (!DateTime.now().setZone(spec.timeZone).isValid) throw new Error(`unknown time zone ${spec.timeZone}`);
  }

  /** True when the local date is a working day (not a weekend day, not a public holiday). */
  isBusinessDay(local: DateTime): boolean {
    if (!this.weekdays.has(local.weekday)) return false;
    if (!this.spec.holidayCountry) return true;
    return !holidaysOf(this.spec.holidayCountry, this.spec.holidayRegion, local.year).has(local.toISODate()!);
  }

  /** The business window [open, close) of the local day containing `local`, or undefined. */
  private windowOf(local: DateTime): { open: DateTime; close: DateTime } | undefined {
    if (!this.isBusinessDay(local)) return undefined;
    const day = local.startOf("day");
    return { open: day.plus({ minutes: this.openMinute }), close: day.plus({ minutes: this.closeMinute }) };
  }

  /** The instant `ms` of clock time after `start`. */
  add(start: Date, ms: number): Date {
    if (this.spec.coverage === "24x7") return new Date(start.getTime() + ms);
    let remaining = ms;
    let cursor = DateTime.fromJSDate(start, { zone: this.spec.timeZone });
    // A contract with no business day in years has a calendar problem; stop rather than loop.
    for (let guard = 0; guard < 3_700; guard++) {
      const window = this.windowOf(cursor);
      if (window && cursor < window.close) {
        const from = cursor < window.open ? window.open : cursor;
        const available = window.close.toMillis() - from.toMillis();
        if (remaining <= available) return new Date(from.toMillis() + remaining);
        remaining -= available;
      }
      cursor = cursor.plus({ days: 1 }).startOf("day");
    }
    throw new Error("no business time found within ten years");
  }

  /** Clock time between two instants (0 when `to` is before `from`). */
  between(from: Date, to: Date): number {
    if (to <= from) return 0;
    if (this.spec.coverage === "24x7") return to.getTime() - from.getTime();
    let total = 0;
    let cursor = DateTime.fromJSDate(from, { zone: this.spec.timeZone });
    const end = DateTime.fromJSDate(to, { zone: this.spec.timeZone });
    for (let guard = 0; cursor < end && guard < 3_700; guard++) {
      const window = this.windowOf(cursor);
      if (window) {
        const start = cursor < window.open ? window.open : cursor;
        const stop = end < window.close ? end : window.close;
        if (stop > start) total += stop.toMillis() - start.toMillis();
      }
      cursor = cursor.plus({ days: 1 }).startOf("day");
    }
    return total;
  }

  /** Whether the clock runs at this instant. */
  isOpen(at: Date): boolean {
    if (this.spec.coverage === "24x7") return true;
    const local = DateTime.fromJSDate(at, { zone: this.spec.timeZone });
    const window = this.windowOf(local);
    return window !== undefined && local >= window.open && local < window.close;
  }

  /** The next business day strictly after the local date of `at` (ship dates). */
  nextBusinessDay(at: Date): DateTime {
    let day = DateTime.fromJSDate(at, { zone: this.spec.timeZone }).startOf("day").plus({ days: 1 });
    for (let guard = 0; !this.isBusinessDay(day) && guard < 3_700; guard++) day = day.plus({ days: 1 });
    return day;
  }
}
