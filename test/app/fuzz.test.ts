/**
 * Malformed and forged requests, at least 10,000 per endpoint: random bytes, truncated JSON,
 * wrong types, huge fields, invalid UTF-8, bad percent-encoding in the path and the query, wrong
 * content types, and forged, stale, future or missing signatures on otherwise valid bodies. Half
 * of the malformed bodies are correctly signed, so they get past the signature checks into the
 * parsers. Afterwards the process still answers, no answer was a 5xx, the heap after garbage
 * collection has not grown beyond a bound, and nothing was stored: no case, no inbound delivery,
 * no outbox message, no device event.
 *
 * Seeded (FUZZ_SEED to try another sequence), keep-alive connections, 32 requests in flight.
 */
import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, eventually, type TestApp } from "../support/app.ts";
import { LoopbackServer } from "../support/loopback.ts";
import { FakeSlack } from "../adapters/slack/fake-slack.ts";
import { sign } from "../../adapters/webhook/signature.ts";
import { partnerFeature } from "../../bot/partners/index.ts";

const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed);
const PER_ENDPOINT = Number(process.env.FUZZ_N ?? 10_000);
const CONCURRENCY = 32;
/** Growth of the heap (after garbage collection) the whole run may leave behind. */
const HEAP_BOUND_BYTES = 64 * 1024 * 1024;

const SLACK_SECRET = "fuzz-slack-signing-secret";
const DEVICE_SECRET = "fuzz-device-secret";
const PARTNER_SECRET = "fuzz-partner-secret";

/** mulberry32: small, fast, and the same sequence for the same seed. */
class Random {
  constructor(private state: number) {}
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  bytes(length: number): Buffer {
    const out = Buffer.alloc(length);
    for (let i = 0; i < length; i += 1) out[i] = this.int(256);
    return out;
  }
}

interface FuzzRequest {
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

type Json = Record<string, unknown>;

/** Values of the wrong type for the fields they replace (all required fields are strings or objects). */
const WRONG_VALUES: unknown[] = [123, -1, 1e308, true, false, null, [], [1, "a"], { nested: { deeper: [] } }];
const now = () => Math.floor(Date.now() / 1000);

/** Sets a dotted path in a copy of the object. */
function setPath(object: Json, path: string, value: unknown, remove = false): Json {
  const copy = structuredClone(object);
  const keys = path.split(".");
  let node: Json = copy;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== "object" || node[key] === null) node[key] = {};
    node = node[key] as Json;
  }
  if (remove) delete node[keys.at(-1)!];
  else node[keys.at(-1)!] = value;
  return copy;
}

/**
 * A body that is not valid for the endpoint: every choice breaks at least one required field or
 * the encoding, so a correct signature on it must still not lead to anything being stored.
 */
function malformed(rng: Random, base: Json, required: string[]): Buffer {
  const text = JSON.stringify(base);
  switch (rng.int(8)) {
    case 0:
      return rng.bytes(rng.int(2_000));
    case 1: // truncated JSON
      return Buffer.from(text.slice(0, rng.int(text.length - 1)));
    case 2: // a required field of the wrong type
      return Buffer.from(JSON.stringify(setPath(base, rng.pick(required), rng.pick(WRONG_VALUES))));
    case 3: // a required field missing
      return Buffer.from(JSON.stringify(setPath(base, rng.pick(required), undefined, true)));
    case 4: {
      // invalid UTF-8 in place of a required field's value
      const broken = JSON.stringify(setPath(base, rng.pick(required), "@@BROKEN@@"));
      const [before, after] = broken.split('"@@BROKEN@@"');
      return Buffer.concat([Buffer.from(`${before}"`), Buffer.from([0xc3, 0x28, 0xe0, 0xa4, 0xff, 0xfe]), Buffer.from(`"${after}`)]);
    }
    case 5: // a huge field in place of a required one; now and then over the 1 MiB limit
      return Buffer.from(
        JSON.stringify(setPath(base, rng.pick(required), [rng.chance(0.1) ? "x".repeat(1_100_000) : "y".repeat(rng.int(70_000))])),
      );
    case 6: // not an object at all
      return Buffer.from(JSON.stringify(rng.pick([[base], "text", 42, null, true, [[[[[[]]]]]]])));
    default: // deeply nested garbage
      return Buffer.from(`${"[".repeat(rng.int(5_000))}${"]".repeat(rng.int(5_000))}`);
  }
}

const CONTENT_TYPES = [
  "text/plain",
  "multipart/form-data; boundary=x",
  "application/xml",
  "application/json; charset=utf-16",
  "application/x-www-form-urlencoded",
  "",
];

