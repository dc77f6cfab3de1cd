/**
 * What no request may do to the server: end the process with a path that does not decode, get a
 * reset instead of an answer for a body over the limit, or hold a connection open by sending its
 * headers a byte at a time.
 */
import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sign } from "../../../adapters/webhook/signature.ts";
import { createTestApp, type TestApp } from "../../support/app.ts";

const SECRET = "device-secret-for-tests";

/** A POST through node:http (no fetch niceties); resolves with the status and body, or the socket error. */
function rawPost(port: number, path: string, body: Buffer, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string } | { error: string }>((resolve) => {
    const req = http.request(
      { host: "127.0.0.1", port, path, method: "POST", headers: { "content-type": "application/json", ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    req.end(body);
  });
}

describe("requests that must not hurt the server", () => {
  let t: TestApp;
  let port: number;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp({
      env: { DEVICE_WEBHOOK_SECRET: SECRET, PARTNER_WEBHOOK_SECRET: "partner-secret" },
      // Small limits so the test sees them act; the defaults are seconds (adapters/http/server.ts).
      app: { http: { headersTimeoutMs: 1_000, requestTimeoutMs: 2_000, checkIntervalMs: 100 } },
    });
    port = (t.app.http.server.address() as net.AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(() => t.close());

  it("answers a path that is not valid percent-encoding with 400 and keeps serving", async () => {
    for (const path of ["/webhooks/partners/%E0%A4%A", "/webhooks/partners/%", "/webhooks/partners/%ZZ", "/webhooks/partners/%C0%80"]) {
      const response = await fetch(`${base}${path}`, { method: "POST", body: "{}" });
      expect(response.status, path).toBe(400);
      expect(await response.json()).toEqual({ error: "malformed path" });
    }
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it("answers a webhook body over the limit with a 413 the sender receives, then serves the next request", async () => {
    const body = Buffer.alloc(2 * 1_048_576, "a");
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = { "x-switchboard-timestamp": String(timestamp), "x-switchboard-signature": sign(SECRET, timestamp, body) };
    const viaFetch = await fetch(`${base}/webhooks/device-status`, { method: "POST", body, headers });
    expect(viaFetch.status).toBe(413);
    expect(await viaFetch.json()).toEqual({ error: "body too large" });
    const viaHttp = await rawPost(port, "/webhooks/device-status", body, headers);
    expect(viaHttp).toEqual({ status: 413, body: JSON.stringify({ error: "body too large" }) });
    const partner = await rawPost(port, "/webhooks/partners/microsoft", body, headers);
    expect(partner).toMatchObject({ status: 413 });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await t.app.db.prisma.inboundDelivery.count()).toBe(0);
  });

  it("refuses a signed webhook body that is not valid UTF-8 with 400 and stores nothing", async () => {
    const event = Buffer.from(JSON.stringify({ id: "dev-utf8", type: "offline", serial: "@@", occurredAt: new Date().toISOString() }));
    const at = event.indexOf("@@");
    const body = Buffer.concat([event.subarray(0, at), Buffer.from([0xc3, 0x28, 0xff]), event.subarray(at + 2)]);
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await rawPost(port, "/webhooks/device-status", body, {
      "x-switchboard-timestamp": String(timestamp),
      "x-switchboard-signature": sign(SECRET, timestamp, body),
    });
    expect(response).toMatchObject({ status: 400 });
    expect(await t.app.db.prisma.inboundDelivery.count()).toBe(0);
  });

  it("closes a connection that sends its headers too slowly", async () => {
    const socket = net.connect(port, "127.0.0.1");
    let received = "";
    socket.on("data", (chunk: Buffer) => (received += chunk.toString()));
    const closed = new Promise<number>((resolve) => socket.on("close", () => resolve(Date.now())));
    socket.on("error", () => undefined);
    const started = Date.now();
    socket.write("POST /webhooks/device-status HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    // One header line every 200 ms, forever: the headers never end.
    let n = 0;
    const drip = setInterval(() => {
      if (!socket.destroyed) socket.write(`X-Slow-${(n += 1)}: ${"x".repeat(10)}\r\n`);
    }, 200);
    try {
      const at = await Promise.race([closed, new Promise<number>((resolve) => setTimeout(() => resolve(-1), 15_000))]);
      expect(at, "the server never closed the slow connection").toBeGreaterThan(0);
      // Closed once the headers timeout passed, not at once and not much later.
      expect(at - started).toBeGreaterThanOrEqual(900);
      expect(at - started).toBeLessThan(10_000);
      expect(received === "" || received.startsWith("HTTP/1.1 408")).toBe(true);
    } finally {
      clearInterval(drip);
      socket.destroy();
    }
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it("closes a connection that sends its body too slowly", async () => {
    const socket = net.connect(port, "127.0.0.1");
    const closed = new Promise<number>((resolve) => socket.on("close", () => resolve(Date.now())));
    socket.on("error", () => undefined);
    const started = Date.now();
    socket.write(
      "POST /webhooks/device-status HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n",
    );
    const drip = setInterval(() => {
      if (!socket.destroyed) socket.write("a");
    }, 100);
    try {
      const at = await Promise.race([closed, new Promise<number>((resolve) => setTimeout(() => resolve(-1), 15_000))]);
      expect(at, "the server never closed the slow connection").toBeGreaterThan(0);
      expect(at - started).toBeLessThan(10_000);
    } finally {
      clearInterval(drip);
      socket.destroy();
    }
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
