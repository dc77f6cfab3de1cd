import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.ts";

describe("health, readiness and metrics endpoints", () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp({ start: false });
    const port = await t.app.start();
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(() => t.close());

  it("reports alive and ready with the database reachable and migrated", async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", checks: { database: "ok", migrations: "applied" } });
  });

  it("serves Prometheus metrics", async () => {
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain("switchboard_outbox_backlog");
    expect(text).toContain("switchboard_inbound_events_total");
  });

  it("answers unknown paths with 404 and wrong methods with 405", async () => {
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/healthz`, { method: "POST" })).status).toBe(405);
  });

  it("is not ready once stopping", async () => {
    const other = await createTestApp({ start: false });
    const port = await other.app.start();
    await other.app.stop();
    await expect(fetch(`http://127.0.0.1:${port}/readyz`)).rejects.toThrow();
    await other.database.cleanup();
  });
});
