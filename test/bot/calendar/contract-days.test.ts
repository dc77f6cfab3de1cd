/**
 * Contract dates are whole days in the contract's time zone, the end date included. Asked in the
 * shell at the boundaries: the last day's last minutes, the first minutes after, a zone east of
 * UTC (Contoso, Europe/Madrid), one west of it (Fabrikam, America/Chicago), and a leap day.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../../core/clock.ts";
import { createTestApp, type TestApp } from "../../support/app.ts";
import { Terminal } from "../../support/terminal.ts";

describe("contract days in the contract's time zone", () => {
  const clock = new ManualClock("2027-11-30T23:30:00Z");
  let t: TestApp;
  let term: Terminal;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    term = new Terminal(t, "admin");
  });
  afterAll(async () => {
    term.stop();
    await t.close();
  });

  it("counts the days left from today in Madrid, today included (east of UTC)", async () => {
    // 00:30 on 1 December in Madrid, still 30 November in UTC: December 1 to 31 is 31 days.
    clock.set("2027-11-30T23:30:00Z");
    expect(await term.say("licenses")).toContain("in force, 2026-01-01 → 2027-12-31 (31 days left)");
    expect(await term.say("licenses")).toContain("⚠ contoso-premium-2026 ends in 31 days (2027-12-31)");
  });

  it("keeps the contract in force through the last day in Madrid and ends it at midnight there", async () => {
    clock.set("2027-12-31T22:59:00Z"); // 23:59 on 31 December in Madrid
    const lastDay = await term.say("licenses");
    expect(lastDay).toContain("in force, 2026-01-01 → 2027-12-31 (today is the last day)");
    expect(lastDay).toContain("⚠ contoso-premium-2026 ends today (2027-12-31)");
    expect(await term.say("covered NB5-2231987")).toContain("NB5-2231987 (Northwind Bar 50, Madrid HQ) is covered by premium");

    clock.set("2027-12-31T23:01:00Z"); // 00:01 on 1 January in Madrid, still 31 December in UTC
    const after = await term.say("licenses");
    expect(after).toContain("ended 2027-12-31");
    expect(after).not.toContain("in force");
    expect(await term.say("covered NB5-2231987")).toContain("is not covered: your organization has no contract in force");
    expect(await term.say("discounts")).not.toContain("is eligible");
    await term.as("engineer");
    expect(await term.say("rma order NB5-2231987 no power after a surge")).toContain(
      "Contoso Iberia's support contract ended on 2027-12-31, so NB5-2231987 isn't entitled to an advance replacement.",
    );
    await term.as("admin");
  });

  it("keeps Fabrikam's contract in force until midnight in Chicago on its last day (west of UTC)", async () => {
    await term.as("fabrikam-admin");
    clock.set("2027-03-01T05:59:00Z"); // 23:59 on 28 February in Chicago, already 1 March in UTC
    expect(await term.say("licenses")).toContain("in force, 2026-03-01 → 2027-02-28 (today is the last day)");
    expect(await term.say("covered NRL-0300777")).toContain("NRL-0300777 (Northwind Room L, Chicago HQ) is covered by premium");
    await term.as("engineer");
    // Still 28 February in Chicago: the replacement is not refused for an ended contract.
    const order = await term.say("rma order NRL-0300777 no video output");
    expect(order).not.toContain("support contract ended");
    expect(order).toMatch(/I ordered advance replacement RMA-\d+/);
    await term.as("fabrikam-admin");

    clock.set("2027-03-01T06:01:00Z"); // 00:01 on 1 March in Chicago
    expect(await term.say("licenses")).toContain("ended 2027-02-28");
    expect(await term.say("covered NRL-0300777")).toContain("is not covered");
  });

  it("counts a leap day and ends a contract that ends on 29 February at midnight after it", async () => {
    await t.app.db.prisma.contract.update({
      where: { key: "fabrikam-premium-2026" },
      data: { endsOn: new Date("2028-02-29T23:59:59Z") },
    });
    clock.set("2028-02-01T18:00:00Z"); // noon on 1 February in Chicago: 1 to 29 February is 29 days
    expect(await term.say("licenses")).toContain("in force, 2026-03-01 → 2028-02-29 (29 days left)");

    clock.set("2028-03-01T05:30:00Z"); // 23:30 on 29 February in Chicago
    expect(await term.say("licenses")).toContain("(today is the last day)");
    expect(await term.say("covered NRL-0300777")).toContain("is covered by premium");

    clock.set("2028-03-01T06:30:00Z"); // 00:30 on 1 March in Chicago
    expect(await term.say("licenses")).toContain("ended 2028-02-29");
    expect(await term.say("covered NRL-0300777")).toContain("is not covered");
  });
});
