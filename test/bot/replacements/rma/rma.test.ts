import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_VIEWER } from "../../../../bot/authz.ts";
import { ManualClock } from "../../../../core/clock.ts";
import { createTestApp, type TestApp } from "../../../support/app.ts";
import { action, message } from "../../../support/events.ts";
import { askIntent, importExpiredCustomer, readable, say, type } from "../support.ts";
import { replacementFeature } from "../../../../bot/replacements/index.ts";

describe("advance replacement (RMA) in chat", () => {
  let t: TestApp;
  // Wednesday 11 March 2026, 10:00 in Madrid: before the Madrid depot's 16:00 cut-off.
  const clock = new ManualClock("2026-03-11T09:00:00Z");
  const deliver = async () => void (await t.app.dispatcher.runOnce());
  const inbox = (conversation: string) => readable(t.recorder.to(conversation));
  const stockOf = (part: string, depot = "mad") =>
    t.app.db.prisma.stockItem.findFirstOrThrow({
      where: { partCode: part, depot: { key: depot } },
      select: { onHand: true, reserved: true },
    });

  beforeAll(async () => {
    t = await createTestApp({ clock, start: false });
    await importExpiredCustomer(t.app);
  });
  afterAll(() => t.close());

  it("walks an RMA end to end: ordered from the case, shipped, delivered, and closed when the faulty unit is back", async () => {
    const opened = await type(t.app, "employee", "open case The Bar 50 in the Madrid boardroom is dead, no power light at all");
    const caseRef = /CS-\d{5}/.exec(opened.text)![0];
    // Asked by case before anything is ordered: the engineer is told how to order.
    expect((await type(t.app, "engineer", `rma ${caseRef}`)).text).toContain(
      `No replacement has been ordered for ${caseRef} yet. To order one: *rma order ${caseRef} <serial>`,
    );
    expect((await type(t.app, "employee", `rma ${caseRef}`)).text).toContain("Your engineer orders one when the diagnosis finds");

    const ordered = await type(t.app, "engineer", `rma order ${caseRef} NB5-2231987 power supply failed, confirmed by remote diagnosis`);
    expect(ordered.text).toContain("I ordered advance replacement RMA-200001");
    expect(ordered.text).toContain("ships from Madrid depot on Wed 11 Mar 2026");
    expect(ordered.text).toContain("should reach Madrid HQ on Thu 12 Mar 2026");
    expect(ordered.text).toContain("[Mark shipped]");
    expect(await stockOf("nw-bar-50")).toEqual({ onHand: 3, reserved: 1 });
    expect((await type(t.app, "engineer", `rma ${caseRef}`)).text).toContain("Replacement RMA-200001 · Northwind Bar 50");

    await deliver();
    // The customer hears it in the case's conversation; the admins and the engineers hear it too.
    expect(inbox("dm:employee")).toContain("An advance replacement is on its way for your Northwind Bar 50 (NB5-2231987)");
    expect(inbox("contoso-admins")).toContain("RMA-200001");
    expect(inbox("engineers")).toContain("RMA-200001 ordered for Contoso Iberia");

    // The customer asks where it is: by command and in a plain sentence.
    expect((await type(t.app, "employee", "rma")).text).toContain("ordered, waiting to ship");
    const asked = await askIntent(t.app, "employee", "where is my replacement?");
    expect(asked.intent).toBe("replacement_status");
    expect(asked.text).toContain("Replacement RMA-200001 · Northwind Bar 50");
    expect(asked.text).toContain("Expected delivery: Thu 12 Mar 2026");

    // The engineer records the shipment through the card's form.
    const form = await say(t.app, action("engineer", "rma.ship_form", { rma: "RMA-200001" }));
    expect(form.text).toContain("(Tracking number)");
    const shipped = await say(
      t.app,
      action(
        "engineer",
        "rma.ship",
        { rma: "RMA-200001" },
        { inputs: { replacementSerial: "nb5 7000001", trackingNumber: "1Z999AA10123456784", carrier: "UPS" } },
      ),
    );
    expect(shipped.text).toContain("RMA-200001 is marked shipped");
    expect(await stockOf("nw-bar-50")).toEqual({ onHand: 2, reserved: 0 });
    await deliver();
    expect(inbox("dm:employee")).toContain("RMA-200001 has shipped: replacement NB5-7000001, tracking UPS 1Z999AA10123456784");
    expect(inbox("dm:employee")).toContain("Please send the faulty unit NB5-2231987 back by Sun 22 Mar 2026 18:00 (Europe/Madrid)");

    // The customer says it arrived (the card's button), the depot receives the faulty unit.
    clock.set("2026-03-12T11:00:00Z");
    const arrived = await say(t.app, action("employee", "rma.delivered", { rma: "RMA-200001" }));
    expect(arrived.text).toContain("delivered, faulty unit to return");
    const received = await type(t.app, "engineer", "rma received RMA-200001");
    expect(received.text).toContain("RMA-200001 is closed: the faulty unit is back.");
    await deliver();
    expect(inbox("dm:employee")).toContain("RMA-200001 is closed: we received the faulty unit NB5-2231987");
    expect((await type(t.app, "employee", "rma")).text).toContain("There is no replacement in progress for you");
    expect((await type(t.app, "employee", "rma all")).text).toContain("closed");
  });

  it("orders once when the same chat message is delivered twice", async () => {
    clock.set("2026-03-13T09:00:00Z");
    const before = await t.app.db.prisma.rma.count();
    const event = message("engineer", "rma order NT1-0045512 touch panel cracked");
    const [first, second] = await Promise.all([t.app.bot.handle(event), t.app.bot.handle({ ...event, retry: { attempt: 1 } })]);
    expect([first.duplicate, second.duplicate].filter(Boolean)).toHaveLength(1);
    expect(await t.app.db.prisma.rma.count()).toBe(before + 1);
    expect(await stockOf("nw-tap-10")).toEqual({ onHand: 2, reserved: 1 });
  });

  it("cancelling an order that has not shipped gives the unit back to stock and tells the customer", async () => {
    const row = await t.app.db.prisma.rma.findFirstOrThrow({ where: { partCode: "nw-tap-10", status: "ordered" } });
    const cancelled = await say(t.app, action("engineer", "rma.cancel", { rma: `RMA-${row.number}` }));
    expect(cancelled.text).toContain("is cancelled and its reserved unit is back in stock");
    expect(await stockOf("nw-tap-10")).toEqual({ onHand: 2, reserved: 0 });
    await deliver();
    // No case links this RMA: the organization's admins hear it in the organization's language.
    expect(inbox("contoso-admins")).toContain(`Soporte ha cancelado el reemplazo RMA-${row.number} de NT1-0045512`);
  });

  it("follows the real shipping day when the depot ships earlier than planned", async () => {
    clock.set("2026-03-16T17:30:00Z"); // Mon 18:30 in Madrid: after the cut-off, planned for Tuesday
    const ordered = await type(t.app, "engineer", "rma order NS4-5550101 speaker rattles at any volume");
    expect(ordered.text).toContain("ships from Madrid depot on Tue 17 Mar 2026");
    const ref = /RMA-\d{6}/.exec(ordered.text)![0];
    // The depot still caught the evening pickup: the Lisbon site now expects it on Tuesday.
    const shipped = await type(t.app, "engineer", `rma ship ${ref} NS4-7000003 JD0146000062812`);
    expect(shipped.text).toContain("Ships: Mon 16 Mar 2026 from Madrid depot");
    expect(shipped.text).toContain("Expected delivery: Tue 17 Mar 2026");
    expect((await type(t.app, "engineer", `rma cancel ${ref}`)).text).toContain(`${ref} has already shipped, so it can't be cancelled`);
  });

  it("a rule can order after a confirmed hardware diagnosis, once, from the case's device", async () => {
    clock.set("2026-03-17T09:00:00Z");
    const employee = (await t.app.services.people.resolve({ platform: "shell", externalId: "employee" }))!;
    const headset = await t.app.db.prisma.device.findUniqueOrThrow({ where: { serial: "NHP-7781200" } });
    const { view: kase } = await t.app.services.cases.open(
      employee,
      {
        title: "Headset Pro left ear dead",
        description: "no audio on the left side",
        severity: "sev3",
        language: "en",
        deviceId: headset.id,
      },
      { platform: "shell", conversation: { platform: "shell", conversationId: "dm:employee" }, originKey: "test:headset-case" },
    );
    const rule = { platform: "system" as const, originKey: `rule:hardware-diagnosis:${kase.id}` };
    const first = await t.app.services.features
      .require(replacementFeature)
      .replacements.order(SYSTEM_VIEWER, { caseNumber: kase.number, reason: "diagnosis: hardware fault" }, rule);
    const again = await t.app.services.features
      .require(replacementFeature)
      .replacements.order(SYSTEM_VIEWER, { caseNumber: kase.number, reason: "diagnosis: hardware fault" }, rule);
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, view: { ref: first.view.ref } });
    expect(first.view).toMatchObject({ serial: "NHP-7781200", caseRef: kase.ref, requesterName: "Tom Baker" });
    await deliver();
    expect(inbox("dm:employee")).toContain(`${first.view.ref} ships from Madrid depot on Tue 17 Mar 2026`);
    const audit = await t.app.db.prisma.auditLog.findFirstOrThrow({ where: { subjectId: first.view.ref, action: "rma.ordered" } });
    expect(audit.actorLabel).toBe("system");
  });

  describe("bad input: a clear message, nothing written", () => {
    let rmas = 0;
    let reserved = 0;
    beforeAll(async () => {
      rmas = await t.app.db.prisma.rma.count();
      reserved = (await t.app.db.prisma.stockItem.aggregate({ _sum: { reserved: true } }))._sum.reserved ?? 0;
    });
    afterAll(async () => {
      expect(await t.app.db.prisma.rma.count()).toBe(rmas);
      expect((await t.app.db.prisma.stockItem.aggregate({ _sum: { reserved: true } }))._sum.reserved ?? 0).toBe(reserved);
    });

    it("an unknown serial", async () => {
      const reply = await type(t.app, "engineer", "rma order NB5-0000000 no video");
      expect(reply.text).toContain("No device with serial NB5-0000000 is registered");
      expect(reply.text).toContain("Nothing was ordered");
    });

    it("a device of another organization than the case's", async () => {
      const opened = await type(t.app, "employee", "open case the Bar 50 flickers");
      const caseRef = /CS-\d{5}/.exec(opened.text)![0];
      const reply = await type(t.app, "engineer", `rma order ${caseRef} NRL-0300777 flicker`);
      expect(reply.text).toContain("NRL-0300777 is registered to Fabrikam Inc., not to Contoso Iberia");
    });

    it("an expired contract", async () => {
      const reply = await type(t.app, "engineer", "rma order NB5-9990001 no power");
      expect(reply.text).toContain("Initech Spain's support contract ended on 2025-12-31");
      expect(reply.text).toContain("Renew the contract");
    });

    it("a customer cannot order, and never learns about another organization's replacement", async () => {
      expect((await type(t.app, "employee", "rma order NB5-2231987 broken")).text).toContain("Only support engineers can do that");
      expect((await type(t.app, "fabrikam-admin", "rma RMA-200001")).text).toContain("I couldn't find replacement RMA-200001");
      expect((await type(t.app, "fabrikam-admin", "rma")).text).toContain("There is no replacement in progress");
    });

    it("a shipment with a serial of another model or without a tracking number", async () => {
      const ordered = await type(t.app, "engineer", "rma order NHP-7781200 left ear dead");
      const ref = /RMA-\d{6}/.exec(ordered.text)![0];
      rmas += 1;
      reserved += 1;
      expect((await type(t.app, "engineer", `rma ship ${ref} NB5-7000002 1Z999`)).text).toContain(
        "isn't a serial of the same model (it should start with NHP-)",
      );
      const form = await type(t.app, "engineer", `rma ship ${ref}`);
      expect(form.text).toContain("(Replacement serial)");
      expect((await t.app.db.prisma.rma.findFirstOrThrow({ where: { number: Number(ref.slice(4)) } })).status).toBe("ordered");
    });
  });

  it("answers in Spanish to a Spanish-speaking employee", async () => {
    const reply = await askIntent(t.app, "empleada", "¿dónde está mi reemplazo?");
    expect(reply.intent).toBe("replacement_status");
    expect(reply.text).toContain("No tienes ningún reemplazo en curso");
  });
});