function slackHeaders(body: Buffer, contentType: string, options: { secret?: string; timestamp?: number } = {}): Record<string, string> {
  const timestamp = options.timestamp ?? now();
  const signature = createHmac("sha256", options.secret ?? SLACK_SECRET)
    .update(`v0:${timestamp}:`)
    .update(body)
    .digest("hex");
  return { "content-type": contentType, "x-slack-request-timestamp": String(timestamp), "x-slack-signature": `v0=${signature}` };
}

function webhookHeaders(secret: string, body: Buffer, timestamp = now()): Record<string, string> {
  return {
    "content-type": "application/json",
    "x-switchboard-timestamp": String(timestamp),
    "x-switchboard-signature": sign(secret, timestamp, body),
  };
}

/** Forged variants of a valid body's headers: another secret, stale or future, missing, garbage. */
function forgedWebhookHeaders(rng: Random, secret: string, body: Buffer): Record<string, string> {
  switch (rng.int(5)) {
    case 0:
      return webhookHeaders("not-the-secret", body);
    case 1:
      return webhookHeaders(secret, body, now() - 600 - rng.int(100_000));
    case 2:
      return webhookHeaders(secret, body, now() + 600 + rng.int(100_000));
    case 3:
      return { "content-type": "application/json" };
    default:
      return {
        "content-type": "application/json",
        "x-switchboard-timestamp": rng.pick(["abc", "-1", "1e9", "0x10", " ", String(now()) + "0"]),
        "x-switchboard-signature": rng.pick(["v1=", "v1=zz", "v0=abc", "x".repeat(500), sign(secret, now(), "another body")]),
      };
  }
}

const BAD_QUERIES = ["", "", "", "?%E0%A4%A", "?a=%", "?%%%", "?x=%C0%80", `?${"a=1&".repeat(500)}`];

// ── The endpoints' generators ────────────────────────────────────────────────────────────────

const slackEnvelope = (rng: Random): Json => ({
  token: "legacy",
  team_id: "T0ACME",
  api_app_id: "A0SWITCH",
  type: "event_callback",
  event_id: `EvFUZZ${rng.int(1e9)}`,
  event_time: now(),
  event: {
    type: "message",
    user: "U0ANA",
    text: "open case the projector is broken",
    ts: `1700000000.${rng.int(1e6)}`,
    channel: "D0ANA",
    channel_type: "im",
  },
});

function slackRequest(rng: Random): FuzzRequest {
  const path = `/slack/events${rng.pick(BAD_QUERIES)}`;
  const valid = Buffer.from(JSON.stringify(slackEnvelope(rng)));
  const roll = rng.int(10);
  if (roll === 0) {
    // A valid event, forged: wrong secret, stale, future, missing or garbage signature headers.
    const forged = rng.pick([
      () => slackHeaders(valid, "application/json", { secret: "not-the-secret" }),
      () => slackHeaders(valid, "application/json", { timestamp: now() - 600 - rng.int(100_000) }),
      () => slackHeaders(valid, "application/json", { timestamp: now() + 600 + rng.int(100_000) }),
      () => ({ "content-type": "application/json" }),
      () => ({ ...slackHeaders(valid, "application/json"), "x-slack-request-timestamp": rng.pick(["abc", "", "1e9", "-5"]) }),
      () => ({ ...slackHeaders(valid, "application/json"), "x-slack-signature": rng.pick(["v0=", "v1=abc", "x".repeat(300)]) }),
    ])();
    return { path, headers: forged, body: valid };
  }
  if (roll === 1) {
    // Interactivity and slash commands: form bodies whose payload is broken.
    const payload = rng.pick([
      "payload=%7B%22type%22%3A",
      `payload=${encodeURIComponent(JSON.stringify({ type: "block_actions", user: 5, actions: "x" }))}`,
      `payload=${encodeURIComponent(JSON.stringify({ type: "view_submission", user: { id: "U0ANA" }, view: null }))}`,
      "payload=%E0%A4%A",
      "command=&text=%",
      `payload=${"%".repeat(rng.int(1_000))}`,
      rng.bytes(rng.int(500)).toString("latin1"),
    ]);
    const body = Buffer.from(payload, "latin1");
    return { path, headers: slackHeaders(body, "application/x-www-form-urlencoded"), body };
  }
  const body = malformed(rng, slackEnvelope(rng), ["event", "event.type", "event.user", "event.channel", "event.ts"]);
  const contentType = rng.chance(0.8) ? "application/json" : rng.pick(CONTENT_TYPES);
  // Half are signed, so the body parser and the routing see them.
  return { path, headers: rng.chance(0.5) ? slackHeaders(body, contentType) : { "content-type": contentType }, body };
}

