import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../../../core/clock.ts";
import { createTestApp, type TestApp } from "../../../support/app.ts";
import { askIntent, readable, type } from "../support.ts";

describe("spare parts in chat", () => {
  let t: TestApp;
  const clock = new ManualClock("2026-03-11T09:00:00Z"); // Wed 10:00 in Madrid

  beforeAll(async () => {
    t = await createTestApp({ clock, start: false });
  });
  afterAll(() => t.close());

  it("answers a customer's question in a sentence: available, where, and when an order would ship", async () => {
    const asked = await askIntent(t.app, "employee", "do you have a spare power supply for the Bar 50 in Spain?");
    expect(asked.intent).toBe("parts_availability");
    expect(asked.text).toContain("Spare parts · Spain");
    expect(asked.text).toContain("Power supply for Bar 30/50/70: available at Madrid depot; an order now ships Wed 11 Mar 2026.");
    // A customer reads availability, not the depot's counts.
    expect(asked.text).not.toMatch(/on hand|reserved/);
  });

  it("answers in Spanish, and finds the part at the next depot when the first has none", async () => {
    const asked = await askIntent(t.app, "empleada", "¿tenéis stock de mando a distancia para la barra 50 en España?");
    expect(asked.intent).toBe("parts_availability");
    expect(asked.text).toContain("Repuestos · España");
    expect(asked.text).toContain(
      "Mando a distancia para Bar 30/50/70: disponible en Frankfurt depot; un pedido hecho ahora sale el mié 11 mar 2026.",
    );
  });

  it("takes the country from the customer's own site names, and from their sites when none is named", async () => {
    expect((await type(t.app, "employee", "parts power supply bar 70 lisbon")).text).toContain("Spare parts · Portugal");
    expect((await type(t.app, "employee", "parts wall mount bar 50")).text).toContain(
      "Wall mount for Bar 50/70: available at Madrid depot",
    );
  });

  it("shows engineers the counts at every depot that serves the country, with low stock marked", async () => {
    const reply = await type(t.app, "engineer", "parts bar 70 spain");
    expect(reply.text).toContain("nw-bar-70 Northwind Bar 70 (whole unit) · Madrid depot: 1 available (1 on hand, 0 reserved) · LOW");
    expect(reply.text).toContain("nw-bar-70 Northwind Bar 70 (whole unit) · Frankfurt depot: 2 available (2 on hand, 0 reserved)");
  });

  it("lists low stock for engineers only, and tells them when a reservation makes an item low", async () => {
    const low = await type(t.app, "engineer", "stock low");
    expect(low.text).toContain("RMT-NB Remote control for Bar 30/50/70 · Madrid depot: 0 available");
    expect(low.text).not.toContain("PSU-NB Power supply for Bar 30/50/70 · Madrid depot");
    expect((await type(t.app, "employee", "stock")).text).toContain("Stock levels are for support engineers");

    await type(t.app, "engineer", "rma order NB5-2231987 part PSU-NB power supply burnt");
    await type(t.app, "engineer", "rma order NB5-2231987 part PSU-NB second one for the spare room");
    await type(t.app, "engineer", "rma order NB5-2231987 part PSU-NB third");
    await t.app.dispatcher.runOnce();
    expect(readable(t.recorder.to("engineers"))).toContain(
      "Low stock at Madrid depot: Power supply for Bar 30/50/70 — 2 available (restock at 2).",
    );
    expect((await type(t.app, "engineer", "stock low")).text).toContain(
      "PSU-NB Power supply for Bar 30/50/70 · Madrid depot: 2 available (5 on hand, 3 reserved) · LOW",
    );
  });

  it("asks for the model when the question names none, and says when it knows no such part", async () => {
    expect((await type(t.app, "employee", "parts power supply")).text).toContain("Which model is it for?");
    expect((await type(t.app, "employee", "parts battery bar 50 spain")).text).toContain("I don't know a part like that for Spain");
    // "power cable" asks for power, not for any cable: the Tap 10 has no power part, so no HDMI cable either.
    const power = await askIntent(t.app, "employee", "I need a power cable for the Tap 10");
    expect(power.intent).toBe("parts_availability");
    expect(power.text).toContain("I don't know a part like that for Spain");
  });

  it("refuses a part that does not fit the device, ordering nothing", async () => {
    const before = await t.app.db.prisma.rma.count();
    expect((await type(t.app, "engineer", "rma order NB5-2231987 part PSU-NRL wrong one")).text).toContain(
      "Power supply for Room L doesn't fit the Northwind Bar 50",
    );
    expect(await t.app.db.prisma.rma.count()).toBe(before);
  });
});
