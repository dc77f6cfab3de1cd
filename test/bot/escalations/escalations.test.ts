import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../../core/clock.ts";
import type { Viewer } from "../../../bot/authz.ts";
import { createApp } from "../../../app/app.ts";
import { createTestApp, RecordingDeliverer, type TestApp } from "../../support/app.ts";
import { action, message } from "../../support/events.ts";
import { buildChannel, buildOrganization, buildPerson } from "../../support/factories.ts";

const MIN = 60_000;
let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function setup(start: string) {
  const clock = new ManualClock(start);
  t = await createTestApp({ clock, start: false, seedDemo: false });
  const app = t.app;
  // A customer on a 24x7 contract (the default) and one on business hours in Chicago.
  await buildPerson(app, { identities: { shell: "employee" } });
  const chicago = await buildOrganization(app, {
    contracts: [
      {
        key: "chicago-premium",
        plan: "premium",
        coverage: "business_hours",
        timeZone: "America/Chicago",
        holidayCountry: "US",
        holidayRegion: "IL",
        businessHours: "Mon-Fri 08:00-18:00",
        startsOn: "2026-03-01",
        endsOn: "2027-02-28",
      },
    ],
    sites: [{ key: "chicago-hq", name: "Chicago HQ", city: "Chicago", country: "US", region: "IL", timeZone: "America/Chicago" }],
  });
  await buildPerson(app, { organization: chicago, role: "admin", identities: { shell: "fabrikam-admin" } });
  await buildPerson(app, {
    role: "engineer",
    name: "Lee Chen",
    skills: ["video_bar", "room_system", "network", "en"],
    identities: { shell: "engineer" },
  });
  await buildPerson(app, {
    role: "engineer",
    skills: ["headset", "speakerphone", "camera", "firmware_software", "en"],
    identities: { shell: "engineer2" },
  });
  await buildPerson(app, { role: "manager", timeZone: "Africa/Lagos", identities: { shell: "manager" } });
  await buildChannel(app, { purpose: "engineers", conversationId: "engineers" });
  await buildChannel(app, { purpose: "managers", conversationId: "managers" });
  await buildChannel(app, { purpose: "service_management", conversationId: "service-management" });
  const person = async (id: string) => (await app.services.people.resolve({ platform: "shell", externalId: id })) as Viewer;
  const tick = async (ms: number) => {
    clock.advance(ms);
    await app.scheduler.runDue();
    await app.dispatcher.runOnce();
  };
  const say = async (who: string, text: string) => {
    await app.bot.handle(message(who, text));
    await app.dispatcher.runOnce();
  };
  return { clock, app, recorder: t.recorder, person, tick, say };
}

const texts = (recorder: RecordingDeliverer, conversation: string) => recorder.to(conversation).map((m) => m.text ?? m.card?.title ?? "");

