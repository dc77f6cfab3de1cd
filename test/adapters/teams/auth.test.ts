import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isLoopbackAddress } from "../../../adapters/teams/endpoint.ts";
import { eventually } from "../../support/app.ts";
import { PEOPLE, personalMessage, startTeams, type TeamsHarness } from "./support.ts";

/**
 * With an app id configured, Bot Framework tokens are required. These requests are refused before
 * the adapter would fetch Microsoft's signing keys, so nothing leaves the machine; the recorder
 * proves the bot sent nothing either.
 */
describe("Teams authentication with an app id configured", () => {
  let t: TeamsHarness;
  beforeAll(async () => {
    t = await startTeams({
      MICROSOFT_APP_ID: "00000000-0000-0000-0000-00000000b07a",
      MICROSOFT_APP_PASSWORD: "not-a-real-secret",
      MICROSOFT_APP_TYPE: "SingleTenant",
      MICROSOFT_APP_TENANT_ID: "tenant-contoso",
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it("refuses an unsigned request with 401 and processes nothing", async () => {
    const activity = personalMessage(t.connector.url, PEOPLE.tom, "open case the bar is dead");
    const response = await t.post(activity);
    expect(response.status).toBe(401);
    expect(await t.app.db.prisma.inboundDelivery.count({ where: { deliveryId: activity.id } })).toBe(0);
    expect(t.connector.requests).toHaveLength(0);
    expect(t.logs.lines.some((line) => String(line.msg).includes("without a valid Bot Framework token"))).toBe(true);
  });

  it("refuses a bearer value that is not a token with 401", async () => {
    const response = await t.post(personalMessage(t.connector.url, PEOPLE.tom, "hello"), { authorization: "Bearer not-a-token" });
    expect(response.status).toBe(401);
    expect(t.connector.requests).toHaveLength(0);
  });

  it("does not warn that authentication is off", () => {
    expect(t.logs.lines.some((line) => String(line.msg).includes("authentication is off"))).toBe(false);
  });
});

/**
 * Without an app id nothing is signed, so only this machine may speak (the Emulator's way). A
 * request relayed by a proxy or tunnel carries a forwarding header and is refused: otherwise
 * anyone reaching the tunnel could write as any person, admins included.
 */
describe("Teams without an app id (authentication off)", () => {
  let t: TeamsHarness;
  beforeAll(async () => {
    t = await startTeams();
  });
  afterAll(async () => {
    await t.close();
  });

  it("answers a request made on this machine", async () => {
    const response = await t.post(personalMessage(t.connector.url, PEOPLE.tom, "hello"));
    expect(response.status).toBe(200);
    await eventually(() => expect(t.connector.requests.length).toBeGreaterThan(0));
  });

  it.each([
    ["x-forwarded-for", "203.0.113.7"],
    ["forwarded", "for=203.0.113.7;proto=https"],
    ["x-real-ip", "203.0.113.7"],
    ["x-forwarded-host", "switchboard.example"],
    ["x-client-ip", "203.0.113.7"],
    ["true-client-ip", "203.0.113.7"],
    ["cf-connecting-ip", "203.0.113.7"],
    ["via", "1.1 tunnel"],
  ])("refuses a request relayed with %s and processes nothing", async (header, value) => {
    const before = t.connector.requests.length;
    const activity = personalMessage(t.connector.url, PEOPLE.tom, "open case the bar is dead");
    const response = await t.post(activity, { [header]: value });
    expect(response.status).toBe(401);
    expect(await t.app.db.prisma.inboundDelivery.count({ where: { deliveryId: activity.id } })).toBe(0);
    expect(t.connector.requests.length).toBe(before);
    expect(t.logs.lines.some((line) => String(line.msg).includes("from another machine while authentication is off"))).toBe(true);
  });

  it("says at start-up, as a warning, that unauthenticated local Teams mode is on", () => {
    const line = t.logs.lines.find((l) => String(l.msg).includes("Unauthenticated local Teams mode is on"));
    expect(line?.level).toBe(40);
  });

  it("refuses a browser's cross-site text/plain POST (no preflight needed) and processes nothing", async () => {
    const before = t.connector.requests.length;
    const activity = personalMessage(t.connector.url, PEOPLE.tom, "open case the bar is dead");
    const response = await t.post(activity, {
      "content-type": "text/plain;charset=UTF-8",
      origin: "http://127.0.0.1:8080",
      "sec-fetch-site": "cross-site",
      "sec-fetch-mode": "no-cors",
    });
    expect(response.status).toBe(401);
    expect(await t.app.db.prisma.inboundDelivery.count({ where: { deliveryId: activity.id } })).toBe(0);
    expect(t.connector.requests.length).toBe(before);
  });

  it.each([["text/plain"], ["application/x-www-form-urlencoded"], ["multipart/form-data; boundary=x"]])(
    "refuses an activity sent as %s with 415 and processes nothing",
    async (contentType) => {
      const before = t.connector.requests.length;
      const activity = personalMessage(t.connector.url, PEOPLE.tom, "open case the bar is dead");
      const response = await t.post(activity, { "content-type": contentType });
      expect(response.status).toBe(415);
      expect(await t.app.db.prisma.inboundDelivery.count({ where: { deliveryId: activity.id } })).toBe(0);
      expect(t.connector.requests.length).toBe(before);
    },
  );

  it("tells loopback peers from others", () => {
    for (const local of ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"]) expect(isLoopbackAddress(local), local).toBe(true);
    for (const remote of ["10.0.0.5", "192.168.1.20", "::ffff:10.0.0.5", "fe80::1", "1127.0.0.1", undefined])
      expect(isLoopbackAddress(remote), String(remote)).toBe(false);
  });
});
