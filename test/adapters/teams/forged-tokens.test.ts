import { createHmac, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LoopbackServer } from "../../support/loopback.ts";
import { PEOPLE, personalMessage, startTeams, type TeamsHarness } from "./support.ts";

/**
 * Forged Bot Framework tokens, built here with node:crypto. The bot checks signatures against a
 * loopback OpenID metadata document (MICROSOFT_OPENID_METADATA_URL) publishing one RSA key, so
 * nothing leaves the machine: a token signed with another key is refused after the real key was
 * fetched from the loopback, and the cheaper forgeries are refused before any key is fetched.
 */
const APP_ID = "00000000-0000-0000-0000-00000000b07a";
const KID = "loopback-key-1";
const ISSUER = "https://api.botframework.com";

const published = generateKeyPairSync("rsa", { modulusLength: 2048 });
const other = generateKeyPairSync("rsa", { modulusLength: 2048 });

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const nowSeconds = () => Math.floor(Date.now() / 1000);
const claims = (overrides: Record<string, unknown> = {}) => ({
  iss: ISSUER,
  aud: APP_ID,
  serviceurl: "http://127.0.0.1:9/",
  nbf: nowSeconds() - 60,
  exp: nowSeconds() + 3600,
  ...overrides,
});

function rs256(payload: Record<string, unknown>, key: KeyObject): string {
  const input = `${part({ alg: "RS256", typ: "JWT", kid: KID })}.${part(payload)}`;
  return `${input}.${sign("sha256", Buffer.from(input), key).toString("base64url")}`;
}

const FORGERIES: [string, () => string][] = [
  ["alg none", () => `${part({ alg: "none", typ: "JWT", kid: KID })}.${part(claims())}.`],
  [
    "HS256 keyed with the published public key",
    () => {
      const input = `${part({ alg: "HS256", typ: "JWT", kid: KID })}.${part(claims())}`;
      const pem = published.publicKey.export({ type: "spki", format: "pem" });
      return `${input}.${createHmac("sha256", pem).update(input).digest("base64url")}`;
    },
  ],
  [
    "HS256 keyed with any secret",
    () => {
      const input = `${part({ alg: "HS256", typ: "JWT", kid: KID })}.${part(claims())}`;
      return `${input}.${createHmac("sha256", "guess").update(input).digest("base64url")}`;
    },
  ],
  ["an RS256 signature by another key", () => rs256(claims(), other.privateKey)],
  ["an expired token", () => rs256(claims({ nbf: nowSeconds() - 7200, exp: nowSeconds() - 3600 }), published.privateKey)],
  ["a token for another bot", () => rs256(claims({ aud: "11111111-2222-3333-4444-555555555555" }), published.privateKey)],
  ["a token without a key id", () => `${part({ alg: "RS256", typ: "JWT" })}.${part(claims())}.c2lnbmF0dXJl`],
  ["a token whose parts are not JSON", () => "bm90LWpzb24.bm90LWpzb24.c2ln"],
];

describe("Teams with an app id: forged Bot Framework tokens", () => {
  let t: TeamsHarness;
  const openId = new LoopbackServer();

  beforeAll(async () => {
    await openId.start();
    const jwk = published.publicKey.export({ format: "jwk" });
    openId.respond((request) =>
      request.path.startsWith("/keys")
        ? { body: { keys: [{ kty: "RSA", use: "sig", kid: KID, n: jwk.n, e: jwk.e, endorsements: ["msteams"] }] } }
        : { body: { issuer: ISSUER, jwks_uri: `${openId.url}/keys`, id_token_signing_alg_values_supported: ["RS256"] } },
    );
    t = await startTeams({
      MICROSOFT_APP_ID: APP_ID,
      MICROSOFT_APP_PASSWORD: "not-a-real-secret",
      MICROSOFT_APP_TYPE: "SingleTenant",
      MICROSOFT_APP_TENANT_ID: "tenant-contoso",
      MICROSOFT_OPENID_METADATA_URL: `${openId.url}/openidconfiguration`,
    });
  });
  afterAll(async () => {
    await t.close();
    await openId.stop();
  });

  it.each(FORGERIES)("answers %s with 401 and a terse body, and processes nothing", async (_name, forge) => {
    const activity = personalMessage(t.connector.url, PEOPLE.tom, "open case the bar is dead");
    const response = await t.post(activity, { authorization: `Bearer ${forge()}` });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: "unauthorized" });
    expect(await t.app.db.prisma.inboundDelivery.count({ where: { deliveryId: activity.id } })).toBe(0);
    expect(t.connector.requests).toHaveLength(0);
  });

  it("checked the wrongly signed token against the published key (fetched from the loopback, not refused blindly)", () => {
    expect(openId.requests.some((request) => request.path.startsWith("/keys"))).toBe(true);
  });

  it("records the forged tokens in the audit of refusals (5 per sender a minute, the rest summed up)", async () => {
    // Sending a reply with real credentials would need Microsoft's token service, so the entries
    // are read from the log itself; searching them in chat is covered by the Slack and shell tests.
    await t.app.services.denied.flush();
    const entries = await t.app.db.prisma.auditLog.findMany({ where: { action: "denied", platform: "teams" } });
    expect(entries.length).toBeGreaterThanOrEqual(5);
    expect(entries.every((e) => e.subjectId === "/api/messages" && /^unsigned request from /.test(e.actorLabel))).toBe(true);
  });
});
