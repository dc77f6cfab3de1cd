import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "../../../bot/authz.ts";
import { formatCaseRef } from "../../../bot/cases/refs.ts";
import { createTestApp, type TestApp } from "../../support/app.ts";
import { testProviders } from "../../support/database.ts";
import { buildChannel, buildPerson } from "../../support/factories.ts";

const providers = await testProviders();

describe.each(providers)("cases on %s", (provider) => {
  let t: TestApp;
  let employee: Viewer;
  let engineer: Viewer;
  const origin = { platform: "shell" as const, conversation: { platform: "shell" as const, conversationId: "dm:employee" } };

  beforeAll(async () => {
    t = await createTestApp({ provider, start: false, seedDemo: false });
    employee = (await buildPerson(t.app, { identities: { shell: "employee" } })).viewer;
    engineer = (await buildPerson(t.app, { role: "engineer" })).viewer;
    await buildChannel(t.app, { purpose: "engineers", conversationId: "engineers" });
  });
  afterAll(() => t.close());

  it("opens a case with a readable number, its timeline event, audit row and engineers' notice", async () => {
    const { view, created } = await t.app.services.cases.open(
      employee,
      { title: "Bar 50 has no sound", description: "No audio in the Madrid boardroom", severity: "sev2", language: "en" },
      origin,
    );
    expect(created).toBe(true);
    expect(view.ref).toMatch(/^CS-\d{5}$/);
    expect(view.status).toBe("open");
    const events = await t.app.db.prisma.caseEvent.findMany({ where: { caseId: view.id } });
    expect(events.map((e) => e.kind)).toEqual(["opened"]);
    const audit = await t.app.db.prisma.auditLog.findMany({ where: { subjectId: view.ref } });
    expect(audit.map((a) => a.action)).toEqual(["case.opened"]);
    const outbox = await t.app.db.prisma.outbox.findMany({ where: { caseId: view.id } });
    expect(outbox.map((o) => o.conversationId)).toEqual(["engineers"]);
  });

  it("walks a case through comment, severity, resolve with a workaround, reopen and close", async () => {
    const { view } = await t.app.services.cases.open(
      employee,
      { title: "Tap 10 frozen", description: "Frozen", severity: "sev3", language: "en" },
      origin,
    );
    await t.app.services.cases.comment(employee, view.number, "It froze again at 10:00", "public", origin);
    await t.app.services.cases.setSeverity(employee, view.number, "sev2", origin);
    await t.app.services.cases.comment(engineer, view.number, "Probably the PSU", "internal", { platform: "shell" });
    const resolved = await t.app.services.cases.resolve(engineer, view.number, "workaround", "Use the spare console", {
      platform: "shell",
    });
    expect(resolved.status).toBe("resolved");
    expect(resolved.resolutionType).toBe("workaround");
    const reopened = await t.app.services.cases.reopen(employee, view.number, "Froze again", origin);
    expect(reopened.status).toBe("open");
    expect(reopened.resolutionType).toBeNull();
    const closed = await t.app.services.cases.close(employee, view.number, origin);
    expect(closed.status).toBe("closed");

    const customerTimeline = await t.app.services.cases.timeline(employee, view.number);
    expect(customerTimeline.map((e) => e.kind)).toEqual(["opened", "comment", "severity", "resolved", "reopened", "closed"]);
    const engineerTimeline = await t.app.services.cases.timeline(engineer, view.number);
    expect(engineerTimeline.map((e) => e.kind)).toContain("note");
    const audit = await t.app.db.prisma.auditLog.findMany({ where: { subjectId: view.ref }, orderBy: { seq: "asc" } });
    expect(audit.map((a) => a.action)).toEqual([
      "case.opened",
      "case.comment",
      "case.severity",
      "case.note",
      "case.resolved",
      "case.reopened",
      "case.closed",
    ]);
    const severityAudit = audit.find((a) => a.action === "case.severity")!;
    expect(JSON.parse(severityAudit.before!)).toEqual({ severity: "sev3" });
    expect(JSON.parse(severityAudit.after!)).toEqual({ severity: "sev2" });
  });

  it("refuses changes that make no sense for the case's state", async () => {
    const { view } = await t.app.services.cases.open(
      employee,
      { title: "Cam 4K blurry", description: "blurry", severity: "sev3", language: "en" },
      origin,
    );
    await expect(t.app.services.cases.reopen(employee, view.number, "?", origin)).rejects.toMatchObject({ code: "conflict" });
    await expect(t.app.services.cases.resolve(employee, view.number, "fix", "x", origin)).rejects.toMatchObject({ code: "forbidden" });
    await expect(t.app.services.cases.get(employee, 99_999)).rejects.toMatchObject({ code: "not_found" });
  });

  it("hands out unique case numbers when many cases open at the same moment", async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        t.app.services.cases.open(employee, { title: `Parallel ${i}`, description: "x", severity: "sev4", language: "en" }, origin),
      ),
    );
    const numbers = results.map((r) => r.view.number);
    expect(new Set(numbers).size).toBe(40);
    const stored = await t.app.db.prisma.case.findMany({ where: { title: { startsWith: "Parallel" } }, select: { number: true } });
    expect(stored.map((s) => s.number).sort()).toEqual([...numbers].sort());
  });

  it("opens one case when the same delivery is processed twice", async () => {
    const keyed = { ...origin, originKey: `shell:${provider}-dup-1` };
    const [a, b] = await Promise.all([
      t.app.services.cases.open(employee, { title: "Dup", description: "x", severity: "sev3", language: "en" }, keyed),
      t.app.services.cases.open(employee, { title: "Dup", description: "x", severity: "sev3", language: "en" }, keyed),
    ]);
    expect(a!.view.number).toBe(b!.view.number);
    expect([a!.created, b!.created].sort()).toEqual([false, true]);
    expect(await t.app.db.prisma.case.count({ where: { originKey: keyed.originKey } })).toBe(1);
    expect(formatCaseRef(a!.view.number)).toBe(a!.view.ref);
  });
});
