import { hostname } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../support/app.ts";

describe("access log", () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp();
    base = `http://127.0.0.1:${(t.app.http.server.address() as { port: number }).port}`;
  });
  afterAll(() => t.close());

  const accessLines = () => t.logs.lines.filter((line) => line.msg === "request");

  it("logs one line per request with method, path, status, duration, request id, pid and host", async () => {
    const response = await fetch(`${base}/healthz?token=very-secret-value`, { headers: { "x-request-id": "lb-1234.abc" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBe("lb-1234.abc");
    await expect.poll(() => accessLines().filter((line) => line.reqId === "lb-1234.abc")).toHaveLength(1);
    const line = accessLines().find((l) => l.reqId === "lb-1234.abc")!;
    expect(line).toMatchObject({ method: "GET", path: "/healthz", status: 200, pid: process.pid, hostname: hostname() });
    expect(typeof line.ms).toBe("number");
    // The query string (where tokens travel) is never logged.
    expect(JSON.stringify(t.logs.lines)).not.toContain("very-secret-value");
  });

  it("gives a request without an id (or with an unusable one) a new id and returns it", async () => {
    const plain = await fetch(`${base}/nope`);
    const odd = await fetch(`${base}/nope`, { headers: { "x-request-id": "has spaces and {braces}" } });
    for (const response of [plain, odd]) {
      const id = response.headers.get("x-request-id");
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      await expect.poll(() => accessLines().some((line) => line.reqId === id && line.status === 404)).toBe(true);
    }
  });

  it("stamps the lines written while handling a request with that request's id", async () => {
    // A path that is not valid percent-encoding: the router refuses it with a warning.
    const response = await fetch(`${base}/webhooks/partners/%E0%A4%A`, { method: "POST", body: "{}" });
    expect(response.status).toBe(400);
    const id = response.headers.get("x-request-id");
    await expect.poll(() => t.logs.lines.filter((line) => line.reqId === id).length).toBeGreaterThanOrEqual(2);
    const handlerLine = t.logs.lines.find((line) => line.reqId === id && line.msg !== "request")!;
    expect(handlerLine.msg).toContain("not valid percent-encoding");
  });
});
