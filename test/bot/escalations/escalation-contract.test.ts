/**
 * The on-call contract of a policy file, minute by minute: level 1 at once, a reminder every
 * `repeat` up to the level's `maxRepeats`, the next level at its `after`, the last level without a
 * bound, a breach alert at the SLA deadline; and a policy file that would break it is refused.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../../core/clock.ts";
import { createTestApp, type TestApp } from "../../support/app.ts";
import { message } from "../../support/events.ts";
import { buildChannel, buildPerson } from "../../support/factories.ts";

const MIN = 60_000;
const dir = mkdtempSync(path.join(tmpdir(), "switchboard-contract-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const policyFile = (name: string, policy: unknown) => {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(policy));
  return file;
};

const sev1 = (levels: unknown[]) => ({ sev1: { firstResponse: "2h", nextUpdate: "4h", resolution: "8h", levels } });

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe("the escalation contract of a policy file", () => {
  it("stops a level's reminders at its maxRepeats, never reminds at the raise, and keeps the last level repeating until the breach", async () => {
    const file = policyFile("bounded.json", {
      ...sev1([
        { audience: "engineers", after: "0m", repeat: "5m", maxRepeats: 2 },
        { audience: "managers", after: "30m", repeat: "10m" },
        { audience: "service_management", after: "20m", repeat: "15m" },
      ]),
    });
    const opened = new Date("2026-03-10T10:00:00Z");
    const clock = new ManualClock(opened);
    t = await createTestApp({ clock, start: false, seedDemo: false, env: { ESCALATION_POLICIES_FILE: file } });
    const { app, recorder } = t;
    await buildPerson(app, { identities: { shell: "employee" } });
    await buildChannel(app, { purpose: "engineers", conversationId: "engineers" });
    await buildChannel(app, { purpose: "managers", conversationId: "managers" });
    await buildChannel(app, { purpose: "service_management", conversationId: "service-management" });
    await app.bot.handle(message("employee", "open case sev1 the Bar 70 in Lisbon shows no video, all meetings down"));
    await app.dispatcher.runOnce();
    const seen: { to: string; minute: number; text: string }[] = [];
    let mark = recorder.deliveries.length;
    for (let m = 1; m <= 120; m++) {
      clock.advance(MIN);
      await app.scheduler.runDue();
      await app.dispatcher.runOnce();
      for (const d of recorder.deliveries.slice(mark))
        if (d.message.text) seen.push({ to: d.message.target.conversationId, minute: m, text: d.message.text });
      mark = recorder.deliveries.length;
    }
    const at = (to: string, pattern: RegExp) => seen.filter((s) => s.to === to && pattern.test(s.text)).map((s) => s.minute);
    // Level 1: two reminders, then silence until the raise (no third at 15, none racing the raise at 30).
    expect(at("engineers", /^⏰/)).toEqual([5, 10]);
    expect(at("managers", /escalated to Support manager/)).toEqual([30]);
    // Level 2 at 40; its next reminder would fall on the raise to level 3 at 50 and is left out.
    expect(at("managers", /^⏰/)).toEqual([40]);
    expect(at("service-management", /escalated to Service management/)).toEqual([50]);
    // The last level has no bound: it repeats until someone acknowledges or resolves.
    expect(at("service-management", /^⏰/)).toEqual([65, 80, 95, 110]);
    // The first response was due at 2 h: service management hears of the breach, whatever the level.
    expect(at("service-management", /SLA breach/)).toEqual([120]);
  }, 60_000);

  it("refuses a policy file whose levels would ping in a loop, bound the last level or name an audience they cannot reach, naming the setting and the field", async () => {
    const looping = policyFile("looping.json", sev1([{ audience: "engineers", after: "0m", repeat: "0m" }]));
    await expect(createTestApp({ start: false, seedDemo: false, env: { ESCALATION_POLICIES_FILE: looping } })).rejects.toThrow(
      /ESCALATION_POLICIES_FILE .*sev1\.levels\.0\.repeat: repeat must be at least 1s/,
    );
    const boundedTop = policyFile(
      "bounded-top.json",
      sev1([
        { audience: "engineers", after: "0m", repeat: "5m" },
        { audience: "managers", after: "10m", repeat: "10m", maxRepeats: 3 },
      ]),
    );
    await expect(createTestApp({ start: false, seedDemo: false, env: { ESCALATION_POLICIES_FILE: boundedTop } })).rejects.toThrow(
      /sev1\.levels\.1\.maxRepeats: the last level repeats until acknowledged or resolved/,
    );
    const reordered = policyFile(
      "reordered.json",
      sev1([
        { audience: "engineers", after: "0m", repeat: "5m" },
        { audience: "service_management", after: "10m", repeat: "10m" },
      ]),
    );
    await expect(createTestApp({ start: false, seedDemo: false, env: { ESCALATION_POLICIES_FILE: reordered } })).rejects.toThrow(
      /sev1\.levels\.1\.audience: level 2 is the managers level/,
    );
    const lateFirst = policyFile("late-first.json", sev1([{ audience: "engineers", after: "5m", repeat: "5m" }]));
    await expect(createTestApp({ start: false, seedDemo: false, env: { ESCALATION_POLICIES_FILE: lateFirst } })).rejects.toThrow(
      /sev1\.levels\.0\.after: level 1 is notified at once/,
    );
  });
});
