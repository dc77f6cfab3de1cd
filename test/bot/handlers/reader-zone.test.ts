/**
 * Times are shown in the reader's zone, named: a person's own zone, else their site's, else their
 * organization's contract zone, else UTC (the vendor's staff).
 */
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../../core/clock.ts";
import { createTestApp, type TestApp } from "../../support/app.ts";
import { say } from "../../support/conversation.ts";

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

// Tuesday 10 March 2026, 08:30 UTC: 09:30 in Madrid (CET), 08:30 in Lisbon (WET).
const START = new Date("2026-03-10T08:30:00Z");

describe("the zone times are shown in", () => {
  it("shows one case's due time to a Madrid HQ employee and a Lisbon office employee, each in their site's zone", async () => {
    t = await createTestApp({ start: false, clock: new ManualClock(START) });
    // Ana (Madrid HQ) opens a sev3: first response within 4 hours, at 12:30 UTC.
    await say(t, "empleada", "abrir caso sev3 la barra de la sala de juntas de Madrid no tiene sonido");
    const madrid = await say(t, "empleada", "caso CS-10001");
    const lisbon = await say(t, "lisbon", "case CS-10001");
    const vendor = await say(t, "engineer", "case CS-10001");
    expect(madrid).toContain("SLA: primera respuesta antes del mar 10 mar 13:30 (Europe/Madrid)");
    expect(madrid).toContain("Abierto mar 10 mar 09:30 (Europe/Madrid)");
    expect(lisbon).toContain("SLA: first response due Tue 10 Mar 12:30 (Europe/Lisbon)");
    expect(lisbon).toContain("Opened Tue 10 Mar 08:30 (Europe/Lisbon)");
    expect(vendor).toContain("Opened Tue 10 Mar 08:30 (UTC)");
  });

  it("prefers a person's own zone to their site's", async () => {
    t = await createTestApp({ start: false, clock: new ManualClock(START) });
    await t.app.db.prisma.person.update({ where: { key: "contoso-ines" }, data: { timeZone: "Atlantic/Canary" } });
    await say(t, "lisbon", "open case the Speak 40 in Lisbon has an echo");
    expect(await say(t, "lisbon", "case CS-10001")).toContain("Opened Tue 10 Mar 08:30 (Atlantic/Canary)");
  });
});