const activity = (rng: Random): Json => ({
  type: "message",
  id: `fuzz-${rng.int(1e9)}`,
  channelId: "msteams",
  serviceUrl: "http://127.0.0.1:9/",
  conversation: { id: "a:fuzz-conversation", conversationType: "personal", tenantId: "tenant-fuzz" },
  from: { id: "29:fuzz-user", name: "Fuzz" },
  recipient: { id: "28:bot", name: "Switchboard" },
  text: "open case the projector is broken",
});

function teamsRequest(rng: Random): FuzzRequest {
  const path = `/api/messages${rng.pick(BAD_QUERIES)}`;
  const headers: Record<string, string> = { "content-type": rng.chance(0.8) ? "application/json" : rng.pick(CONTENT_TYPES) };
  if (rng.chance(0.1))
    headers[rng.pick(["x-forwarded-for", "forwarded", "authorization"])] = rng.pick(["10.0.0.1", "for=1.2.3.4", "Bearer a.b.c", "Basic x"]);
  const body = malformed(rng, activity(rng), ["type", "channelId", "serviceUrl", "conversation", "conversation.id"]);
  return { path, headers, body };
}

const deviceEvent = (rng: Random): Json => ({
  id: `dev-fuzz-${rng.int(1e9)}`,
  type: "offline",
  serial: "NC4-5000001",
  occurredAt: new Date().toISOString(),
});

function deviceRequest(rng: Random): FuzzRequest {
  const path = `/webhooks/device-status${rng.pick(BAD_QUERIES)}`;
  if (rng.chance(0.1)) {
    const valid = Buffer.from(JSON.stringify(deviceEvent(rng)));
    return { path, headers: forgedWebhookHeaders(rng, DEVICE_SECRET, valid), body: valid };
  }
  const base = rng.chance(0.2) ? { events: [deviceEvent(rng)] } : deviceEvent(rng);
  const body = rng.chance(0.03)
    ? Buffer.from(JSON.stringify({ events: Array.from({ length: 1_001 }, () => ({ id: 1 })) }))
    : malformed(rng, base, "events" in base ? ["events"] : ["id", "type", "serial", "occurredAt"]);
  return { path, headers: rng.chance(0.5) ? webhookHeaders(DEVICE_SECRET, body) : { "content-type": rng.pick(CONTENT_TYPES) }, body };
}

const partnerEvent = (rng: Random): Json => ({
  id: `evt-fuzz-${rng.int(1e9)}`,
  type: "comment.created",
  ticket: "MS-1",
  comment: { id: `c-${rng.int(1e9)}`, author: { name: "Sam Patel" }, body: "We are looking into it" },
});

const PARTNER_PATHS = [
  "microsoft",
  "microsoft",
  "microsoft",
  "%E0%A4%A",
  "%",
  "%ZZ",
  "%C0%80",
  "%2e%2e",
  "MICROSOFT",
  "unknown-partner",
  "a".repeat(2_000),
  "%F0%9F%98%80",
];

function partnerRequest(rng: Random): FuzzRequest {
  const path = `/webhooks/partners/${rng.pick(PARTNER_PATHS)}${rng.pick(BAD_QUERIES)}`;
  if (rng.chance(0.1)) {
    const valid = Buffer.from(JSON.stringify(partnerEvent(rng)));
    return { path, headers: forgedWebhookHeaders(rng, PARTNER_SECRET, valid), body: valid };
  }
  const base = rng.chance(0.2) ? { events: [partnerEvent(rng)] } : partnerEvent(rng);
  const body = malformed(rng, base, "events" in base ? ["events"] : ["id", "type", "ticket", "comment"]);
  return { path, headers: rng.chance(0.5) ? webhookHeaders(PARTNER_SECRET, body) : { "content-type": rng.pick(CONTENT_TYPES) }, body };
}

// ── Sending ─────────────────────────────────────────────────────────────────────────────────

interface Tally {
  sent: number;
  statuses: Map<number, number>;
  /** Connections the server closed without an answer (allowed only for bodies it cut off). */
  closed: number;
}

function send(agent: http.Agent, port: number, request: FuzzRequest): Promise<number> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { ...request.headers, "content-length": String(request.body.length) };
    if (headers["content-type"] === "") delete headers["content-type"];
    const req = http.request({ host: "127.0.0.1", port, path: request.path, method: "POST", agent, headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", () => resolve(-1));
    });
    req.on("error", () => resolve(-1));
    req.end(request.body);
  });
}

