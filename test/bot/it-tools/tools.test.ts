import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import tls from "node:tls";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboundEvent } from "../../../bot/events.ts";
import { createTestApp, type TestApp } from "../../support/app.ts";
import { press, say } from "../../support/conversation.ts";

const run = promisify(execFile);
const TLS_DIR = path.resolve("test/fixtures/tls");

/** A device-status event as the webhook adapter hands it to the bot. */
const deviceEvent = (id: string, serial: string, type: string, detail?: string): InboundEvent => ({
  kind: "webhook",
  platform: "device",
  deliveryId: id,
  receivedAt: new Date(),
  actor: null,
  conversation: { platform: "device", conversationId: "device-status" },
  source: "device-status",
  body: { id, serial, type, occurredAt: new Date().toISOString(), ...(detail ? { detail } : {}) },
});

describe("IT tools in chat: device status, network check, audit log", () => {
  let t: TestApp;
  let dir: string;
  const servers: net.Server[] = [];
  const listen = async (server: net.Server) => {
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return (server.address() as net.AddressInfo).port;
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "switchboard-netcheck-"));
    const plain = await listen(net.createServer((socket) => socket.end()));
    const cert = readFileSync(path.join(TLS_DIR, "localhost-cert.pem"), "utf8");
    const key = readFileSync(path.join(TLS_DIR, "localhost-key.pem"), "utf8");
    const secure = await listen(tls.createServer({ cert, key }, (socket) => socket.end()));
    const closed = await listen(net.createServer());
    await new Promise((resolve) => servers.pop()!.close(resolve));
    writeFileSync(
      path.join(dir, "endpoints.json"),
      JSON.stringify({
        endpoints: [
          { name: "Device cloud", host: "localhost", port: secure, tls: true, caFile: path.join(TLS_DIR, "localhost-cert.pem") },
          { name: "Intercepted", host: "127.0.0.1", port: secure, tls: true },
          { name: "Provisioning", host: "127.0.0.1", port: plain, families: ["video_bar"] },
          { name: "Headset service", host: "127.0.0.1", port: closed, families: ["headset"] },
        ],
      }),
    );
    t = await createTestApp({ env: { NETWORK_CHECK_FILE: path.join(dir, "endpoints.json") } });
  });
  afterAll(async () => {
    await t.close();
    for (const server of servers) server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("shows the admin what the devices last reported, per site", async () => {
    await t.app.bot.handle(deviceEvent("s-1", "NB7-0100234", "offline", "no heartbeat"));
    await t.app.bot.handle(deviceEvent("s-2", "NS4-5550101", "update_failed", "download interrupted"));
    await t.app.bot.handle(deviceEvent("s-3", "NB5-2231987", "online"));
    const all = await say(t, "admin", "device status");
    expect(all).toContain("Device status · all sites");
    expect(all).toContain("5 registered devices; 3 have reported a status");
    // In the admin's zone (her organization's contract zone), named.
    expect(all).toMatch(/• NB7-0100234 · Northwind Bar 70 · Lisbon office — Offline since \w{3} \d+ \w{3} \d\d:\d\d \(Europe\/Madrid\) \(no heartbeat\)/);
    expect(all).toContain("NS4-5550101 · Northwind Speak 40 · Lisbon office — Update failed");
    expect(all).not.toContain("NB5-2231987 ·");
    const madrid = await say(t, "admin", "device status Madrid");
    expect(madrid).toContain("Every device that reported is online.");
    expect(await say(t, "admin", "device status Barcelona")).toContain("I don't know the site *Barcelona*");
    expect(await say(t, "employee", "device status")).toContain("Only your organization's IT admins can do that.");
  });

  it("checks the endpoints a site's devices need: DNS, TCP, TLS with its certificate, latency", async () => {
    const reply = await say(t, "admin", "network check Madrid HQ");
    expect(reply).toContain("Network check · Madrid HQ");
    expect(reply).toMatch(/Device cloud \(localhost:\d+\): ✓ DNS \d+ ms · TCP \d+ ms · TLS TLSv1\.3 \d+ ms/);
    expect(reply).toMatch(/Intercepted \(127\.0\.0\.1:\d+\): ✗ TCP \d+ ms · TLS certificate not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
    expect(reply).toMatch(/Provisioning \(127\.0\.0\.1:\d+\): ✓ TCP \d+ ms/);
    // The headset endpoint is for headsets: Madrid has one (NHP-7781200), Lisbon has none.
    expect(reply).toMatch(/Headset service \(127\.0\.0\.1:\d+\): ✗ TCP connect failed \(ECONNREFUSED\)/);
    expect(reply).toContain("2 of 4 endpoints reachable");
    expect(reply).toContain("Checked from the Switchboard server");
    expect(reply).toMatch(/\d\d:\d\d \(Europe\/Madrid\)/);
    expect(await say(t, "admin", "network check Lisbon")).not.toContain("Headset service");
    // Said the way people say it, in either language.
    expect(await say(t, "admin", "check the network for Lisbon")).toContain("Network check · Lisbon office");
    expect(await say(t, "admin", "comprobar la red de Lisboa")).toContain("Comprobación de red · Lisbon office");
    const audit = await t.app.db.prisma.auditLog.findFirst({ where: { action: "network.checked", subjectId: "contoso-madrid" } });
    expect(audit?.actorLabel).toBe("Irene Soto (admin)");
  });

  it("finds audit entries by case, by serial, and by person over a period; each organization sees its own", async () => {
    const opened = await say(t, "employee", "open case the Bar 50 in the Madrid boardroom has no sound");
    const ref = /CS-\d{5}/.exec(opened)![0];
    await say(t, "admin", "register NB5-2231995, NB5-2231996 at Madrid");
    const byCase = await say(t, "admin", `audit ${ref}`);
    expect(byCase).toContain("Audit log (1)");
    expect(byCase).toMatch(new RegExp(`Tom Baker \\(employee\\) · shell · case.opened ${ref}`));
    expect(byCase).toContain("Times in Europe/Madrid.");
    const bySerial = await say(t, "admin", "audit NB5-2231996");
    expect(bySerial).toContain("device.registered 2 devices");
    // A creation shows what was created, not "null → …".
    expect(bySerial).not.toContain("null →");
    const byPerson = await say(t, "admin", "audit last 24h by @irene");
    expect(byPerson).toContain("Irene Soto (admin) · shell · device.registered");
    expect(byPerson).toContain("network.checked contoso-madrid");
    expect(byPerson).not.toContain("Tom Baker");
    expect(await say(t, "admin", "audit last 24h by @nobody")).toContain("I don't know anyone called *nobody*.");
    expect(await say(t, "fabrikam-admin", `audit ${ref}`)).toContain("No audit entries match.");
    expect(await say(t, "employee", `audit ${ref}`)).toContain("The audit log is for your organization's IT admins");
    const manager = await say(t, "manager", `audit ${ref}`);
    expect(manager).toContain(`case.opened ${ref}`);
    expect(manager).toContain("Times in Africa/Lagos.");
  });

  it("verifies the audit chain in chat and from the CLI, exports it, and detects an edited row", async () => {
    expect(await press(t, "admin", "portal.menu")).toContain("audit verify");
    expect(await say(t, "admin", "audit verify")).toMatch(/The audit log's chain is intact: \d+ entries checked/);
    const env = { ...process.env, DATABASE_URL: t.database.url, LOG_LEVEL: "silent" };
    const csv = await run("npx", ["tsx", "app/cli/audit.ts", "export", "--format", "csv", "--since", "24h"], { env });
    const lines = csv.stdout.trim().split("\n");
    expect(lines[0]).toBe(
      "seq,chainIndex,at,actorId,actorLabel,platform,action,subjectType,subjectId,organizationId,before,after,prevHash,hash",
    );
    expect(lines.some((line) => line.includes("device.registered"))).toBe(true);
    const json = JSON.parse(
      (await run("npx", ["tsx", "app/cli/audit.ts", "export", "--format", "json", "--org", "contoso"], { env })).stdout,
    ) as {
      entries: { action: string; organizationId: string }[];
      count: number;
    };
    expect(json.count).toBe(json.entries.length);
    expect(new Set(json.entries.map((entry) => entry.organizationId)).size).toBe(1);

    const registration = await t.app.db.prisma.auditLog.findFirstOrThrow({ where: { action: "device.registered" } });
    await t.app.db.prisma.$executeRaw`UPDATE "AuditLog" SET "actorLabel" = 'Someone Else (admin)' WHERE seq = ${registration.seq}`;
    expect(await say(t, "admin", "audit verify")).toContain(
      `⚠ The audit log has been tampered with: audit entry #${registration.chainIndex} (seq ${registration.seq}, device.registered`,
    );
    const verify = await run("npx", ["tsx", "app/cli/audit.ts", "verify"], { env }).catch(
      (error: { code: number; stdout: string }) => error,
    );
    expect(verify).toMatchObject({ code: 3 });
    expect((verify as { stdout: string }).stdout).toContain("AUDIT CHAIN BROKEN");
  });
});
