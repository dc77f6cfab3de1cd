import { execFile } from "node:child_process";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../../../core/clock.ts";
import { openDatabase } from "../../../../db/client.ts";
import { createTestApp, type TestApp } from "../../../support/app.ts";
import { press, say } from "../../../support/conversation.ts";
import { action } from "../../../support/events.ts";

const run = promisify(execFile);
const NOTE = "suspect the PSU batch 7731, do not tell the customer yet";

/** Everything the manager reads for `audit denied …` (and Spanish), to check what was recorded. */
const denied = (t: TestApp, words = "audit denied last 24h") => say(t, "manager", words);

describe("the audit log shown to a customer, and the audit of refusals", () => {
  let t: TestApp;
  let clock: ManualClock;
  let ref: string;
  let fabrikamRef: string;

  beforeAll(async () => {
    clock = new ManualClock(new Date());
    t = await createTestApp({ clock, env: { DEVICE_WEBHOOK_SECRET: "device-secret-for-tests" } });
    ref = /CS-\d+/.exec(await say(t, "employee", "open case the Bar 50 in the Madrid boardroom has no sound"))![0];
    fabrikamRef = /CS-\d+/.exec(await say(t, "fabrikam-admin", "open case our Lisbon camera is offline"))![0];
    await say(t, "engineer", `note ${ref} ${NOTE}`);
    await say(t, "engineer", `take ${ref}`);
  });
  afterAll(() => t.close());

  it("shows a customer's admin the case's entries without internal notes or internal ids; support sees everything", async () => {
    const customer = await say(t, "admin", `audit ${ref}`);
    expect(customer).toContain(`case.opened ${ref}`);
    expect(customer).not.toContain("PSU batch");
    expect(customer).not.toContain("case.note");
    const engineerId = (await t.app.db.prisma.person.findFirstOrThrow({ where: { key: "eng-lee" } })).id;
    expect(customer).not.toContain(engineerId);
    // The vendor keeps the full view.
    const vendor = await say(t, "manager", `audit ${ref}`);
    expect(vendor).toContain("case.note");
    expect(vendor).toContain("PSU batch");
    expect(await say(t, "engineer", `audit ${ref}`)).toContain("PSU batch");
  });

  it("exports an organization's log as its admins see it, and everything with --full", async () => {
    const env = { ...process.env, DATABASE_URL: t.database.url, LOG_LEVEL: "silent" };
    const exportCsv = async (...extra: string[]) =>
      (await run("npx", ["tsx", "app/cli/audit.ts", "export", "--format", "csv", "--org", "contoso", ...extra], { env })).stdout;
    const customer = await exportCsv();
    expect(customer).toContain("case.opened");
    expect(customer).not.toContain("PSU batch");
    expect(customer).not.toContain("case.note");
    const engineerId = (await t.app.db.prisma.person.findFirstOrThrow({ where: { key: "eng-lee" } })).id;
    expect(customer).not.toContain(engineerId);
    expect(await exportCsv("--full")).toContain("PSU batch");
  });

  it("never gives a customer the Reassign form with the vendor's engineers", async () => {
    /** The choices of the form the bot answers with, as the person's client would list them. */
    const choices = async (person: string) =>
      (await t.app.bot.handle(action(person, "esc.reassign", { case: ref }))).outbound.flatMap((m) =>
        (m.card?.inputs ?? []).flatMap((input) => (input.choices ?? []).map((c) => `${c.label} ${c.value}`)),
      );
    expect(await press(t, "employee", "esc.reassign", { case: ref })).toContain("Only support engineers can do that.");
    expect(await choices("employee")).toEqual([]);
    expect(await choices("admin")).toEqual([]);
    // Engineers still get the form.
    expect((await choices("engineer")).join("\n")).toContain("Marta Ruiz");
  });

  it("answers refusals exactly as before and records who, what, where and why for the vendor", async () => {
    const missing = await say(t, "partner", "case CS-99999");
    const notShared = await say(t, "partner", `case ${ref}`);
    expect(notShared).toBe(missing.replace("CS-99999", ref));
    const otherOrg = await say(t, "employee", `case ${fabrikamRef}`);
    expect(otherOrg).toBe(missing.replace("CS-99999", fabrikamRef));
    expect(await say(t, "employee", "device status")).toContain("Only your organization's IT admins can do that.");

    const log = await denied(t);
    expect(log).toMatch(new RegExp(`Sam Patel \\(Microsoft\\) \\(partner\\) · shell · denied ${ref} — case not visible to them`));
    expect(log).toMatch(new RegExp(`Tom Baker \\(employee\\) · shell · denied ${fabrikamRef} — case not visible to them`));
    expect(log).toMatch(/Tom Baker \(employee\) · shell · denied device — portal\.adminsOnly · “device status”/);
    // A truly missing case is not a refusal.
    expect(log).not.toContain("CS-99999");
    // Spanish words work too; customers' admins never see refusals; the chain still verifies.
    expect(await denied(t, "auditoría denegados últimas 24h")).toContain(`denied ${fabrikamRef}`);
    expect(await say(t, "fabrikam-admin", "audit denied last 24h")).toContain("No audit entries match.");
    expect(await say(t, "manager", "audit verify")).toContain("The audit log's chain is intact");
  });

  it("records a forged webhook, and a flood of refusals as a few entries and one summary", async () => {
    const url = `http://127.0.0.1:${(t.app.http.server.address() as AddressInfo).port}/webhooks/device-status`;
    const forged = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-switchboard-timestamp": "1", "x-switchboard-signature": "v1=00" },
      body: "{}",
    });
    expect(forged.status).toBe(401);
    expect(await denied(t)).toMatch(/unsigned request from [\d.:a-f]+ · device · denied \/webhooks\/device-status/);

    clock.advance(120_000);
    for (let i = 0; i < 40; i++) await say(t, "fabrikam-admin", `case ${ref}`);
    const during = await t.app.db.prisma.auditLog.count({ where: { action: "denied", actorLabel: "Jo Miller (admin)" } });
    expect(during).toBe(5);
    clock.advance(61_000);
    const after = await denied(t, "audit denied last 24h by @jo");
    expect(after).toContain("and 35 more refusals in that minute");
    expect(await t.app.db.prisma.auditLog.count({ where: { action: "denied", actorLabel: "Jo Miller (admin)" } })).toBe(6);
    expect(await say(t, "manager", "audit verify")).toContain("The audit log's chain is intact");
  });

  it("writes what a flood held back when the app stops, so no count is lost", async () => {
    for (let i = 0; i < 8; i++) await say(t, "fabrikam-admin", `case ${ref}`);
    await t.app.stop();
    const db = await openDatabase(t.database.url);
    try {
      const summaries = await db.prisma.auditLog.findMany({
        where: { action: "denied", subjectType: "refusals" },
        orderBy: { seq: "asc" },
      });
      expect(summaries.map((row) => JSON.parse(row.after ?? "{}").more)).toEqual([35, 3]);
    } finally {
      await db.close();
    }
  });
});
