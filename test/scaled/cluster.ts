/**
 * A scaled-mode cluster for tests: replicas of the real app as child processes
 * (`node --import tsx app/main.ts --no-shell`) on one fresh PostgreSQL schema and one Redis
 * channel prefix, with the Slack Web API and the Bot Connector played by loopback recorders in
 * the test process. Every child is killed when the test process ends, whatever happened.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { importData, parseImportFile } from "../../bot/people/importer.ts";
import { loadCatalog, DEMO_CATALOG_FILE } from "../../core/catalog.ts";
import { syncCatalog } from "../../bot/people/importer.ts";
import { createTestDatabase, isPostgresAvailable, POSTGRES_TEST_URL, type TestDatabase } from "../support/database.ts";

export const METRICS_TEST_TOKEN = "scaled-metrics-token-0123456789";
export const REDIS_TEST_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export const SIGNING_SECRET = "scaled-signing-secret";
export const SLACK_TEAM = "T0SCALE";
export const TENANT = "tenant-scale";
export const BOT_USER = "UBOTSCALE";
export const TEAMS_BOT = { id: "28:switchboard-bot", name: "Switchboard" };
export const SLACK_PEOPLE = ["U0ANA", "U0BEA", "U0CAL"] as const;
export const TEAMS_PEOPLE = [
  { aad: "aad-dora", name: "Dora Díaz" },
  { aad: "aad-eli", name: "Eli Evans" },
] as const;
export const SLACK_ENGINEERS = "C0ENG";
export const SLACK_MANAGERS = "C0MGR";
export const TEAMS_ENGINEERS = "19:engineers@thread.tacv2";
export const SUPPORT_CHANNEL = "C0SUPPORT";

/** True when PostgreSQL and Redis both answer; the reason otherwise. */
export async function scaledServices(): Promise<{ ok: true } | { ok: false; reason: string }> {
  if (!(await isPostgresAvailable())) return { ok: false, reason: `PostgreSQL is not reachable at ${POSTGRES_TEST_URL}` };
  const redis = new Redis(REDIS_TEST_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2_000 });
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `Redis is not reachable at ${REDIS_TEST_URL} (${(error as Error).message})` };
  } finally {
    redis.disconnect();
  }
}

/** The organization, people and channels of the cluster tests (Slack and Teams on one contract). */
export function fixture(connectorUrl: string) {
  return {
    version: 1,
    vendor: {
      people: [{ key: "eng-lee", name: "Lee Chen", email: "lee@vendor.test", role: "engineer", identities: { slack: "U0LEE" } }],
      channels: [
        { purpose: "engineers", platform: "slack", conversationId: SLACK_ENGINEERS },
        { purpose: "engineers", platform: "teams", conversationId: TEAMS_ENGINEERS, extra: { serviceUrl: connectorUrl } },
        { purpose: "managers", platform: "slack", conversationId: SLACK_MANAGERS },
      ],
    },
    organizations: [
      {
        key: "scale",
        name: "Scale Corp",
        slackTeamId: SLACK_TEAM,
        teamsTenantId: TENANT,
        contracts: [
          {
            key: "scale-premium",
            plan: "premium",
            coverage: "24x7",
            timeZone: "UTC",
            holidayCountry: "ES",
            startsOn: "2020-01-01",
            endsOn: "2099-12-31",
          },
        ],
        people: [
          ...SLACK_PEOPLE.map((id, i) => ({
            key: `slack-${i}`,
            name: `Slack Person ${i}`,
            email: `slack${i}@scale.test`,
            role: "employee",
            identities: { slack: id },
          })),
          ...TEAMS_PEOPLE.map((p, i) => ({
            key: `teams-${i}`,
            name: p.name,
            email: `teams${i}@scale.test`,
            role: "employee",
            identities: { teams: p.aad },
          })),
        ],
      },
    ],
  };
}

/**
 * Escalation clocks short enough to run inside a test: every severity pings the engineers every
 * 2 s, breaches its first response after 4 s and is raised to the managers after 5 s, after
 * which nothing is due for an hour — so every case's notifications come to an end.
 */
export const QUICK_POLICY = { firstResponse: "4s", nextUpdate: "1h", resolution: "1h", repeatMs: 2_000 };
const policyFile = () => {
  const entry = {
    firstResponse: QUICK_POLICY.firstResponse,
    nextUpdate: QUICK_POLICY.nextUpdate,
    resolution: QUICK_POLICY.resolution,
    pauseWhenWaiting: true,
    levels: [
      { audience: "engineers", after: "0s", repeat: "2s" },
      { audience: "managers", after: "5s", repeat: "1h" },
    ],
  };
  return { sev1: entry, sev2: entry, sev3: entry, sev4: entry };
};

