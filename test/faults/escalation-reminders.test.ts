/**
 * Escalation reminders over hours of clock time, with no fault at all: every repeat and every
 * raise of the policy must happen, once each, until someone acknowledges — and nothing after.
 * A reminder handler reschedules the same timer key it is firing, so this is where a scheduler
 * that marks the wrong row as fired shows: one reminder per level, and no raise by silence.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../core/clock.ts";
import type { Viewer } from "../../bot/authz.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { testProviders } from "../support/database.ts";
import { action, message } from "../support/events.ts";
import { countAnswers, reportFault } from "./summary.ts";

const MIN = 60_000;
// Intervals chosen so no repeat falls due at the same minute as a raise: the order of two timers
// due together is not part of the policy.
const POLICY = {
  sev2: {
    firstResponse: "24h",
    nextUpdate: "24h",
    resolution: "48h",
    levels: [
      { audience: "engineers", after: "0m", repeat: "20m" },
      { audience: "managers", after: "50m", repeat: "25m" },
      { audience: "service_management", after: "90m", repeat: "45m" },
    ],
  },
};

const dir = mkdtempSync(path.join(tmpdir(), "switchboard-policy-"));
const policyFile = path.join(dir, "policies.json");
writeFileSync(policyFile, JSON.stringify(POLICY));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** The minutes after opening at which the policy pings: raises (cards) and reminders per level. */
function expectedUntil(ackAtMin: number) {
  const l2 = 50;
  const l3 = l2 + 90;
  const every = (from: number, step: number, until: number) => {
    const out: number[] = [];
    for (let m = from + step; m < until; m += step) out.push(m);
    return out;
  };
  return {
    engineers: every(0, 20, l2),
    managers: every(l2, 25, l3),
    serviceManagement: every(l3, 45, ackAtMin + 1),
    raises: { managers: l2, serviceManagement: l3 },
  };
}

describe.each(await testProviders())("escalation reminders on %s", (provider) => {
  it("repeats each level at its interval, raises by silence through every level, and stops everything at the acknowledgement", async () => {
    const opened = new Date("2026-03-10T10:00:00Z");
    const clock = new ManualClock(opened.toISOString());
    t = await createTestApp({ provider, clock, start: false, env: { ESCALATION_POLICIES_FILE: policyFile } });
    const app = t.app;
    const recorder = t.recorder;
    // Who got a reminder or a raise, and at which minute after the case was opened.
    const seen: { conversation: string; minute: number; text: string }[] = [];
    let mark = 0;
    const collect = () => {
      for (const d of recorder.deliveries.slice(mark)) {
        const text = d.message.text ?? "";
        if (text.startsWith("⏰") || text.includes("escalated to"))
          seen.push({ conversation: d.message.target.conversationId, minute: (clock.now().getTime() - opened.getTime()) / MIN, text });
      }
      mark = recorder.deliveries.length;
    };
    const run = async () => {
      await app.scheduler.runDue();
      await app.dispatcher.runOnce();
      collect();
    };

    await app.bot.handle(message("employee", "open case sev2 the Bar 70 in Lisbon shows no video"));
    await run();
    const engineer = (await app.services.people.resolve({ platform: "shell", externalId: "engineer" })) as Viewer;
    const [view] = await app.services.cases.list(engineer);
    expect(view!.sla.escalationLevel).toBe(1);

    // Six hours, one minute at a time, nobody acknowledging.
    const ackAt = 6 * 60;
    for (let m = 1; m <= ackAt; m++) {
      clock.advance(MIN);
      await run();
    }
    const expected = expectedUntil(ackAt);
    // The fault row: each ping the policy asks for is an event that must be answered once.
    const kindOf = (text: string) => (text.startsWith("⏰") ? "reminder" : "raise");
    const wanted = [
      ...expected.engineers.map((m) => `engineers reminder @${m}`),
      ...expected.managers.map((m) => `managers reminder @${m}`),
      ...expected.serviceManagement.map((m) => `service-management reminder @${m}`),
      `managers raise @${expected.raises.managers}`,
      `service-management raise @${expected.raises.serviceManagement}`,
    ];
    const observed = new Map<string, number>();
    for (const s of seen) {
      const key = `${s.conversation} ${kindOf(s.text)} @${s.minute}`;
      observed.set(key, (observed.get(key) ?? 0) + 1);
    }
    reportFault({ fault: `none: escalation reminders over 6 h (${provider})`, ...countAnswers(wanted, observed), latestReplyMs: 0 });
    const reminders = (conversation: string) =>
      seen.filter((s) => s.conversation === conversation && s.text.startsWith("⏰")).map((s) => s.minute);
    const raises = (conversation: string) =>
      seen.filter((s) => s.conversation === conversation && s.text.includes("escalated to")).map((s) => s.minute);
    expect(reminders("engineers")).toEqual(expected.engineers);
    expect(raises("managers")).toEqual([expected.raises.managers]);
    expect(reminders("managers")).toEqual(expected.managers);
    expect(raises("service-management")).toEqual([expected.raises.serviceManagement]);
    expect(reminders("service-management")).toEqual(expected.serviceManagement);
    const after = await app.services.cases.get(engineer, view!.number);
    expect(after.sla.escalationLevel).toBe(3);
    // Each level's notifications are counted as they reach its audience: the announcement (the
    // new case for the engineers, the raise for the others) and every reminder; card refreshes not.
    const metrics = await app.metrics.registry.metrics();
    const counted = (level: number) =>
      Number(new RegExp(`^switchboard_escalations_total\\{level="${level}"\\} (\\d+)$`, "m").exec(metrics)?.[1]);
    expect(counted(1)).toBe(1 + reminders("engineers").length);
    expect(counted(2)).toBe(raises("managers").length + reminders("managers").length);
    expect(counted(3)).toBe(raises("service-management").length + reminders("service-management").length);

    // One acknowledgement from the card stops every reminder, at every level, for good.
    await app.bot.handle(action("engineer", "esc.ack", { case: after.ref, level: "3" }));
    await run();
    const before = seen.length;
    for (let m = 0; m < 4 * 60; m += 5) {
      clock.advance(5 * MIN);
      await run();
    }
    expect(seen.slice(before)).toEqual([]);
  }, 120_000);
});
