/**
 * The scaled mode end to end: signed Slack `app_mention` events (half open a case, half ask
 * something) POSTed by autocannon to Switchboard replicas running as their own `node`
 * processes, with the Web API played by a loopback sink in this process. The same load, split
 * evenly between the replicas as a load balancer would, runs on: embedded SQLite (one process),
 * PostgreSQL + Redis with one and with two replicas, and two replicas on PostgreSQL without Redis
 * (wake-ups left to the 1 s poll). Two phases: throughput, closed loop on 16 connections (one
 * request in flight each); and latency at a bounded 40 events/s, below every setup's capacity —
 * reply latency (event sent → the reply in its thread) and notice latency (event sent → the new
 * case's card in the engineers' channel, one thread shared by every replica). Also: CPU of the
 * replicas and of PostgreSQL + Redis per 1,000 events, and that every event got one reply.
 *
 * Machines here have 2 cores shared by everything in this table (replicas, PostgreSQL, Redis,
 * autocannon, the sink): compare the rows of one run with each other, not with another machine.
 */
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import http from "node:http";
import pg from "pg";
import { Redis } from "ioredis";
import { DEMO_CATALOG_FILE, loadCatalog } from "../core/catalog.ts";
import { importData, parseImportFile, syncCatalog } from "../bot/people/importer.ts";
import { openDatabase } from "../db/client.ts";
import { applyMigrations } from "../db/migrate.ts";
import {
  freePort,
  POSTGRES_URL,
  REDIS_URL,
  runAutocannon,
  serverPids,
  sleep,
  startSwitchboard,
  stopStubServer,
  stopSwitchboard,
  temporarySqlite,
  totalCpuSeconds,
} from "./support.ts";
import { ENGINEERS, eventFactory, SECRET, startSink, TEAM, USER, type Sink } from "./scaled-slack.ts";
import { p50p99, type BenchOptions, type BenchRow } from "./table.ts";

export const title = "scaled: Slack events on SQLite, and on PostgreSQL + Redis with one and two replicas";

const CONNECTIONS = 16;
/** The bounded rate of the latency phase (events/s, all replicas together). */
const RATE = 40;

/** A migrated database with one organization on the bench workspace, its person and the engineers' channel. */
async function prepareDatabase(url: string): Promise<void> {
  await applyMigrations(url);
  const db = await openDatabase(url);
  const catalog = loadCatalog(DEMO_CATALOG_FILE);
  await syncCatalog(db, catalog);
  const fixture = {
    version: 1,
    vendor: { people: [], channels: [{ purpose: "engineers", platform: "slack", conversationId: ENGINEERS }] },
    organizations: [
      {
        key: "bench",
        name: "Bench Ltd",
        slackTeamId: TEAM,
        contracts: [
          {
            key: "bench-premium",
            plan: "premium",
            coverage: "24x7",
            timeZone: "UTC",
            holidayCountry: "GB",
            startsOn: "2020-01-01",
            endsOn: "2099-12-31",
          },
        ],
        people: [{ key: "bench-user", name: "Bench User", email: "bench@bench.test", role: "employee", identities: { slack: USER } }],
      },
    ],
  };
  await importData(db, catalog, parseImportFile(JSON.stringify(fixture)));
  await db.close();
}

interface RunResult {
  ok: number;
  seconds: number;
  reply: number[];
  notice: number[];
  lost: number;
  failed: number;
  cpuReplicas: number;
  cpuServers: number;
}

interface Sent {
  sent: Map<string, { at: number; token?: string }>;
  responded: Set<string>;
  failed: number;
  seconds: number;
}

