import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_VIEWER } from "../../../bot/authz.ts";
import { verifyAuditChain } from "../../../bot/audit/chain.ts";
import { recordAudit } from "../../../bot/audit/log.ts";
import { createTestDatabase, testProviders, type TestDatabase } from "../../support/database.ts";
import { scaled } from "../../support/time-scale.ts";

const providers = await testProviders();

describe.each(providers)("the audit log's hash chain (%s)", (provider) => {
  let t: TestDatabase;
  const at = new Date("2026-01-05T09:00:00.123Z");

  beforeAll(async () => {
    t = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  const write = (i: number) =>
    t.db.prisma.$transaction(async (tx) => {
      await recordAudit(
        tx,
        {
          actor: { ...SYSTEM_VIEWER, system: false, personId: null, name: `Writer ${i % 7}`, role: "admin" },
          platform: "slack",
          action: "device.registered",
          subjectType: "device",
          subjectId: `NB5-${String(1_000_000 + i)}`,
          organizationId: "org-1",
          before: null,
          after: { site: "Madrid HQ", i },
        },
        new Date(at.getTime() + i),
      );
    });

  it("stays one unbroken chain under 60 concurrent writers", { timeout: scaled(30_000) }, async () => {
    await Promise.all(Array.from({ length: 60 }, (_, i) => write(i)));
    const report = await verifyAuditChain(t.db, 7);
    expect(report).toMatchObject({ ok: true, checked: 60, head: { chainIndex: 60 } });
  });

  it("a rolled-back change leaves no entry and no gap", async () => {
    await expect(
      t.db.prisma.$transaction(async (tx) => {
        await recordAudit(
          tx,
          { actor: SYSTEM_VIEWER, platform: "system", action: "x", subjectType: "x", subjectId: "x", organizationId: null },
          at,
        );
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    await write(60);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, checked: 61 });
  });

  it("detects an edited row and names it", async () => {
    await t.db.prisma.$executeRaw`UPDATE "AuditLog" SET after = '{"site":"Lisbon office"}' WHERE "chainIndex" = 17`;
    const report = await verifyAuditChain(t.db, 5);
    expect(report.ok).toBe(false);
    expect(report.problem).toMatchObject({ kind: "edited", chainIndex: 17 });
    expect(report.problem!.message).toContain("#17");
    expect(report.problem!.message).toContain("was changed");
  });

  it("detects a deleted row, and rows cut off the end", async () => {
    await t.db.prisma.$executeRaw`DELETE FROM "AuditLog" WHERE "chainIndex" = 17`;
    expect((await verifyAuditChain(t.db)).problem).toMatchObject({ kind: "missing", chainIndex: 17 });

    const other = await createTestDatabase(provider);
    try {
      for (let i = 0; i < 5; i++)
        await other.db.prisma.$transaction((tx) =>
          recordAudit(
            tx,
            { actor: SYSTEM_VIEWER, platform: "system", action: "a", subjectType: "s", subjectId: `${i}`, organizationId: null },
            at,
          ),
        );
      expect(await verifyAuditChain(other.db)).toMatchObject({ ok: true, checked: 5 });
      await other.db.prisma.$executeRaw`DELETE FROM "AuditLog" WHERE "chainIndex" = 5`;
      expect((await verifyAuditChain(other.db)).problem).toMatchObject({ kind: "head" });
    } finally {
      await other.cleanup();
    }
  });
});

describe.each(providers)("audited changes under a burst (%s)", (provider) => {
  let t: TestDatabase;
  const at = new Date("2026-01-05T09:00:00.123Z");
  beforeAll(async () => {
    t = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await t.cleanup();
  });
  const write = (i: number) =>
    t.db.prisma.$transaction((tx) =>
      recordAudit(
        tx,
        {
          actor: SYSTEM_VIEWER,
          platform: "slack",
          action: "device.registered",
          subjectType: "device",
          subjectId: `NB5-${i}`,
          organizationId: "org-1",
        },
        new Date(at.getTime() + i),
      ),
    );

  it("a burst of audited changes waits behind a slow one instead of failing", { timeout: scaled(30_000) }, async () => {
    // One change takes 3 s (a slow moment on a busy machine) while it holds the chain's head; the
    // 20 that arrive meanwhile queue for their turn — none fails for want of a transaction.
    const slow = t.db.prisma.$transaction(async (tx) => {
      await recordAudit(
        tx,
        { actor: SYSTEM_VIEWER, platform: "system", action: "slow", subjectType: "x", subjectId: "slow", organizationId: null },
        at,
      );
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const results = await Promise.allSettled([slow, ...Array.from({ length: 20 }, (_, i) => write(100 + i))]);
    expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason).slice(0, 200))).toEqual(
      [],
    );
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, checked: 21 });
  });
});
