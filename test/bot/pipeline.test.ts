import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compose } from "../../bot/pipeline.ts";
import { createTestApp, eventually, type TestApp } from "../support/app.ts";
import { testProviders } from "../support/database.ts";
import { message } from "../support/events.ts";
import { buildOrganization, buildPerson } from "../support/factories.ts";

describe("middleware runner", () => {
  it("runs middleware in order and refuses a second next()", async () => {
    const order: string[] = [];
    const run = compose<object>([
      async (_ctx, next) => {
        order.push("a");
        await next();
        order.push("a-after");
      },
      async (_ctx, next) => {
        order.push("b");
        await next();
      },
    ]);
    await run({}, async () => {
      order.push("end");
    });
    expect(order).toEqual(["a", "b", "end", "a-after"]);
    const twice = compose<object>([
      async (_ctx, next) => {
        await next();
        await next();
      },
    ]);
    await expect(twice({}, async () => undefined)).rejects.toThrow(/more than once/);
  });
});

describe.each(await testProviders())("inbound events on %s", (provider) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ provider, seedDemo: false });
    const organization = await buildOrganization(t.app);
    await buildPerson(t.app, { organization, identities: { shell: "employee" } });
    await buildPerson(t.app, { organization, role: "admin", identities: { shell: "admin" } });
    await buildPerson(t.app, { role: "manager", identities: { shell: "manager" } });
  });
  afterAll(() => t.close());

  it("processes the same delivery once even when both copies arrive at the same moment", async () => {
    const event = message("employee", "open case the Speak 40 in Lisbon crackles");
    const results = await Promise.all([t.app.bot.handle(event), t.app.bot.handle({ ...event, retry: { attempt: 1 } })]);
    expect(results.filter((r) => r.duplicate)).toHaveLength(1);
    expect(await t.app.db.prisma.case.count({ where: { title: { contains: "Speak 40 in Lisbon" } } })).toBe(1);
    await eventually(() => expect(t.recorder.textOf("dm:employee")).toContain("I opened case"));
    expect(t.recorder.to("dm:employee").filter((m) => m.text?.startsWith("I opened case"))).toHaveLength(1);
  });

  it("resumes a delivery interrupted by a crash without doubling its case", async () => {
    const event = message("employee", "open case the Cam PTZ keeps drifting left");
    // The first attempt recorded the delivery and opened the case, then the process died.
    await t.app.services.deliveries.admit(event);
    await t.app.services.cases.open(
      (await t.app.services.people.resolve(event.actor!))!,
      { title: "the Cam PTZ keeps drifting left", description: "x", severity: "sev3", language: "en" },
      { platform: "shell", conversation: event.conversation, originKey: `shell:${event.deliveryId}` },
    );
    await t.app.db.prisma.inboundDelivery.updateMany({ where: { deliveryId: event.deliveryId }, data: { leaseUntil: new Date(0) } });
    expect(await t.app.bot.resumeInterrupted()).toBe(1);
    expect(await t.app.db.prisma.case.count({ where: { title: { contains: "Cam PTZ keeps drifting" } } })).toBe(1);
    await eventually(() => expect(t.recorder.textOf("dm:employee")).toContain("is already open"));
    const delivery = await t.app.db.prisma.inboundDelivery.findFirst({ where: { deliveryId: event.deliveryId } });
    expect(delivery?.status).toBe("done");
  });

  it("answers an unknown command, a stranger and a failing database with a clear reply", async () => {
    await t.app.bot.handle(message("employee", "what is the weather in Paris tomorrow?"));
    await t.app.bot.handle(message("stranger", "hello?"));
    await eventually(() => expect(t.recorder.textOf("dm:stranger")).toContain("I don't know you yet"));
    await eventually(() => expect(t.recorder.textOf("dm:employee")).toContain("can't help with that one"));
  });

  it("answers a reply that shows no language ('2', 'ok') in the language the person last wrote in", async () => {
    const lastTo = async (text: string) => {
      const before = t.recorder.to("dm:manager").length;
      await t.app.bot.handle(message("manager", text));
      await eventually(() => expect(t.recorder.to("dm:manager").length).toBeGreaterThan(before));
      return t.recorder.to("dm:manager").at(-1)!.text ?? "";
    };
    expect(await lastTo("¿qué tiempo hará mañana en Sevilla?")).toContain("no puedo ayudarte con eso");
    expect(await lastTo("2")).toContain("no puedo ayudarte con eso");
    expect(await lastTo("what is the weather in Paris tomorrow?")).toContain("can't help with that one");
    expect(await lastTo("2")).toContain("can't help with that one");
  });

  it("takes a one-word command in one language ('ayuda', 'licencias') as that language", async () => {
    await t.app.bot.handle(message("admin", "ayuda"));
    await eventually(() => expect(JSON.stringify(t.recorder.to("dm:admin").at(-1))).toContain("Esto es lo que puedo hacer"));
    await t.app.bot.handle(message("admin", "help"));
    await eventually(() => expect(JSON.stringify(t.recorder.to("dm:admin").at(-1))).toContain("Here is what I can do"));
  });
});
