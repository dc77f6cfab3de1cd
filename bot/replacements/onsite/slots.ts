/**
 * Visit slots: half-day windows inside the technicians' business hours, in the site's time zone,
 * on the site's business days (its country's and region's public holidays skipped). Never the
 * same day, and not before the replacement part is expected.
 */
import { DateTime } from "luxon";
import { BusinessCalendar } from "../../calendar/business-calendar.ts";

export interface Slot {
  start: Date;
  end: Date;
}

export interface SlotSite {
  timeZone: string;
  country: string;
  region?: string | null;
}

const HOURS = /(\d{2}):(\d{2})-(\d{2}):(\d{2})$/;
/** Windows longer than this are split into a morning and an afternoon slot. */
const HALF_DAY_MINUTES = 4 * 60;

function calendarFor(site: SlotSite, hours: string): BusinessCalendar {
  return new BusinessCalendar({
    coverage: "business_hours",
    timeZone: site.timeZone,
    businessHours: hours,
    holidayCountry: site.country,
    holidayRegion: site.region ?? null,
  });
}

/** The slots of one local day (empty on a non-business day). */
function daySlots(day: DateTime, calendar: BusinessCalendar, hours: string): Slot[] {
  if (!calendar.isBusinessDay(day)) return [];
  const match = HOURS.exec(hours);
  if (!match) throw new Error(`hours must look like "Mon-Fri 09:00-18:00": ${hours}`);
  const open = Number(match[1]) * 60 + Number(match[2]);
  const close = Number(match[3]) * 60 + Number(match[4]);
  const at = (minute: number) => day.startOf("day").plus({ minutes: minute }).toJSDate();
  if (close - open < 2 * HALF_DAY_MINUTES) return [{ start: at(open), end: at(close) }];
  return [
    { start: at(open), end: at(open + HALF_DAY_MINUTES) },
    { start: at(close - HALF_DAY_MINUTES), end: at(close) },
  ];
}

/** The slots offered from `now`: the next `days` business days, from `notBefore` (yyyy-MM-dd) if later. */
export function visitSlots(now: Date, site: SlotSite, hours: string, options: { notBefore?: string; days?: number } = {}): Slot[] {
  const calendar = calendarFor(site, hours);
  let day = calendar.nextBusinessDay(now);
  if (options.notBefore) {
    const earliest = DateTime.fromISO(options.notBefore, { zone: site.timeZone });
    while (day < earliest) day = calendar.nextBusinessDay(day.set({ hour: 12 }).toJSDate());
  }
  const slots: Slot[] = [];
  for (let i = 0; i < (options.days ?? 3); i++) {
    slots.push(...daySlots(day, calendar, hours));
    day = calendar.nextBusinessDay(day.set({ hour: 12 }).toJSDate());
  }
  return slots;
}

/** The slot starting at `start`, when it is a valid slot of its day and still in the future. */
export function slotAt(start: Date, now: Date, site: SlotSite, hours: string): Slot | undefined {
  if (start.getTime() <= now.getTime()) return undefined;
  const day = DateTime.fromJSDate(start, { zone: site.timeZone });
  return daySlots(day, calendarFor(site, hours), hours).find((slot) => slot.start.getTime() === start.getTime());
}
