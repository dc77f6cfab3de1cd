import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../../../core/clock.ts";
import { newId } from "../../../../db/ids.ts";
import { createTestApp, type TestApp } from "../../../support/app.ts";
import { action } from "../../../support/events.ts";
import { askIntent, readable, say, type } from "../support.ts";

describe("onsite technician visits", () => {
  let t: TestApp;
  const clock = new ManualClock("2026-03-11T09:00:00Z"); // Wed 10:00 in Madrid
  const deliver = async () => void (await t.app.dispatcher.runOnce());
  const inbox = (conversation: string) => readable(t.recorder.to(conversation));
  const slotsOf = (messages: { card?: { actions?: { id: string; label: string; value: Record<string, string> }[] } }[]) =>
    messages.flatMap((m) => m.card?.actions ?? []).filter((a) => a.id === "onsite.schedule");

  beforeAll(async () => {
    t = await createTestApp({ clock, start: false });
    // Remote diagnosis done: the Bar 50 in Madrid has a replacement on its way (delivery Thu 12 Mar).
    const opened = await type(t.app, "employee", "open case the Bar 50 in the Madrid boardroom is dead");
    const caseRef = /CS-\d{5}/.exec(opened.text)![0];
    await type(t.app, "engineer", `rma order ${caseRef} NB5-2231987 main board failure`);
    await deliver();
    t.recorder.clear();
  });
  afterAll(() => t.close());

  it("is requested from the replacement, quoted with its fee and scope, and booked by choosing a slot", async () => {
    const quoted = await say(t.app, action("employee", "onsite.request", { serial: "NB5-2231987", rma: "RMA-200001" }));
    expect(quoted.text).toContain("The visit ONS-300001 costs €195.00; choose a time below to confirm");
    expect(quoted.text).toContain("Not included: software updates, product upgrades and configuration");
    expect(quoted.text).toContain(
      "Choosing a time confirms the visit and its fee of €195.00. Times are in the site's time zone (Europe/Madrid)",
    );
    // Business-hours slots in Madrid, from the day the part arrives (Thu 12 Mar), three business days.
    const slots = slotsOf(quoted.messages);
    expect(slots.map((slot) => slot.label)).toEqual([
      "Thu 12 Mar, 09:00–13:00",
      "Thu 12 Mar, 14:00–18:00",
      "Fri 13 Mar, 09:00–13:00",
      "Fri 13 Mar, 14:00–18:00",
      "Mon 16 Mar, 09:00–13:00",
      "Mon 16 Mar, 14:00–18:00",
    ]);
    expect(slots[0]!.value.slot).toBe("2026-03-12T08:00:00.000Z");

    const booked = await say(t.app, action("employee", "onsite.schedule", slots[2]!.value));
    expect(booked.text).toContain("ONS-300001 is booked with Pablo Núñez");
    expect(booked.text).toContain("When: Fri 13 Mar 2026, 09:00–13:00 (Europe/Madrid)");
    expect(booked.text).toContain("Site contact: Tom Baker");
    await deliver();
    // The technician gets the job in their language (the default work too, whatever language the request came in), the engineers a note.
    expect(inbox("dm:technician")).toContain(
      "Nuevo trabajo in situ ONS-300001: instalar la pieza de repuesto — Northwind Bar 50 NB5-2231987 en Madrid HQ",
    );
    expect(inbox("dm:technician")).toContain("Cuándo: vie 13 mar 2026, 09:00–13:00 (Europe/Madrid). Contacto en la sede: Tom Baker");
    expect(inbox("engineers")).toContain("Onsite visit ONS-300001 booked for Contoso Iberia");
  });

  it("records another site contact and tells the technician", async () => {
    const reply = await type(t.app, "employee", "onsite contact ONS-300001 Pedro Gil +34 600 111 222");
    expect(reply.text).toContain("Site contact: Pedro Gil · +34 600 111 222");
    await deliver();
    expect(inbox("dm:technician")).toContain("el contacto en la sede es ahora Pedro Gil, +34 600 111 222");
  });

  it("is rescheduled to another slot and then cancelled; the technician hears both", async () => {
    const picker = await say(t.app, action("employee", "onsite.reschedule", { visit: "ONS-300001" }));
    const slots = slotsOf(picker.messages);
    const monday = slots.find((slot) => slot.label === "Mon 16 Mar, 14:00–18:00")!;
    const moved = await say(t.app, action("employee", "onsite.schedule", monday.value));
    expect(moved.text).toContain("When: Mon 16 Mar 2026, 14:00–18:00 (Europe/Madrid)");
    await deliver();
    expect(inbox("dm:technician")).toContain("Cuándo: lun 16 mar 2026, 14:00–18:00");

    const cancelled = await type(t.app, "employee", "onsite cancel ONS-300001 we installed it ourselves");
    expect(cancelled.text).toContain("ONS-300001 is cancelled; the technician was told.");
    await deliver();
    expect(inbox("dm:technician")).toContain("El trabajo in situ ONS-300001 en Madrid HQ");
    expect(await t.app.db.prisma.technicianBooking.count()).toBe(0);
  });

  describe("is refused with the reason and what to do instead", () => {
    it("for configuration", async () => {
      const reply = await type(t.app, "employee", "onsite NB5-2231987 configure the room settings for Teams");
      expect(reply.text).toContain("Onsite visits don't cover configuration");
      expect(reply.text).toContain("open a case and an engineer will guide you remotely");
    });

    it("for a software update, also when asked in a sentence", async () => {
      expect((await type(t.app, "employee", "onsite NB5-2231987 install the new firmware")).text).toContain("don't cover software updates");
      const asked = await askIntent(t.app, "employee", "can someone come onsite to configure the Bar 50 NB5-2231987?");
      expect(asked.intent).toBe("onsite_request");
      expect(asked.text).toContain("Onsite visits don't cover configuration");
      // No serial: the organization has one Bar 50, so the sentence names it.
      const named = await askIntent(t.app, "employee", "can you send a technician to update the firmware of the Bar 50?");
      expect(named.text).toContain("don't cover software updates");
    });

    it("for a country where no technician goes", async () => {
      // The Bar 70 in Lisbon has a replacement on order, but Portugal has no onsite coverage.
      await type(t.app, "engineer", "rma order NB7-0100234 no video output");
      const reply = await type(t.app, "admin", "onsite NB7-0100234 install the replacement");
      expect(reply.text).toContain("Onsite technicians aren't available in Portugal (site Lisbon office)");
      // Asked in a sentence that names the place and the kind of device, in Spanish.
      const asked = await askIntent(t.app, "employee", "¿podéis mandar un técnico a Lisboa para instalar la barra?");
      expect(asked.text).toContain("No hay técnicos in situ en Portugal");
    });

    it("for a contract without the onsite option", async () => {
      expect((await type(t.app, "fabrikam-admin", "onsite NRL-0300777 install")).text).toContain(
        "Fabrikam Inc.'s contract doesn't include the onsite option",
      );
    });

    it("before remote diagnosis", async () => {
      expect((await type(t.app, "employee", "onsite NT1-0045512 install a new one")).text).toContain(
        "A technician is sent after an engineer has diagnosed the fault remotely",
      );
    });

    it("for a device of another organization", async () => {
      expect((await type(t.app, "admin", "onsite NRL-0300777 install")).text).toContain(
        "I couldn't find NRL-0300777 among your organization's devices",
      );
    });
  });

  it("books another technician when one is taken, and says so when nobody is free", async () => {
    const madrid = await t.app.db.prisma.site.findUniqueOrThrow({ where: { key: "contoso-madrid" } });
    const contoso = madrid.organizationId;
    for (const serial of ["NB5-2231988", "NB5-2231989"])
      await t.app.db.prisma.device.create({
        data: { id: newId(), serial, modelId: "nw-bar-50", organizationId: contoso, siteId: madrid.id },
      });
    // Support dispatches after its own diagnosis (no replacement needed for that).
    const visits: string[] = [];
    for (const serial of ["NB5-2231987", "NB5-2231988", "NB5-2231989"]) {
      const quoted = await type(t.app, "engineer", `onsite ${serial} replace the wall mount`);
      expect(quoted.text).toContain("the customer was asked to choose a time");
      visits.push(/ONS-\d{6}/.exec(quoted.text)![0]);
    }
    const slot = "2026-03-17T08:00:00.000Z"; // Tue 17 Mar 09:00 in Madrid
    const first = await say(t.app, action("admin", "onsite.schedule", { visit: visits[0]!, slot }));
    const second = await say(t.app, action("admin", "onsite.schedule", { visit: visits[1]!, slot }));
    expect([first.text, second.text].join("\n")).toMatch(
      /booked with Pablo Núñez[\s\S]*booked with Lucía Ferrer|booked with Lucía Ferrer[\s\S]*booked with Pablo Núñez/,
    );
    const third = await say(t.app, action("admin", "onsite.schedule", { visit: visits[2]!, slot }));
    expect(third.text).toContain("No technician is free at that time");
    expect((await t.app.db.prisma.onsiteVisit.findFirstOrThrow({ where: { number: Number(visits[2]!.slice(4)) } })).status).toBe("quoted");
    // A slot outside business hours is refused.
    expect((await type(t.app, "engineer", `onsite done ${visits[2]!}`)).text).toContain(
      `${visits[2]!} isn't booked yet: choose a time on its card first.`,
    );
    const night = await say(t.app, action("admin", "onsite.schedule", { visit: visits[2]!, slot: "2026-03-17T20:00:00.000Z" }));
    expect(night.text).toContain("That time can't be booked");
  });

  it("shows the admin all of the organization's visits, the employee only theirs", async () => {
    expect((await type(t.app, "admin", "onsite")).text).toContain("Onsite visits (3)");
    expect((await type(t.app, "empleada", "visitas")).text).toContain("No tienes ninguna visita técnica en curso");
    expect((await type(t.app, "fabrikam-admin", "onsite ONS-300001")).text).toContain("I couldn't find onsite visit ONS-300001");
  });
});
