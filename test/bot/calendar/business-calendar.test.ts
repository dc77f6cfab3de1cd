import { describe, expect, it } from "vitest";
import { BusinessCalendar } from "../../../bot/calendar/business-calendar.ts";

const madrid = new BusinessCalendar({
  coverage: "business_hours",
  timeZone: "Europe/Madrid",
  businessHours: "Mon-Fri 09:00-18:00",
  holidayCountry: "ES",
  holidayRegion: "MD",
});
const h = 3_600_000;

describe("business calendar", () => {
  it("runs around the clock for a 24x7 contract", () => {
    const always = new BusinessCalendar({ coverage: "24x7", timeZone: "Europe/Madrid" });
    expect(always.add(new Date("2026-03-07T23:00:00Z"), 4 * h).toISOString()).toBe("2026-03-08T03:00:00.000Z");
  });

  it("carries a 4-hour clock started on Friday afternoon over the weekend", () => {
    // Friday 16:00 Madrid (15:00 UTC): 2 hours left that day, 2 more on Monday from 09:00.
    expect(madrid.add(new Date("2026-03-06T15:00:00Z"), 4 * h).toISOString()).toBe("2026-03-09T10:00:00.000Z");
  });

  it("skips a public holiday (Madrid's Community Day, Saturday 2 May, and Labour Day Friday 1 May 2026)", () => {
    // Thursday 30 April 17:00 local: one hour that day, Friday 1 May is a holiday, then Monday 4 May.
    expect(madrid.add(new Date("2026-04-30T15:00:00Z"), 3 * h).toISOString()).toBe("2026-05-04T09:00:00.000Z");
  });

  it("keeps business hours in local time across the daylight-saving change", () => {
    // Friday 27 March 2026 17:00 CET (16:00 UTC) + 2h: one hour Friday, one hour Monday 30 March
    // from 09:00 CEST, which is 07:00 UTC after the change on Sunday 29 March.
    expect(madrid.add(new Date("2026-03-27T16:00:00Z"), 2 * h).toISOString()).toBe("2026-03-30T08:00:00.000Z");
  });

  it("starts the clock at opening time for a case opened at night", () => {
    expect(madrid.add(new Date("2026-03-10T22:00:00Z"), 30 * 60_000).toISOString()).toBe("2026-03-11T08:30:00.000Z");
  });

  it("measures business time between two instants, and knows when it is open", () => {
    expect(madrid.between(new Date("2026-03-06T15:00:00Z"), new Date("2026-03-09T10:00:00Z"))).toBe(4 * h);
    expect(madrid.isOpen(new Date("2026-03-07T11:00:00Z"))).toBe(false);
    expect(madrid.isOpen(new Date("2026-03-09T11:00:00Z"))).toBe(true);
  });

  it("finds the next business day after a Friday and across a holiday", () => {
    expect(madrid.nextBusinessDay(new Date("2026-03-06T12:00:00Z")).toISODate()).toBe("2026-03-09");
    expect(madrid.nextBusinessDay(new Date("2026-04-30T12:00:00Z")).toISODate()).toBe("2026-05-04");
  });

  it("refuses malformed business hours", () => {
    expect(() => new BusinessCalendar({ coverage: "business_hours", timeZone: "Europe/Madrid", businessHours: "9 to 5" })).toThrow(
      /Mon-Fri/,
    );
  });
});
