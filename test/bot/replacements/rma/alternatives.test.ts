import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../../../core/clock.ts";
import type { CardAction } from "../../../../bot/events.ts";
import { importServiceData, parseServiceSources } from "../../../../bot/replacements/service-import.ts";
import { newId } from "../../../../db/ids.ts";
import { createTestApp, type TestApp } from "../../../support/app.ts";
import { action, message } from "../../../support/events.ts";
import { readable, say, type } from "../support.ts";

describe("when the depots that serve a country have run out, the orders still possible are offered", () => {
  let t: TestApp;
  // Wednesday 11 March 2026, 10:00 in Madrid, 04:00 in Chicago: before every depot's cut-off.
  const clock = new ManualClock("2026-03-11T09:00:00Z");
  const setStock = (part: string, depot: string, onHand: number) =>
    t.app.db.prisma.stockItem.updateMany({ where: { partCode: part, depot: { key: depot } }, data: { onHand, reserved: 0 } });
  const stockOf = (part: string, depot: string) =>
    t.app.db.prisma.stockItem.findFirstOrThrow({
      where: { partCode: part, depot: { key: depot } },
      select: { onHand: true, reserved: true },
    });
  const buttons = (messages: { card?: { actions?: CardAction[] } }[]) => messages.flatMap((m) => m.card?.actions ?? []);

  beforeAll(async () => {
    t = await createTestApp({ clock, start: false });
    const fabrikam = await t.app.db.prisma.organization.findUniqueOrThrow({ where: { key: "fabrikam" } });
    const chicago = await t.app.db.prisma.site.findUniqueOrThrow({ where: { key: "fabrikam-chicago" } });
    await t.app.db.prisma.device.create({
      data: { id: newId(), serial: "NRL-0300778", modelId: "nw-room-l", organizationId: fabrikam.id, siteId: chicago.id },
    });
  });
  afterAll(() => t.close());

  it("a part out of stock offers the whole unit from the country's depot, and pressing it orders that unit", async () => {
    await setStock("PSU-NB", "mad", 0);
    await setStock("PSU-NB", "fra", 0);
    const refused = await type(t.app, "engineer", "rma order NB5-2231987 part PSU-NB power supply dead, confirmed remotely");
    expect(refused.text).toContain("Nothing was ordered");
    expect(refused.text).toContain(
      "Instead of the part, Northwind Bar 50 (whole unit) from Madrid depot: ships Wed 11 Mar 2026, expected Thu 12 Mar 2026.",
    );
    expect(refused.text).toContain("[Whole unit, ships Wed 11 Mar 2026]");
    expect(await t.app.db.prisma.rma.count()).toBe(0);

    const [button] = buttons(refused.messages);
    const pressed = await say(t.app, action("engineer", button!.id, button!.value));
    expect(pressed.text).toContain("I ordered advance replacement RMA-200001");
    expect(pressed.text).toContain("ships from Madrid depot on Wed 11 Mar 2026");
    const rma = await t.app.db.prisma.rma.findFirstOrThrow({ where: { number: 200001 } });
    expect(rma.partCode).toBe("nw-bar-50");
    expect(rma.reason).toBe("power supply dead, confirmed remotely");
    expect(await stockOf("nw-bar-50", "mad")).toEqual({ onHand: 3, reserved: 1 });
  });

  it("the loser of a race for the last unit is offered another depot with its ship date, and pressing it orders from there", async () => {
    await setStock("nw-room-l", "chi", 1);
    const madrid = await t.app.db.prisma.depot.findUniqueOrThrow({ where: { key: "mad" } });
    await t.app.db.prisma.stockItem.create({
      data: { id: newId(), depotId: madrid.id, partCode: "nw-room-l", onHand: 1, reserved: 0, lowAt: 0, updatedAt: clock.now() },
    });
    const [a, b] = await Promise.all([
      say(t.app, message("engineer", "rma order NRL-0300777 dead after power cut")),
      say(t.app, message("manager", "rma order NRL-0300778 fan noise, overheating")),
    ]);
    const [, loser] = [a, b].sort((x, y) => Number(y.text.includes("I ordered")) - Number(x.text.includes("I ordered")));
    expect(loser!.text).toContain("No Northwind Room L (whole unit) is available at the depots that serve US right now");
    expect(loser!.text).toContain("Nothing was ordered");
    expect(loser!.text).toContain("from Madrid depot, which doesn't usually serve this country: ships Wed 11 Mar 2026, expected");
    expect(loser!.text).toContain("[From Madrid depot, ships Wed 11 Mar 2026]");

    const [button] = buttons(loser!.messages);
    const pressedBy = loser === a ? "engineer" : "manager";
    const pressed = await say(t.app, action(pressedBy, button!.id, button!.value));
    expect(pressed.text).toMatch(/I ordered advance replacement RMA-\d+/);
    expect(pressed.text).toContain("ships from Madrid depot on Wed 11 Mar 2026");
    expect(await stockOf("nw-room-l", "mad")).toEqual({ onHand: 1, reserved: 1 });
    expect(await stockOf("nw-room-l", "chi")).toEqual({ onHand: 1, reserved: 1 });

    // The same button pressed again, now that Madrid's unit is gone too: refused, nothing ordered.
    const before = await t.app.db.prisma.rma.count();
    const again = await say(t.app, action(pressedBy, button!.id, button!.value));
    expect(again.text).toContain("Nothing was ordered");
    expect(await t.app.db.prisma.rma.count()).toBe(before);
  });

  it("the restock date a depot has on record is told, next to what can be ordered now", async () => {
    // The operator imports Madrid's expected delivery of remotes; Frankfurt has none left either.
    const csv = "depot,part,onHand,restockOn\nmad,RMT-NB,0,2026-03-16\nfra,RMT-NB,0,\n";
    await importServiceData(t.app.db, t.app.catalog, parseServiceSources([{ name: "stock.csv", text: csv }]), clock.now());
    const refused = await type(t.app, "engineer", "rma order NB5-2231987 part RMT-NB remote cracked");
    expect(refused.text).toContain("Nothing was ordered");
    expect(refused.text).toContain("Madrid depot expects more Remote control for Bar 30/50/70 on Mon 16 Mar 2026");
    expect(refused.text).toContain("[Whole unit, ships Wed 11 Mar 2026]");
    // In Spanish too.
    const es = await type(t.app, "engineer", "rma pedir NB5-2231987 pieza RMT-NB el mando está roto");
    expect(es.text).toContain("Madrid depot espera más");
    expect(es.text).toContain("el lun 16 mar 2026");
  });

  it("an order made from a case keeps the case when an alternative is pressed", async () => {
    const opened = await type(t.app, "employee", "open case NB5-2231987 in the Madrid boardroom has no power at all");
    const caseRef = /CS-\d{5}/.exec(opened.text)![0];
    const refused = await type(t.app, "engineer", `rma order ${caseRef} part PSU-NB power supply dead`);
    const [button] = buttons(refused.messages);
    expect(button!.value.case).toBe(caseRef.slice(3));
    const pressed = await say(t.app, action("engineer", button!.id, button!.value));
    const rma = /RMA-(\d+)/.exec(pressed.text)!;
    const row = await t.app.db.prisma.rma.findFirstOrThrow({ where: { number: Number(rma[1]) } });
    const linked = await t.app.db.prisma.case.findUniqueOrThrow({ where: { id: row.caseId! } });
    expect(linked.number).toBe(Number(caseRef.slice(3)));
    expect(row.partCode).toBe("nw-bar-50");
  });

  it("a customer cannot place an order by sending the button's value", async () => {
    const before = await t.app.db.prisma.rma.count();
    const pressed = await say(
      t.app,
      action("admin", "rma.order_alternative", { serial: "NB5-2231987", part: "nw-bar-50", depot: "mad", reason: "x" }),
    );
    expect(pressed.text).not.toContain("I ordered");
    expect(await t.app.db.prisma.rma.count()).toBe(before);
  });
});
