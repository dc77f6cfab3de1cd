import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../../core/clock.ts";
import { DomainError } from "../../../bot/errors.ts";
import { newId } from "../../../db/ids.ts";
import { createTestApp, type TestApp } from "../../support/app.ts";
import { testProviders } from "../../support/database.ts";
import { message } from "../../support/events.ts";
import { readable } from "./support.ts";
import { replacementFeature } from "../../../bot/replacements/index.ts";

describe.each(await testProviders())("the last spare unit on %s", (provider) => {
  let t: TestApp;
  const clock = new ManualClock("2026-03-11T15:00:00Z");

  beforeAll(async () => {
    t = await createTestApp({ provider, clock, start: false });
    // Fabrikam gets two more Room L systems in Chicago, and the Chicago depot is down to one spare.
    const fabrikam = await t.app.db.prisma.organization.findUniqueOrThrow({ where: { key: "fabrikam" } });
    const chicago = await t.app.db.prisma.site.findUniqueOrThrow({ where: { key: "fabrikam-chicago" } });
    for (const serial of ["NRL-0300778", "NRL-0300779", "NRL-0300780"])
      await t.app.db.prisma.device.create({
        data: { id: newId(), serial, modelId: "nw-room-l", organizationId: fabrikam.id, siteId: chicago.id },
      });
  });
  afterAll(() => t.close());

  const setStock = (onHand: number) =>
    t.app.db.prisma.stockItem.updateMany({ where: { partCode: "nw-room-l", depot: { key: "chi" } }, data: { onHand, reserved: 0 } });
  const stock = () =>
    t.app.db.prisma.stockItem.findFirstOrThrow({
      where: { partCode: "nw-room-l", depot: { key: "chi" } },
      select: { onHand: true, reserved: true },
    });

  it("two orders at the same moment: one gets it, the other is told and nothing is written for it", async () => {
    await setStock(1);
    const engineer = (await t.app.services.people.resolve({ platform: "shell", externalId: "engineer" }))!;
    const order = (serial: string, key: string) =>
      t.app.services.features
        .require(replacementFeature)
        .replacements.order(engineer, { serial, reason: "no video output" }, { platform: "shell", originKey: key });
    const results = await Promise.allSettled([order("NRL-0300777", "race:a"), order("NRL-0300778", "race:b")]);
    const won = results.filter((result) => result.status === "fulfilled");
    const lost = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(DomainError);
    expect((lost[0]!.reason as DomainError).messageKey).toBe("rma.error.noStock");
    expect(await stock()).toEqual({ onHand: 1, reserved: 1 });
    expect(await t.app.db.prisma.rma.count({ where: { partCode: "nw-room-l" } })).toBe(1);
  });

  it("through chat, two people of support ordering the last unit read who got it", async () => {
    await t.app.db.prisma.rma.updateMany({ where: { partCode: "nw-room-l" }, data: { status: "cancelled" } });
    await setStock(1);
    const [a, b] = await Promise.all([
      t.app.bot.handle(message("engineer", "rma order NRL-0300779 dead after power cut")),
      t.app.bot.handle(message("manager", "rma order NRL-0300780 fan noise, overheating")),
    ]);
    const replies = [readable(a.outbound), readable(b.outbound)];
    expect(replies.filter((reply) => reply.includes("I ordered advance replacement"))).toHaveLength(1);
    const told = replies.find((reply) => !reply.includes("I ordered"))!;
    expect(told).toContain("No Northwind Room L (whole unit) is available at the depots that serve US right now");
    expect(told).toContain("Nothing was ordered");
    expect(await stock()).toEqual({ onHand: 1, reserved: 1 });
  });

  it("many orders racing for a few units never reserve more than the shelf holds", async () => {
    await t.app.db.prisma.rma.updateMany({ where: { partCode: "nw-room-l" }, data: { status: "cancelled" } });
    await setStock(2);
    const engineer = (await t.app.services.people.resolve({ platform: "shell", externalId: "engineer" }))!;
    const serials = ["NRL-0300777", "NRL-0300778", "NRL-0300779", "NRL-0300780"];
    const results = await Promise.allSettled(
      serials.flatMap((serial, i) =>
        [0, 1].map((n) =>
          t.app.services.features
            .require(replacementFeature)
            .replacements.order(engineer, { serial, reason: "x" }, { platform: "shell", originKey: `many:${i}:${n}` }),
        ),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(2);
    expect(await stock()).toEqual({ onHand: 2, reserved: 2 });
  });
});
