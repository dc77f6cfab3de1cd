import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "../../bot/authz.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { buildOrganization, buildPartner, buildPerson } from "../support/factories.ts";

// One test per role: what each person can see and do with the same cases.
describe("who may see and do what", () => {
  let t: TestApp;
  const viewers: Record<string, Viewer> = {};
  let contosoCase: number;
  let fabrikamCase: number;
  let partnerId: string;
  const origin = { platform: "shell" as const };

  beforeAll(async () => {
    t = await createTestApp({ start: false, seedDemo: false });
    const contoso = await buildOrganization(t.app);
    const fabrikam = await buildOrganization(t.app);
    partnerId = await buildPartner(t.app);
    viewers.employee = (await buildPerson(t.app, { organization: contoso })).viewer;
    viewers.admin = (await buildPerson(t.app, { organization: contoso, role: "admin" })).viewer;
    viewers.engineer = (await buildPerson(t.app, { role: "engineer", name: "Lee Chen" })).viewer;
    viewers.manager = (await buildPerson(t.app, { role: "manager" })).viewer;
    viewers.partner = (await buildPerson(t.app, { role: "partner", partner: partnerId })).viewer;
    viewers["fabrikam-admin"] = (await buildPerson(t.app, { organization: fabrikam, role: "admin" })).viewer;
    contosoCase = (
      await t.app.services.cases.open(
        viewers.employee!,
        { title: "Contoso bar", description: "x", severity: "sev3", language: "en" },
        origin,
      )
    ).view.number;
    fabrikamCase = (
      await t.app.services.cases.open(
        viewers["fabrikam-admin"]!,
        { title: "Fabrikam room", description: "x", severity: "sev3", language: "en" },
        origin,
      )
    ).view.number;
    await t.app.services.cases.comment(viewers.engineer!, contosoCase, "customer firmware is old", "internal", origin);
    // Share the Contoso case with the partner, as the partner bridge does.
    await t.app.db.prisma.case.update({ where: { number: contosoCase }, data: { partnerId } });
  });
  afterAll(() => t.close());

  it("employee: sees their organization's cases only, never internal notes, cannot resolve", async () => {
    const employee = viewers.employee!;
    expect((await t.app.services.cases.list(employee)).map((c) => c.number)).toEqual([contosoCase]);
    await expect(t.app.services.cases.get(employee, fabrikamCase)).rejects.toMatchObject({ code: "not_found" });
    const timeline = await t.app.services.cases.timeline(employee, contosoCase);
    expect(timeline.some((e) => e.body?.includes("firmware is old"))).toBe(false);
    await expect(t.app.services.cases.resolve(employee, contosoCase, "fix", "x", origin)).rejects.toMatchObject({ code: "forbidden" });
    await expect(t.app.services.cases.comment(employee, contosoCase, "note", "internal", origin)).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  it("admin: manages their organization's cases but not another customer's", async () => {
    const admin = viewers.admin!;
    expect((await t.app.services.cases.list(admin)).map((c) => c.number)).toEqual([contosoCase]);
    await t.app.services.cases.setSeverity(admin, contosoCase, "sev2", origin);
    await expect(t.app.services.cases.setSeverity(admin, fabrikamCase, "sev1", origin)).rejects.toMatchObject({ code: "not_found" });
  });

  it("engineer: works any customer's case and reads internal notes", async () => {
    const engineer = viewers.engineer!;
    const numbers = (await t.app.services.cases.list(engineer)).map((c) => c.number);
    expect(numbers).toEqual(expect.arrayContaining([contosoCase, fabrikamCase]));
    const timeline = await t.app.services.cases.timeline(engineer, contosoCase);
    expect(timeline.some((e) => e.body?.includes("firmware is old"))).toBe(true);
    await t.app.services.cases.setStatus(engineer, fabrikamCase, "waiting_customer", origin);
  });

  it("manager: works cases like an engineer", async () => {
    const manager = viewers.manager!;
    await t.app.services.cases.assign(manager, fabrikamCase, viewers.engineer!.personId!, origin);
    expect((await t.app.services.cases.get(manager, fabrikamCase)).assigneeName).toBe("Lee Chen");
  });

  it("partner: sees only the case shared with their partner, without internal notes", async () => {
    const partner = viewers.partner!;
    expect((await t.app.services.cases.list(partner)).map((c) => c.number)).toEqual([contosoCase]);
    await expect(t.app.services.cases.get(partner, fabrikamCase)).rejects.toMatchObject({ code: "not_found" });
    const timeline = await t.app.services.cases.timeline(partner, contosoCase);
    expect(timeline.some((e) => e.visibility === "internal")).toBe(false);
    await expect(t.app.services.cases.comment(partner, contosoCase, "internal?", "internal", origin)).rejects.toMatchObject({
      code: "forbidden",
    });
    await t.app.services.cases.comment(partner, contosoCase, "We see a tenant policy issue", "public", origin);
  });

  it("internal notes are never queued for a customer's conversation", async () => {
    const employee = viewers.employee!;
    const { view } = await t.app.services.cases.open(
      employee,
      { title: "Notes stay inside", description: "x", severity: "sev3", language: "en" },
      { platform: "shell", conversation: { platform: "shell", conversationId: "dm:employee" } },
    );
    await t.app.services.cases.comment(viewers.engineer!, view.number, "secret detail", "internal", origin);
    await t.app.services.cases.comment(viewers.engineer!, view.number, "public answer", "public", origin);
    const queued = await t.app.db.prisma.outbox.findMany({ where: { caseId: view.id, conversationId: "dm:employee" } });
    const texts = queued.map((row) => row.payload).join("\n");
    expect(texts).toContain("public answer");
    expect(texts).not.toContain("secret detail");
  });
});
