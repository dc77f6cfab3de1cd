import { mkdirSync, rmSync } from "node:fs";
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

  it("does not serve metrics on the main port without METRICS_TOKEN", async () => {
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("switchboard_");
  });

  it("answers unknown paths with 404 and wrong methods with 405", async () => {
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/healthz`, { method: "POST" })).status).toBe(405);
  });

  it("sends the security headers on every response, and no X-Powered-By", async () => {
    const responses = [
      await fetch(`${base}/healthz`),
      await fetch(`${base}/readyz`),
      await fetch(`${base}/nope`),
      await fetch(`${base}/webhooks/device-status`, { method: "POST", body: "{}" }),
      await fetch(`${base}/api/messages`, { method: "POST", body: "not json", headers: { "content-type": "application/json" } }),
    ];
    for (const response of responses) {
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("x-powered-by")).toBeNull();
    }
  });

  it("is not ready once stopping", async () => {
    const other = await createTestApp({ start: false });
    const port = await other.app.start();
    await other.app.stop();
    await expect(fetch(`http://127.0.0.1:${port}/readyz`)).rejects.toThrow();
    await other.database.cleanup();
  });

  it("says only 'unreachable' when the database is down, and logs the cause", async () => {
    const other = await createTestApp({ start: false });
    const port = await other.app.start();
    // The database file is gone and a folder stands in its way: nothing can reopen it.
    await other.app.db.close();
    const file = other.database.url.replace(/^file:/, "");
    rmSync(file, { force: true });
    mkdirSync(file);
    const response = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { checks: Record<string, string> };
    expect(body).toEqual({ status: "not ready", checks: { database: "unreachable", migrations: "applied" } });
    expect(other.logs.lines.some((line) => line.msg === "readiness: database unreachable" && line.err !== undefined)).toBe(true);
    await other.app.http.close();
    rmSync(file, { recursive: true, force: true });
    await other.database.cleanup();
  });
});

describe("metrics for operators", () => {
  it("serves metrics on METRICS_PORT, bound to loopback, and not on the main port", async () => {
    const t = await createTestApp({ env: { METRICS_PORT: "0" } });
    try {
      const main = (t.app.http.server.address() as { port: number }).port;
      expect(t.app.metricsPort).toBeGreaterThan(0);
      const response = await fetch(`http://127.0.0.1:${t.app.metricsPort}/metrics`);
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).toContain("switchboard_outbox_backlog");
      expect(text).toContain("switchboard_inbound_events_total");
      expect((await fetch(`http://127.0.0.1:${main}/metrics`)).status).toBe(404);
      // Only /metrics lives there.
      expect((await fetch(`http://127.0.0.1:${t.app.metricsPort}/slack/events`, { method: "POST" })).status).toBe(404);
    } finally {
      await t.close();
    }
  });

  it("serves metrics on the main port only to a scraper with METRICS_TOKEN", async () => {
    const token = "metrics-token-for-tests-0123456789";
    const t = await createTestApp({ env: { METRICS_TOKEN: token } });
    try {
      const url = `http://127.0.0.1:${(t.app.http.server.address() as { port: number }).port}/metrics`;
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: "Bearer wrong-token-of-the-same-length-xx" } })).status).toBe(401);
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("switchboard_outbox_backlog");
    } finally {
      await t.close();
    }
  });
});