/** Closed loop: `CONNECTIONS` connections split over the replicas, one request in flight on each. */
async function closedLoop(ports: number[], seconds: number): Promise<Sent> {
  const events = eventFactory();
  const responded = new Set<string>();
  const started = performance.now();
  const results = await Promise.all(
    ports.map((port) =>
      runAutocannon({
        url: `http://127.0.0.1:${port}`,
        connections: CONNECTIONS / ports.length,
        duration: seconds,
        pipelining: 1,
        timeout: 10,
        requests: [
          {
            setupRequest: (request: Record<string, unknown>, context: Record<string, unknown>) => {
              const event = events.next();
              context.key = event.key;
              return { ...request, method: "POST", path: "/slack/events", body: event.body, headers: event.headers };
            },
            onResponse: (status: number, _body: string, context: Record<string, unknown>) => {
              if (status >= 200 && status < 300) responded.add(context.key as string);
            },
          },
        ],
      }),
    ),
  );
  const failed = results.reduce((sum, r) => sum + r.errors + r.timeouts + r.non2xx, 0);
  return { sent: events.sent, responded, failed, seconds: (performance.now() - started) / 1000 };
}

/**
 * Open loop at a steady `rate` (events/s), round robin over the replicas. (autocannon's own rate
 * limit sends each second's requests in a burst, which would measure queueing of the burst.)
 */
async function paced(ports: number[], seconds: number, rate: number): Promise<Sent> {
  const events = eventFactory();
  const responded = new Set<string>();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  let failed = 0;
  const started = performance.now();
  const requests: Promise<void>[] = [];
  for (let i = 0; i < rate * seconds; i++) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    const event = events.next();
    requests.push(
      new Promise<void>((resolve) => {
        const request = http.request(
          {
            host: "127.0.0.1",
            port: ports[i % ports.length],
            path: "/slack/events",
            method: "POST",
            headers: event.headers,
            agent,
            timeout: 10_000,
          },
          (response) => {
            response.resume();
            response.on("end", () => {
              if (response.statusCode && response.statusCode < 300) responded.add(event.key);
              else failed += 1;
              resolve();
            });
          },
        );
        request.on("error", () => {
          failed += 1;
          resolve();
        });
        request.end(event.body);
      }),
    );
  }
  await Promise.all(requests);
  agent.destroy();
  return { sent: events.sent, responded, failed, seconds: (performance.now() - started) / 1000 };
}

/** Sends one run, waits for its replies and notices, and measures them and the CPU spent. */
async function measure(send: () => Promise<Sent>, sink: Sink, pids: number[]): Promise<RunResult> {
  sink.replies.clear();
  sink.notices.clear();
  const servers = serverPids();
  const [cpu0, server0] = [totalCpuSeconds(pids), totalCpuSeconds(servers)];
  const { sent, responded, failed, seconds } = await send();
  // Replies and notices still on their way: wait until all arrived or nothing new for 3 s. (The
  // sink also gets the warm-up's stragglers: count only this run's events.)
  const missing = () =>
    [...responded].reduce((n, key) => {
      const token = sent.get(key)?.token;
      return n + (sink.replies.has(key) ? 0 : 1) + (token && !sink.notices.has(token) ? 1 : 0);
    }, 0);
  for (let last = -1, still = Date.now(), left = missing(); left > 0 && Date.now() - still < 3_000; left = missing()) {
    if (left !== last) [last, still] = [left, Date.now()];
    await sleep(50);
  }
  const cpuReplicas = totalCpuSeconds(pids) - cpu0;
  const cpuServers = totalCpuSeconds(servers) - server0;
  const reply: number[] = [];
  const notice: number[] = [];
  let lost = 0;
  for (const key of responded) {
    const event = sent.get(key)!;
    const at = sink.replies.get(key);
    if (at === undefined) lost += 1;
    else reply.push(at - event.at);
    if (event.token) {
      const noticed = sink.notices.get(event.token);
      if (noticed === undefined) lost += 1;
      else notice.push(noticed - event.at);
    }
  }
  return { ok: responded.size, seconds, reply, notice, lost, failed, cpuReplicas, cpuServers };
}

interface Setup {
  name: string;
  replicas: number;
  storage: "sqlite" | "postgresql";
  redis: boolean;
}

const SETUPS: Setup[] = [
  { name: "SQLite, 1 process", replicas: 1, storage: "sqlite", redis: false },
  { name: "PostgreSQL + Redis, 1 replica", replicas: 1, storage: "postgresql", redis: true },
  { name: "PostgreSQL + Redis, 2 replicas", replicas: 2, storage: "postgresql", redis: true },
  { name: "PostgreSQL, 2 replicas, no Redis", replicas: 2, storage: "postgresql", redis: false },
];

