import { describe, expect, it } from "vitest";
import { planShipment, type DepotCalendarSpec, type DestinationSpec } from "../../../../bot/replacements/rma/ship-date.ts";

const MADRID_DEPOT: DepotCalendarSpec = { timeZone: "Europe/Madrid", holidayCountry: "ES", holidayRegion: "MD", cutoff: "16:00" };
const CHICAGO_DEPOT: DepotCalendarSpec = { timeZone: "America/Chicago", holidayCountry: "US", holidayRegion: "IL", cutoff: "17:00" };
const FRANKFURT_DEPOT: DepotCalendarSpec = { timeZone: "Europe/Berlin", holidayCountry: "DE", holidayRegion: "HE", cutoff: "15:00" };

const MADRID: DestinationSpec = { timeZone: "Europe/Madrid", country: "ES", region: "MD" };
const LISBON: DestinationSpec = { timeZone: "Europe/Lisbon", country: "PT" };
const CHICAGO: DestinationSpec = { timeZone: "America/Chicago", country: "US", region: "IL" };

interface Case {
  name: string;
  orderedAt: string;
  depot: DepotCalendarSpec;
  site: DestinationSpec;
  transitDays?: number;
  ship: string;
  delivery: string;
}

// Every instant is UTC; the comment gives the depot's local time. Holidays are the 2026 calendars.
// prettier-ignore
const cases: Case[] = [
  { name: "before the cut-off ships the same day", orderedAt: "2026-03-11T09:00:00Z", depot: MADRID_DEPOT, site: MADRID, ship: "2026-03-11", delivery: "2026-03-12" }, // Wed 10:00
  { name: "after the cut-off ships the next business day", orderedAt: "2026-03-11T15:30:00Z", depot: MADRID_DEPOT, site: MADRID, ship: "2026-03-12", delivery: "2026-03-13" }, // Wed 16:30
  { name: "exactly at the cut-off counts as after it", orderedAt: "2026-03-11T15:00:00Z", depot: MADRID_DEPOT, site: MADRID, ship: "2026-03-12", delivery: "2026-03-13" }, // Wed 16:00
  { name: "Friday after the cut-off ships on Monday", orderedAt: "2026-03-13T16:00:00Z", depot: MADRID_DEPOT, site: MADRID, ship: "2026-03-16", delivery: "2026-03-17" }, // Fri 17:00
  { name: "a Saturday order ships on Monday", orderedAt: "2026-03-14T09:00:00Z", depot: MADRID_DEPOT, site: MADRID, ship: "2026-03-16", delivery: "2026-03-17" }, // Sat 10:00
  { name: "Friday after the cut-off before a national holiday Monday ships on Tuesday", orderedAt: "2026-10-09T16:00:00Z", depot: MADRID_DEPOT, site: MADRID, ship: "2026-10-13", delivery: "2026-10-14" }, // Fri 18:00, Mon 12 Oct Fiesta Nacional
  { name: "a regional holiday Monday of the depot's region is skipped too", orderedAt: "2026-10-30T16:00:00Z", depot: MADRID_DEPOT, site: LISBON, ship: "2026-11-03", delivery: "2026-11-04" }, // Fri 17:00, Mon 2 Nov holiday in Madrid only
  { name: "a US holiday Monday at a Chicago depot", orderedAt: "2026-05-22T23:00:00Z", depot: CHICAGO_DEPOT, site: CHICAGO, ship: "2026-05-26", delivery: "2026-05-27" }, // Fri 18:00 CDT, Memorial Day
  { name: "the depot's time zone decides: 21:30 in Madrid is after its cut-off", orderedAt: "2026-03-11T20:30:00Z", depot: MADRID_DEPOT, site: MADRID, ship: "2026-03-12", delivery: "2026-03-13" },
  { name: "the same instant is 15:30 in Chicago, before its cut-off", orderedAt: "2026-03-11T20:30:00Z", depot: CHICAGO_DEPOT, site: CHICAGO, ship: "2026-03-11", delivery: "2026-03-12" },
  { name: "the ship date is the depot's local date, not the UTC date", orderedAt: "2026-03-12T03:00:00Z", depot: CHICAGO_DEPOT, site: CHICAGO, ship: "2026-03-12", delivery: "2026-03-13" }, // Wed 22:00 CDT
  { name: "a Lisbon site served from Madrid: 15:30 in Lisbon is 16:30 at the depot", orderedAt: "2026-06-03T14:30:00Z", depot: MADRID_DEPOT, site: LISBON, ship: "2026-06-04", delivery: "2026-06-05" }, // Corpo de Deus 4 Jun is Portugal's, not Madrid's
  { name: "delivery skips the destination's holiday (Dia de Portugal)", orderedAt: "2026-06-09T08:00:00Z", depot: MADRID_DEPOT, site: LISBON, ship: "2026-06-09", delivery: "2026-06-11" },
  { name: "the same order delivered in Madrid arrives the next day", orderedAt: "2026-06-09T08:00:00Z", depot: MADRID_DEPOT, site: MADRID, ship: "2026-06-09", delivery: "2026-06-10" },
  { name: "a Spanish site served from Frankfurt ships on Madrid's Holy Thursday and lands after Good Friday", orderedAt: "2026-04-02T08:00:00Z", depot: FRANKFURT_DEPOT, site: MADRID, transitDays: 2, ship: "2026-04-02", delivery: "2026-04-07" },
  { name: "Frankfurt after its cut-off before Good Friday and Easter Monday ships on Tuesday", orderedAt: "2026-04-02T14:00:00Z", depot: FRANKFURT_DEPOT, site: MADRID, transitDays: 2, ship: "2026-04-07", delivery: "2026-04-09" },
];

describe("ship date and expected delivery of an advance replacement", () => {
  it.each(cases)("$name", ({ orderedAt, depot, site, transitDays, ship, delivery }) => {
    const plan = planShipment(new Date(orderedAt), depot, site, transitDays ?? 1);
    expect({ ship: plan.shipDate, delivery: plan.deliveryDate }).toEqual({ ship, delivery });
  });

  it("says whether the order made the day's cut-off", () => {
    expect(planShipment(new Date("2026-03-11T09:00:00Z"), MADRID_DEPOT, MADRID).shipsToday).toBe(true);
    expect(planShipment(new Date("2026-03-11T15:30:00Z"), MADRID_DEPOT, MADRID).shipsToday).toBe(false);
  });

  it("follows a depot that also ships on Saturdays", () => {
    const saturdays = { ...MADRID_DEPOT, shipDays: "Mon-Sat" };
    const plan = planShipment(new Date("2026-03-13T16:00:00Z"), saturdays, MADRID); // Fri 17:00
    expect(plan.shipDate).toBe("2026-03-14");
    expect(plan.deliveryDate).toBe("2026-03-16");
  });
});
