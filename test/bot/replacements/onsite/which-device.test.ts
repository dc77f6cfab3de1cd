import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../../../core/clock.ts";
import type { CardAction } from "../../../../bot/events.ts";
import { newId } from "../../../../db/ids.ts";
import { createTestApp, type TestApp } from "../../../support/app.ts";
import { action } from "../../../support/events.ts";
import { say, type } from "../support.ts";

describe("asking for a technician without naming the device", () => {
  let t: TestApp;
  // Wednesday 11 March 2026, 10:00 in Madrid.
  const clock = new ManualClock("2026-03-11T09:00:00Z");
  const buttons = (messages: { card?: { actions?: CardAction[] } }[]) => messages.flatMap((m) => m.card?.actions ?? []);

  beforeAll(async () => {
    t = await createTestApp({ clock, start: false });
    // Technicians also cover Portugal, where Contoso's Lisbon office is.
    await t.app.db.prisma.onsiteCoverage.create({
      data: { id: newId(), country: "PT", region: "", families: "[]", fee: 22000, currency: "EUR", hours: "Mon-Fri 09:00-18:00" },
    });
  });
  afterAll(() => t.close());

  it("offers the devices of the office named in English, not the organization's first site", async () => {
    const asked = await type(t.app, "admin", "can a technician come to our Lisbon office?");
    expect(asked.text).toContain("Which device at Lisbon office should the technician come for?");
    expect(asked.text).toContain("[Northwind Bar 70 NB7-0100234 · Lisbon office]");
    expect(asked.text).toContain("[Northwind Speak 40 NS4-5550101 · Lisbon office]");
    expect(asked.text).not.toContain("Madrid");
    expect(asked.text).not.toContain("Please say it like this");
  });

  it("offers the devices of the site named in Spanish (Lisboa)", async () => {
    const asked = await type(t.app, "admin", "necesito un técnico en Lisboa");
    expect(asked.text).toContain("¿Para qué equipo de Lisbon office tiene que venir el técnico?");
    expect(buttons(asked.messages).map((b) => b.value.serial)).toEqual(["NB7-0100234", "NS4-5550101"]);
  });

  it("the command with a place also asks, and pressing a device quotes a visit to that site", async () => {
    const asked = await type(t.app, "admin", "onsite Lisboa");
    const bar = buttons(asked.messages).find((b) => b.value.serial === "NB7-0100234")!;
    expect(bar).toBeDefined();
    // Remote diagnosis comes first: support orders the replacement the technician installs.
    expect((await type(t.app, "engineer", "rma order NB7-0100234 no video output, confirmed remotely")).text).toContain(
      "I ordered advance replacement",
    );
    const pressed = await say(t.app, action("admin", bar.id, bar.value));
    expect(pressed.text).toContain("A technician can come to install the part. The visit ONS-300001 costs");
    expect(pressed.text).toContain("Site: Lisbon office");
    expect(pressed.text).toContain("Device: Northwind Bar 70 NB7-0100234");
    const visit = await t.app.db.prisma.onsiteVisit.findFirstOrThrow({ where: { number: 300001 } });
    const lisbon = await t.app.db.prisma.site.findUniqueOrThrow({ where: { key: "contoso-lisbon" } });
    expect(visit.siteId).toBe(lisbon.id);
  });

  it("a replacement on its way to Lisbon is not used for a visit asked for Madrid", async () => {
    const asked = await type(t.app, "admin", "can a technician come to the Madrid office?");
    expect(asked.text).toContain("Which device at Madrid HQ should the technician come for?");
    expect(asked.text).toContain("NB5-2231987 · Madrid HQ");
    expect(asked.text).not.toContain("Lisbon");
  });
});

describe("asking for a technician at a site named in another form, with one replacement on its way elsewhere", () => {
  let t: TestApp;
  const clock = new ManualClock("2026-03-11T09:00:00Z");

  beforeAll(async () => {
    t = await createTestApp({ clock, start: false });
    await t.app.db.prisma.onsiteCoverage.create({
      data: { id: newId(), country: "PT", region: "", families: "[]", fee: 22000, currency: "EUR", hours: "Mon-Fri 09:00-18:00" },
    });
    // The one replacement on its way goes to Madrid.
    expect((await type(t.app, "engineer", "rma order NB5-2231987 no video output, confirmed remotely")).text).toContain(
      "I ordered advance replacement",
    );
  });
  afterAll(() => t.close());

  it("a typo of the site ('Lisbn') offers the Lisbon devices instead of quoting the Madrid replacement", async () => {
    const asked = await type(t.app, "admin", "can you send a technician to Lisbn?");
    expect(asked.text).toContain("Which device at Lisbon office should the technician come for?");
    expect(asked.text).not.toContain("Madrid");
    expect(await t.app.db.prisma.onsiteVisit.count()).toBe(0);
  });

  it("a place that is none of the organization's sites ('Oporto') quotes nothing: the person picks the device", async () => {
    const asked = await type(t.app, "admin", "¿podéis mandar un técnico a Oporto?");
    expect(asked.text).toContain("¿Para qué equipo tiene que venir el técnico?");
    expect(asked.text).not.toContain("ONS-");
    expect(await t.app.db.prisma.onsiteVisit.count()).toBe(0);
  });

  it("'la sede de Madrid' is Madrid HQ: the replacement on its way there is the visit's", async () => {
    const quoted = await type(t.app, "admin", "¿podéis mandar un técnico a la sede de Madrid?");
    expect(quoted.text).toContain("Técnico in situ ONS-");
    expect(quoted.text).toContain("Sede: Madrid HQ");
    expect(quoted.text).toContain("Equipo: Northwind Bar 50 NB5-2231987");
  });
});