async function runSetup(setup: Setup, sink: Sink, options: BenchOptions): Promise<BenchRow[]> {
  const sqlite = temporarySqlite("switchboard-scaled-bench-");
  const schema = `bench_scaled_${randomBytes(4).toString("hex")}`;
  const databaseUrl = setup.storage === "sqlite" ? sqlite.url : `${POSTGRES_URL}?schema=${schema}`;
  const children: ChildProcess[] = [];
  try {
    await prepareDatabase(databaseUrl);
    const env: Record<string, string> = {
      DATABASE_URL: databaseUrl,
      SLACK_BOT_TOKEN: "xoxb-bench",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: sink.url,
    };
    if (setup.redis) Object.assign(env, { REDIS_URL, REDIS_PREFIX: `${schema}:` });
    const ports = await Promise.all(Array.from({ length: setup.replicas }, () => freePort()));
    children.push(...(await Promise.all(ports.map((port) => startSwitchboard(port, env)))));
    const pids = children.map((child) => child.pid!);
    await measure(() => closedLoop(ports, options.quick ? 1 : 3), sink, pids); // warm-up: a cold process is about half as fast
    const seconds = options.quick ? 2 : 10;
    const top = await measure(() => closedLoop(ports, seconds), sink, pids);
    const steady = await measure(() => paced(ports, seconds, RATE), sink, pids);
    const area = "scaled";
    const perThousand = (cpu: number) => ((cpu / Math.max(1, top.ok)) * 1000).toFixed(2);
    return [
      { area, metric: `${setup.name}: events/s, closed loop on ${CONNECTIONS} connections`, value: top.ok / top.seconds, unit: "/s" },
      { area, metric: `${setup.name}: reply latency p50 / p99 at ${RATE} events/s`, value: p50p99(steady.reply, 1), unit: "ms" },
      {
        area,
        metric: `${setup.name}: engineers' notice latency p50 / p99 at ${RATE} events/s`,
        value: p50p99(steady.notice, 1),
        unit: "ms",
      },
      { area, metric: `${setup.name}: reply latency p50 / p99, closed loop`, value: p50p99(top.reply, 1), unit: "ms" },
      {
        area,
        metric: `${setup.name}: CPU per 1,000 events, replicas / PostgreSQL + Redis`,
        value: `${perThousand(top.cpuReplicas)} / ${setup.storage === "sqlite" ? "–" : perThousand(top.cpuServers)}`,
        unit: "s",
      },
      {
        area,
        metric: `${setup.name}: answered / events, errors, duplicates`,
        value: `${top.reply.length + steady.reply.length} / ${top.ok + steady.ok}, ${top.failed + steady.failed}, ${sink.duplicates()}`,
        target: "all answered once",
        ok: top.lost + steady.lost === 0 && top.failed + steady.failed === 0 && sink.duplicates() === 0,
      },
    ];
  } finally {
    await Promise.all(children.map(stopSwitchboard));
    sqlite.remove();
    if (setup.storage === "postgresql") {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
  }
}

/** PostgreSQL and Redis answer (both are needed for the scaled rows). */
async function servicesUp(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
  } catch (error) {
    return `PostgreSQL at ${POSTGRES_URL}: ${(error as Error).message}`;
  } finally {
    await client.end().catch(() => undefined);
  }
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return undefined;
  } catch (error) {
    return `Redis at ${REDIS_URL}: ${(error as Error).message}`;
  } finally {
    redis.disconnect();
  }
}

export async function run(options: BenchOptions): Promise<BenchRow[]> {
  const down = await servicesUp();
  const sink = await startSink();
  const rows: BenchRow[] = [];
  try {
    for (const setup of SETUPS) {
      if (setup.storage === "postgresql" && down) {
        rows.push({ area: "scaled", metric: `${setup.name}: skipped`, value: down });
        continue;
      }
      rows.push(...(await runSetup(setup, sink, options)));
    }
  } finally {
    await stopStubServer(sink.server);
  }
  return rows;
}