describe("escalations on a 24x7 contract", () => {
  it("pings the engineers until someone acknowledges, raises to the managers when nobody does, and stops for everyone after one acknowledgement", async () => {
    const { app, recorder, person, tick, say } = await setup("2026-03-10T10:00:00Z");
    await say("employee", "open case sev2 the Bar 70 in Lisbon shows no video");
    const [opened] = await app.services.cases.list(await person("engineer"));
    expect(opened!.sla).toMatchObject({ policy: "sev2", escalationLevel: 1, acknowledgedLevel: 0 });
    expect(opened!.sla.firstResponseDue!.toISOString()).toBe("2026-03-10T11:00:00.000Z");
    const card = recorder.to("engineers").find((m) => m.card)!.card!;
    expect(card.actions!.map((a) => a.id)).toEqual(["esc.ack", "case.take", "esc.reassign", "esc.escalate", "case.view"]);
    expect(card.facts!.find((f) => f.label === "SLA")!.value).toContain("first response due 11:00 UTC");

    await tick(15 * MIN);
    expect(texts(recorder, "engineers").filter((x) => x.startsWith("⏰"))).toHaveLength(1);
    await tick(15 * MIN);
    // 30 minutes unacknowledged: the support manager's channel gets the case, a specialist is assigned.
    expect(texts(recorder, "managers").some((x) => x.includes("escalated to Support manager"))).toBe(true);
    const raised = await app.services.cases.get(await person("engineer"), opened!.number);
    expect(raised.sla.escalationLevel).toBe(2);
    expect(raised.assigneeName).toBeTruthy();
    expect(
      recorder.to(`dm:${raised.assigneeName === "Lee Chen" ? "engineer" : "engineer2"}`).some((m) => m.text?.includes("You were assigned")),
    ).toBe(true);

    // One engineer acknowledges from the card; the reminders stop for everyone, and the card
    // that everyone sees in the managers' channel now says so.
    await app.bot.handle(action("engineer", "esc.ack", { case: raised.ref, level: "2" }));
    await app.dispatcher.runOnce();
    const before = recorder.deliveries.length;
    await tick(29 * MIN); // the level-2 reminder was due 30 minutes after the raise
    const after = recorder.deliveries.slice(before).map((d) => d.message.text ?? "");
    expect(after.filter((x) => x.startsWith("⏰"))).toEqual([]);
    const updatedCards = recorder.deliveries.filter((d) => d.existingMessageId && d.message.target.conversationId === "managers");
    expect(updatedCards.at(-1)!.message.card!.facts!.find((f) => f.label === "Escalation")!.value).toContain("acknowledged");
    expect(updatedCards.at(-1)!.message.card!.actions!.map((a) => a.id)).not.toContain("esc.ack");
  });

  it("alerts service management when the first response is late, and lists the breach for managers", async () => {
    const { app, recorder, person, tick, say } = await setup("2026-03-10T10:00:00Z");
    await say("employee", "open case sev1 every room in the Madrid office is down");
    await tick(31 * MIN);
    expect(texts(recorder, "service-management").some((x) => x.startsWith("SLA breach on CS-") && x.includes("first response"))).toBe(true);
    await say("manager", "breaches");
    // Due 10:30 UTC, shown in the manager's own zone (Africa/Lagos, UTC+1).
    expect(recorder.textOf("dm:manager")).toMatch(
      /CS-\d{5}\* · sev1 ·[\s\S]*First response: due Tue 10 Mar 11:30, overdue by 1 min[\s\S]*breached: first response/,
    );
    const view = (await app.services.cases.list(await person("manager")))[0]!;
    expect(view.sla.breaches).toEqual(["first_response"]);
  });

  it("does not breach the first response when an engineer answered in time, and moves the next-update clock", async () => {
    const { app, recorder, person, tick, say } = await setup("2026-03-10T10:00:00Z");
    await say("employee", "open case sev2 the Speak 40 in Lisbon crackles constantly");
    const [view] = await app.services.cases.list(await person("engineer"));
    await tick(20 * MIN);
    await say("engineer", `comment ${view!.ref} Can you send a photo of the cabling?`);
    await tick(60 * MIN);
    const updated = await app.services.cases.get(await person("engineer"), view!.number);
    expect(updated.sla.firstResponseAt!.toISOString()).toBe("2026-03-10T10:20:00.000Z");
    expect(updated.sla.nextUpdateDue!.toISOString()).toBe("2026-03-10T14:20:00.000Z");
    expect(updated.sla.breaches).toEqual([]);
    expect(texts(recorder, "service-management")).toEqual([]);
  });

  it("lets a customer escalate with a reason: the support manager hears at once", async () => {
    const { recorder, say } = await setup("2026-03-10T10:00:00Z");
    await say("employee", "open case the Cam 4K in room 2 is blurry");
    const ref = /CS-\d{5}/.exec(recorder.textOf("dm:employee"))![0];
    await say("employee", `escalate ${ref} this is blocking our board meeting`);
    expect(recorder.textOf("dm:employee")).toContain(`I escalated ${ref} to the support manager`);
    expect(texts(recorder, "managers").some((x) => x.includes("this is blocking our board meeting"))).toBe(true);
  });

  it("keeps every clock through a restart: late timers fire once when the next process starts", async () => {
    const { app, clock, recorder, person, say } = await setup("2026-03-10T10:00:00Z");
    await say("employee", "open case sev2 the Tap 10 in Madrid is frozen");
    const [view] = await app.services.cases.list(await person("engineer"));
    await app.stop();
    // The process is down for 40 minutes; a new one starts on the same database.
    clock.advance(40 * MIN);
    const restarted = await createApp(app.config, { log: app.log, clock, dispatcher: { idlePollMs: 10 }, scheduler: { idlePollMs: 10 } });
    const sink = new RecordingDeliverer("shell");
    restarted.dispatcher.register(sink);
    await restarted.scheduler.runDue();
    await restarted.dispatcher.runOnce();
    const after = await restarted.services.cases.get(
      (await restarted.services.people.resolve({ platform: "shell", externalId: "engineer" })) as Viewer,
      view!.number,
    );
    expect(after.sla.escalationLevel).toBe(2);
    expect(sink.to("managers").filter((m) => m.text?.includes("escalated to Support manager"))).toHaveLength(1);
    await restarted.scheduler.runDue();
    await restarted.dispatcher.runOnce();
    expect(sink.to("managers").filter((m) => m.text?.includes("escalated to Support manager"))).toHaveLength(1);
    await restarted.stop();
    void recorder;
  });
});

describe("clocks in business hours", () => {
  // The Chicago customer: Mon–Fri 08:00–18:00, US/Illinois holidays.
  it("counts a sev3 first response over the weekend and the DST change", async () => {
    const { app, person, say } = await setup("2026-03-06T23:00:00Z"); // Friday 17:00 CST
    await say("fabrikam-admin", "open case the Room L in Chicago HQ drops calls");
    const [view] = await app.services.cases.list(await person("fabrikam-admin"));
    // 1 h on Friday + 3 h on Monday from 08:00 CDT (13:00 UTC after the switch on Sunday 8 March).
    expect(view!.sla.firstResponseDue!.toISOString()).toBe("2026-03-09T16:00:00.000Z");
  });

  it("skips a public holiday", async () => {
    const { app, person, say } = await setup("2026-05-22T22:00:00Z"); // Friday 17:00 CDT, Memorial Day Monday 25 May
    await say("fabrikam-admin", "open case the Room L in Chicago HQ drops calls");
    const [view] = await app.services.cases.list(await person("fabrikam-admin"));
    expect(view!.sla.firstResponseDue!.toISOString()).toBe("2026-05-26T16:00:00.000Z");
  });

  it("pauses the clock while waiting on the customer and moves the due time by the pause", async () => {
    const { app, person, tick, say } = await setup("2026-03-10T14:00:00Z"); // Tuesday 09:00 CDT
    await say("fabrikam-admin", "open case the Room L in Chicago HQ drops calls");
    const [view] = await app.services.cases.list(await person("fabrikam-admin"));
    const due = view!.sla.resolutionDue!.getTime();
    await tick(30 * MIN);
    await say("engineer", `status ${view!.ref} waiting_customer`);
    await tick(120 * MIN);
    await say("fabrikam-admin", `comment ${view!.ref} here are the logs you asked for`);
    const resumed = await app.services.cases.get(await person("engineer"), view!.number);
    expect(resumed.status).toBe("open");
    expect(resumed.sla.pausedAt).toBeNull();
    expect(resumed.sla.resolutionDue!.getTime() - due).toBe(120 * MIN);
  });
});