export interface Cluster {
  database: TestDatabase;
  redisPrefix: string;
  dir: string;
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/** A migrated schema with the fixture, a Redis prefix of its own and the replicas' environment. */
export async function prepareCluster(slackApiUrl: string, connectorUrl: string): Promise<Cluster> {
  const database = await createTestDatabase("postgresql");
  const catalog = loadCatalog(DEMO_CATALOG_FILE);
  await syncCatalog(database.db, catalog);
  await importData(database.db, catalog, parseImportFile(JSON.stringify(fixture(connectorUrl))));
  await database.db.close();
  const dir = mkdtempSync(path.join(tmpdir(), "switchboard-scaled-"));
  const policies = path.join(dir, "policies.json");
  writeFileSync(policies, JSON.stringify(policyFile()));
  const redisPrefix = `switchboard-test-${randomBytes(4).toString("hex")}:`;
  return {
    database,
    redisPrefix,
    dir,
    env: {
      DATABASE_URL: database.url,
      REDIS_URL: REDIS_TEST_URL,
      REDIS_PREFIX: redisPrefix,
      SEED_DEMO_DATA: "false",
      SLACK_BOT_TOKEN: "xoxb-scaled",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slackApiUrl,
      ESCALATION_POLICIES_FILE: policies,
      // Prometheus scrapes each replica's main port with this bearer token.
      METRICS_TOKEN: METRICS_TEST_TOKEN,
      // Short leases and sweeps, so a killed replica's work moves on within the test.
      INBOUND_LEASE_SECONDS: "4",
      OUTBOX_LEASE_SECONDS: "3",
      RESUME_INTERVAL_SECONDS: "1",
    },
    async cleanup() {
      await database.cleanup().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const children = new Set<ChildProcess>();
// Whatever happens to the test, no replica outlives it.
process.once("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

/** One replica: a child process running the real app. */
export class Replica {
  child: ChildProcess | undefined;
  /** The last lines it logged (JSON), for failure messages and checks. */
  readonly lines: string[] = [];
  exitCode: number | null = null;
  exitSignal: NodeJS.Signals | null = null;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get alive(): boolean {
    return this.child !== undefined && this.exitCode === null && this.exitSignal === null;
  }

  /** Starts the process and waits until /readyz answers 200. */
  async start(timeoutMs = 60_000): Promise<void> {
    this.exitCode = null;
    this.exitSignal = null;
    const child = spawn(process.execPath, ["--import", "tsx", "app/main.ts", "--no-shell"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(this.port), HOST: "127.0.0.1", LOG_LEVEL: "info", ...this.env },
    });
    this.child = child;
    children.add(child);
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) if (line.trim()) this.lines.push(line);
      if (this.lines.length > 5_000) this.lines.splice(0, this.lines.length - 5_000);
    };
    child.stdout!.on("data", keep);
    child.stderr!.on("data", keep);
    this.exited = new Promise((resolve) =>
      child.once("exit", (code, signal) => {
        this.exitCode = code;
        this.exitSignal = signal;
        children.delete(child);
        resolve();
      }),
    );
    const started = Date.now();
    for (;;) {
      if (!this.alive) throw new Error(`${this.name} exited (${this.exitCode ?? this.exitSignal}) before it was ready:\n${this.tail()}`);
      const ready = await fetch(`${this.url}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) return;
      if (Date.now() - started > timeoutMs) throw new Error(`${this.name} was not ready after ${timeoutMs} ms:\n${this.tail()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** SIGKILL: no shutdown code runs. */
  async kill(): Promise<void> {
    this.child?.kill("SIGKILL");
    await this.exited;
  }

  /** SIGTERM, and waits for the exit (bounded; SIGKILL after `timeoutMs`). */
  async stop(timeoutMs = 20_000): Promise<void> {
    if (!this.alive) return;
    this.child!.kill("SIGTERM");
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.exited, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
    if (this.alive) await this.kill();
  }

  tail(n = 30): string {
    return this.lines.slice(-n).join("\n");
  }

  /** Log lines (parsed JSON) whose message matches. */
  logged(msg: RegExp): Record<string, unknown>[] {
    return this.lines
      .map((line) => {
        try {
          return JSON.parse(line) as Record<string, unknown>;
        } catch {
          return undefined;
        }
      })
      .filter((entry): entry is Record<string, unknown> => entry !== undefined && msg.test(String(entry.msg ?? "")));
  }
}

/**
 * A loopback proxy in front of a recorder that can hold its answers back: the recorder has the
 * request (the message is shown) while the sender still waits — the moment a crash leaves a
 * message sent but not recorded as sent.
 */
export class SlowProxy {
  delayMs = 0;
  url = "";
  private readonly server: http.Server;

  constructor(private readonly target: string) {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const headers = { ...req.headers };
        delete headers.host;
        const forward = http.request(`${this.target}${req.url ?? "/"}`, { method: req.method, headers }, (answer) => {
          const body: Buffer[] = [];
          answer.on("data", (chunk: Buffer) => body.push(chunk));
          answer.on("end", () =>
            setTimeout(() => {
              res.writeHead(answer.statusCode ?? 502, answer.headers);
              res.end(Buffer.concat(body));
            }, this.delayMs),
          );
        });
        forward.on("error", () => res.destroy());
        forward.end(Buffer.concat(chunks));
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** POSTs a Slack event signed as Slack signs it; resolves to the status, or 0 when the connection failed. */
export async function postSlackEvent(url: string, envelope: Record<string, unknown>, retryNum = 0): Promise<number> {
  const body = JSON.stringify(envelope);
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac("sha256", SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": signature,
  };
  if (retryNum > 0) Object.assign(headers, { "x-slack-retry-num": String(retryNum), "x-slack-retry-reason": "http_timeout" });
  return fetch(`${url}/slack/events`, { method: "POST", body, headers, signal: AbortSignal.timeout(10_000) }).then(
    async (response) => {
      await response.arrayBuffer();
      return response.status;
    },
    () => 0,
  );
}

/** POSTs a Bot Framework activity (auth off, as the Emulator does); 0 when the connection failed. */
export async function postActivity(url: string, activity: Record<string, unknown>): Promise<number> {
  return fetch(`${url}/api/messages`, {
    method: "POST",
    body: JSON.stringify(activity),
    headers: { "content-type": "application/json" },
    signal: AbortSignal.timeout(15_000),
  }).then(
    async (response) => {
      await response.arrayBuffer();
      return response.status;
    },
    () => 0,
  );
}

/** A Slack `app_mention` event envelope. */
export function slackMention(eventId: string, user: string, text: string, ts: string): Record<string, unknown> {
  return {
    token: "legacy",
    team_id: SLACK_TEAM,
    api_app_id: "A0SCALE",
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: SLACK_TEAM, user_id: BOT_USER, is_bot: true, is_enterprise_install: false }],
    event: { type: "app_mention", user, text: `<@${BOT_USER}> ${text}`, ts, channel: SUPPORT_CHANNEL, event_ts: ts, team: SLACK_TEAM },
  };
}

/** A Teams message in a person's personal chat with the bot. */
export function teamsMessage(serviceUrl: string, id: string, person: (typeof TEAMS_PEOPLE)[number], text: string): Record<string, unknown> {
  return {
    type: "message",
    id,
    channelId: "msteams",
    serviceUrl,
    timestamp: new Date().toISOString(),
    recipient: TEAMS_BOT,
    locale: "en-US",
    from: { id: `29:${person.aad}`, name: person.name, aadObjectId: person.aad },
    conversation: { id: `a:personal-${person.aad}`, conversationType: "personal", tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    text,
  };
}

/** The bot being added to a Teams channel: its conversation reference is stored for later posts. */
export function teamsChannelInstall(serviceUrl: string, channel: string): Record<string, unknown> {
  return {
    type: "conversationUpdate",
    id: `install-${channel}`,
    channelId: "msteams",
    serviceUrl,
    timestamp: new Date().toISOString(),
    recipient: TEAMS_BOT,
    from: { id: "29:aad-admin", name: "Teams Admin", aadObjectId: "aad-admin" },
    conversation: { id: channel, conversationType: "channel", isGroup: true, tenantId: TENANT },
    membersAdded: [{ id: TEAMS_BOT.id }],
    channelData: { tenant: { id: TENANT }, team: { id: "19:team@thread.tacv2" }, channel: { id: channel }, eventType: "teamMemberAdded" },
  };
}
