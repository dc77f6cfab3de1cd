/**
 * When an advance replacement leaves the depot and when it arrives. Pure functions of the order
 * instant, the depot's calendar and the destination's calendar, so they are tested against a
 * table of cases and benchmarked without a database.
 *
 * - Ship date, in the depot's time zone: the same day when the order reaches the depot on one of
 *   its business days before its cut-off time; otherwise the depot's next business day (weekends
 *   and the depot's public holidays skipped).
 * - Delivery date, in the site's time zone: `transitDays` business days of the destination after
 *   the ship date (a carrier does not deliver on the destination's weekends and holidays), so a
 *   site served by a depot in another country follows both calendars.
 */
import { DateTime } from "luxon";
import { BusinessCalendar } from "../../calendar/business-calendar.ts";

/** What a depot's shipping calendar needs. */
export interface DepotCalendarSpec {
  timeZone: string;
  holidayCountry: string;
  holidayRegion?: string | null;
  /** Days the depot ships, e.g. "Mon-Fri". */
  shipDays?: string;
  /** Local time after which an order ships on the next business day, "HH:mm". */
  cutoff: string;
}

/** Where the replacement goes. */
export interface DestinationSpec {
  timeZone: string;
  country: string;
  region?: string | null;
}

export interface ShipmentPlan {
  /** yyyy-MM-dd in the depot's time zone. */
  shipDate: string;
  /** yyyy-MM-dd in the destination's time zone. */
  deliveryDate: string;
  /** True when the order made the day's cut-off. */
  shipsToday: boolean;
}

const CUTOFF = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Parses "HH:mm" into minutes after midnight; throws on anything else. */
export function cutoffMinutes(cutoff: string): number {
  const match = CUTOFF.exec(cutoff);
  if (!match) throw new Error(`cut-off must look like 16:00: ${cutoff}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

// Calendars are immutable and cheap to keep: one per depot or destination spec.
const calendars = new Map<string, BusinessCalendar>();

function calendarOf(timeZone: string, country: string, region: string | null | undefined, days = "Mon-Fri"): BusinessCalendar {
  const key = `${timeZone}|${country}|${region ?? ""}|${days}`;
  let calendar = calendars.get(key);
  if (!calendar) {
    // Only the working days matter here; the hours are a placeholder the calendar requires.
    calendar = new BusinessCalendar({
      coverage: "business_hours",
      timeZone,
      businessHours: `${days} 00:00-23:59`,
      holidayCountry: country,
      holidayRegion: region ?? null,
    });
    calendars.set(key, calendar);
  }
  return calendar;
}

/** The depot's shipping calendar (its working days and public holidays). */
export function depotCalendar(depot: DepotCalendarSpec): BusinessCalendar {
  return calendarOf(depot.timeZone, depot.holidayCountry, depot.holidayRegion, depot.shipDays);
}

/** The destination's delivery calendar (Mon-Fri, its country's and region's public holidays). */
export function destinationCalendar(destination: DestinationSpec): BusinessCalendar {
  return calendarOf(destination.timeZone, destination.country, destination.region);
}

// Calendar dates are handled as UTC midnights: a date's weekday and ISO form do not depend on a
// zone, and luxon's arithmetic on a fixed offset is several times cheaper than in a named zone.
const MAX_DAYS = 3_700;

/** The first business day of `calendar` strictly after the calendar date `day`. */
function nextWorkingDate(day: DateTime, calendar: BusinessCalendar): DateTime {
  let next = day.plus({ days: 1 });
  // A calendar with no working day in ten years is misconfigured; stop rather than loop forever.
  for (let guard = 0; !calendar.isBusinessDay(next) && guard < MAX_DAYS; guard++) next = next.plus({ days: 1 });
  return next;
}

const calendarDate = (date: string): DateTime => {
  const [year, month, day] = date.split("-").map(Number);
  return DateTime.utc(year!, month!, day!);
};

/** The depot-local day an order placed at `orderedAt` ships (as a calendar date). */
export function shipDay(orderedAt: Date, depot: DepotCalendarSpec): { day: DateTime; shipsToday: boolean } {
  const calendar = depotCalendar(depot);
  const local = DateTime.fromJSDate(orderedAt, { zone: depot.timeZone });
  const today = DateTime.utc(local.year, local.month, local.day);
  if (calendar.isBusinessDay(today) && local.hour * 60 + local.minute < cutoffMinutes(depot.cutoff))
    return { day: today, shipsToday: true };
  return { day: nextWorkingDate(today, calendar), shipsToday: false };
}

/** The destination-local date `businessDays` working days after a local date (yyyy-MM-dd). */
export function addBusinessDays(date: string, businessDays: number, destination: DestinationSpec): string {
  const calendar = destinationCalendar(destination);
  let cursor = calendarDate(date);
  for (let i = 0; i < Math.max(0, businessDays); i++) cursor = nextWorkingDate(cursor, calendar);
  return cursor.toISODate()!;
}

/** Plans a shipment: ship date at the depot and expected delivery at the destination. */
export function planShipment(orderedAt: Date, depot: DepotCalendarSpec, destination: DestinationSpec, transitDays = 1): ShipmentPlan {
  const { day, shipsToday } = shipDay(orderedAt, depot);
  const shipDate = day.toISODate()!;
  return { shipDate, deliveryDate: addBusinessDays(shipDate, transitDays, destination), shipsToday };
}

/** The instant a local date's given hour begins in a zone (e.g. a due date's end of business). */
export function localInstant(date: string, timeZone: string, hour: number, minute = 0): Date {
  return DateTime.fromISO(date, { zone: timeZone }).set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
}
