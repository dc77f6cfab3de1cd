/**
 * The professional-services discount asked about in the shell, the way people ask: anyone of the
 * organization gets the plan's rule, whether they are eligible, who among them can request it (the
 * IT admins, by name) and the reseller's contact.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../support/app.ts";
import { Terminal } from "../../../support/terminal.ts";

describe("professional-services discounts", () => {
  let t: TestApp;
  let term: Terminal;

  beforeAll(async () => {
    t = await createTestApp();
    term = new Terminal(t, "employee");
  });
  afterAll(async () => {
    term.stop();
    await t.close();
  });

  it("answers an employee who asks in a sentence instead of refusing them", async () => {
    const reply = await term.say("can we get a discount on professional services?");
    expect(reply).not.toContain("Only your organization's IT admins");
    expect(reply).toContain(
      "The plan's rule: customers with a premium support contract in force get a professional-services discount, requested through their reseller.",
    );
    expect(reply).toContain("Contoso Iberia is eligible: 15% off professional services with contract contoso-premium-2026");
    expect(reply).toContain("Who at Contoso Iberia can request it: the IT admins — Irene Soto.");
    expect(reply).toContain("Your reseller, Integra AV Madrid (ventas@integra-av.example), quotes and applies it.");
  });

  it("answers in Spanish, and tells an admin that they can request it", async () => {
    await term.as("empleada");
    const reply = await term.say("¿tenemos descuento en servicios profesionales?");
    expect(reply).toContain("La regla del plan: los clientes con un contrato de soporte premium en vigor");
    expect(reply).toContain("Quién puede pedirlo en Contoso Iberia: los administradores de IT — Irene Soto.");
    expect(reply).toContain("Integra AV Madrid (ventas@integra-av.example)");
    await term.as("admin");
    expect(await term.say("discounts")).toContain("Who at Contoso Iberia can request it: the IT admins — Irene Soto (you).");
  });

  it("refuses the discount to a contract that is not premium, whatever percentage it states", async () => {
    await t.app.db.prisma.contract.update({ where: { key: "fabrikam-premium-2026" }, data: { plan: "standard" } });
    await term.as("fabrikam-admin");
    const reply = await term.say("discounts");
    expect(reply).toContain(
      "Fabrikam Inc.'s contract fabrikam-premium-2026 is standard, not premium, so no professional-services discount applies",
    );
    expect(reply).not.toContain("is eligible");
    expect(reply).toContain("Your reseller, Northside AV (sales@northside-av.example)");
  });
});