async function run(port: number, generate: (rng: Random) => FuzzRequest, seed: number): Promise<Tally> {
  const rng = new Random(seed);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const tally: Tally = { sent: 0, statuses: new Map(), closed: 0 };
  const worker = async () => {
    while (tally.sent < PER_ENDPOINT) {
      tally.sent += 1;
      const status = await send(agent, port, generate(rng));
      if (status < 0) tally.closed += 1;
      else tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  agent.destroy();
  return tally;
}

// ── The test ────────────────────────────────────────────────────────────────────────────────

v8.setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const heapAfterGc = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

describe("malformed and forged requests to every endpoint", () => {
  let t: TestApp;
  let slack: FakeSlack;
  let partnerSystem: LoopbackServer;
  let port: number;

  beforeAll(async () => {
    slack = await new FakeSlack().start();
    partnerSystem = await new LoopbackServer().start();
    t = await createTestApp({
      env: {
        SLACK_BOT_TOKEN: "xoxb-fuzz",
        SLACK_SIGNING_SECRET: SLACK_SECRET,
        SLACK_API_URL: slack.apiUrl,
        DEVICE_WEBHOOK_SECRET: DEVICE_SECRET,
        PARTNER_WEBHOOK_SECRET: PARTNER_SECRET,
        LOG_LEVEL: "error",
      },
    });
    const manager = (await t.app.services.people.resolve({ platform: "shell", externalId: "manager" }))!;
    await t.app.services.features
      .require(partnerFeature)
      .registry.connect(manager, "microsoft", { connector: "webhook", endpointUrl: partnerSystem.url }, { platform: "shell" });
    port = (t.app.http.server.address() as AddressInfo).port;
    // Slack takes requests once its Web API answered auth.test.
    await eventually(async () => {
      const status = await send(new http.Agent(), port, {
        path: "/slack/events",
        headers: slackHeaders(Buffer.from("{}"), "application/json"),
        body: Buffer.from("{}"),
      });
      expect(status).not.toBe(503);
    });
  });
  afterAll(async () => {
    await t?.close();
    await slack?.stop();
    await partnerSystem?.stop();
  });

  const stored = async () => ({
    cases: await t.app.db.prisma.case.count(),
    deliveries: await t.app.db.prisma.inboundDelivery.count(),
    outbox: await t.app.db.prisma.outbox.count(),
    deviceEvents: await t.app.db.prisma.deviceEvent.count(),
  });

  it(`stays up, answers every one without a server error, stays within memory and stores nothing (${PER_ENDPOINT} requests per endpoint)`, async () => {
    const before = await stored();
    const heapBefore = heapAfterGc();
    const endpoints: [string, (rng: Random) => FuzzRequest][] = [
      ["/slack/events", slackRequest],
      ["/api/messages", teamsRequest],
      ["/webhooks/device-status", deviceRequest],
      ["/webhooks/partners/:partner", partnerRequest],
    ];
    const summary: Record<string, { sent: number; closed: number; statuses: Record<string, number> }> = {};
    for (const [i, [name, generate]] of endpoints.entries()) {
      const tally = await run(port, generate, SEED + i);
      summary[name] = { sent: tally.sent, closed: tally.closed, statuses: Object.fromEntries(tally.statuses) };
      // The server's error lines name what failed; the rest of the log is the test's memory, not the server's.
      const errors = t.logs.lines
        .filter((line) => Number(line.level) >= 50)
        .map((line) => `${String(line.msg)}: ${JSON.stringify(line.err)}`);
      t.logs.lines.length = 0;
      expect(errors.slice(0, 3), name).toEqual([]);
      expect(tally.sent).toBeGreaterThanOrEqual(PER_ENDPOINT);
      // Every request was answered, and none with a server error.
      expect(tally.closed, `${name}: ${JSON.stringify(summary[name])}`).toBe(0);
      expect(
        [...tally.statuses.keys()].filter((status) => status >= 500),
        `${name}: ${JSON.stringify(summary[name])}`,
      ).toEqual([]);
    }
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect(await stored()).toEqual(before);
    const growth = heapAfterGc() - heapBefore;
    expect(growth, `heap grew by ${(growth / 1024 / 1024).toFixed(1)} MiB; ${JSON.stringify(summary)}`).toBeLessThan(HEAP_BOUND_BYTES);
  }, 240_000);
});
