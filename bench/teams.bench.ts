/**
 * Teams activities end to end: `message` activities POSTed to /api/messages of Switchboard running
 * as its own `node` process (as in production and as the perf anchors run it; no app id, so auth
 * is off as with the Emulator), each with `serviceUrl` pointing at a loopback Bot Connector in
 * this process. At 1, 16 and 64 concurrent connections (closed loop, one request in flight per
 * connection) it reports activities/s, the HTTP latency (the CloudAdapter answers after the
 * turn), the reply latency — from sending the activity to the connector receiving the reply to
 * it (`POST …/activities/<activity id>`) — and the bot process's CPU seconds per 1,000 activities.
 * Every activity is checked for exactly one reply.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_CATALOG_FILE, loadCatalog } from "../bot/catalog.ts";
import { importData, parseImportFile } from "../bot/services/importer.ts";
import { openDatabase } from "../db/client.ts";
import { applyMigrations } from "../db/migrate.ts";
import { percentile, type BenchOptions, type BenchRow } from "./table.ts";

export const title = "teams: message activities through /api/messages (CloudAdapter) to the Bot Connector";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const TENANT = "tenant-bench";
const PEOPLE = 64;
const CLK_TCK = 100;

interface Autocannon {
  (
    options: Record<string, unknown>,
    done: (error: unknown, result: { errors: number; timeouts: number; non2xx: number }) => void,
  ): { stop(): void };
}
// autocannon ships no types; it is only used here.
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

interface Sink {
  server: http.Server;
  url: string;
  /** Reply arrival time by the id of the activity it answers. */
  replies: Map<string, number>;
  duplicates(): number;
}

/** The Bot Connector stand-in: answers every activity with an id and times replies by replyToId. */
function startConnector(): Promise<Sink> {
  const replies = new Map<string, number>();
  let duplicates = 0;
  let seq = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const parts = (req.url ?? "").split("?")[0]!.split("/");
      // /v3/conversations/<conversation>/activities/<activity id being replied to>
      const key = parts[2] === "conversations" && parts[4] === "activities" ? decodeURIComponent(parts[5] ?? "") : "";
      if (req.method === "POST" && key) {
        if (replies.has(key)) duplicates += 1;
        else replies.set(key, performance.now());
      }
      const text = JSON.stringify({ id: `bench-${++seq}` });
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
      res.end(text);
    });
  });
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, replies, duplicates: () => duplicates }),
    ),
  );
}

/** A database with one organization on the bench tenant and 64 people in it. */
async function prepareDatabase(url: string): Promise<void> {
  await applyMigrations(url);
  const db = await openDatabase(url);
  const people = Array.from({ length: PEOPLE }, (_, i) => ({
    key: `bench-${i}`,
    name: `Bench User ${i}`,
    email: `bench${i}@bench.test`,
    role: "employee",
    identities: { teams: `aad-bench-${i}` },
  }));
  const fixture = { version: 1, organizations: [{ key: "bench", name: "Bench Ltd", teamsTenantId: TENANT, people }] };
  await importData(db, loadCatalog(DEMO_CATALOG_FILE), parseImportFile(JSON.stringify(fixture)));
  await db.close();
}

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startSwitchboard(port: number, databaseUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "app/main.ts", "--no-shell"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      SEED_DEMO_DATA: "false",
      LOG_LEVEL: "error",
    },
  });
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Switchboard exited with ${child.exitCode}`);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ready) return child;
    if (Date.now() - started > 60_000) throw new Error("Switchboard did not become ready in 60 s");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

interface LevelResult {
  ok: number;
  seconds: number;
  http: number[];
  reply: number[];
  lost: number;
  cpu: number;
  failed: number;
}

/** One closed-loop run: every request is a new personal-chat message with a unique activity id. */
async function runLevel(target: string, connections: number, seconds: number, sink: Sink, pid: number): Promise<LevelResult> {
  const run = randomBytes(3).toString("hex");
  let seq = 0;
  const sent = new Map<string, number>();
  const httpLatency: number[] = [];
  const responded = new Set<string>();
  sink.replies.clear();
  const cpu0 = cpuSeconds(pid);
  const started = performance.now();
  const result = await new Promise<{ errors: number; timeouts: number; non2xx: number }>((resolve, reject) =>
    autocannon(
      {
        url: new URL(target).origin,
        connections,
        duration: seconds,
        pipelining: 1,
        timeout: 10,
        requests: [
          {
            setupRequest: (request: Record<string, unknown>, context: Record<string, unknown>) => {
              seq += 1;
              const person = seq % PEOPLE;
              const id = `bench-${run}-${seq}`;
              const body = JSON.stringify({
                type: "message",
                id,
                timestamp: new Date().toISOString(),
                channelId: "msteams",
                serviceUrl: sink.url,
                from: { id: `29:bench-${person}`, name: `Bench User ${person}`, aadObjectId: `aad-bench-${person}` },
                conversation: { id: `a:bench-${person}`, conversationType: "personal", tenantId: TENANT },
                recipient: { id: "28:bench-bot", name: "Switchboard" },
                text: `ping ${seq}`,
                textFormat: "plain",
                locale: "en-US",
                channelData: { tenant: { id: TENANT } },
              });
              context.key = id;
              sent.set(id, performance.now());
              return { ...request, method: "POST", path: "/api/messages", body, headers: { "content-type": "application/json" } };
            },
            onResponse: (status: number, _body: string, context: Record<string, unknown>) => {
              const key = context.key as string;
              if (status >= 200 && status < 300) {
                responded.add(key);
                httpLatency.push(performance.now() - sent.get(key)!);
              }
            },
          },
        ],
      },
      (error, res) => (error ? reject(error) : resolve(res)),
    ),
  );
  const elapsed = (performance.now() - started) / 1000;
  // Replies still on their way: wait until all arrived or nothing new for 2 s.
  for (let last = -1, still = Date.now(); sink.replies.size < responded.size && Date.now() - still < 2_000;) {
    if (sink.replies.size !== last) [last, still] = [sink.replies.size, Date.now()];
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const reply: number[] = [];
  let lost = 0;
  for (const key of responded) {
    const at = sink.replies.get(key);
    if (at === undefined) lost += 1;
    else reply.push(at - sent.get(key)!);
  }
  return {
    ok: responded.size,
    seconds: elapsed,
    http: httpLatency,
    reply,
    lost,
    cpu: cpuSeconds(pid) - cpu0,
    failed: result.errors + result.timeouts + result.non2xx,
  };
}

export async function run(options: BenchOptions): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(tmpdir(), "switchboard-teams-bench-"));
  const databaseUrl = `file:${path.join(dir, "bench.db")}`;
  const sink = await startConnector();
  let child: ChildProcess | undefined;
  const rows: BenchRow[] = [];
  try {
    await prepareDatabase(databaseUrl);
    const port = await freePort();
    child = await startSwitchboard(port, databaseUrl);
    const target = `http://127.0.0.1:${port}/api/messages`;
    const seconds = options.quick ? 2 : 10;
    await runLevel(target, 16, options.quick ? 1 : 3, sink, child.pid!); // warm-up: a cold process is about half as fast
    for (const connections of [1, 16, 64]) {
      const r = await runLevel(target, connections, seconds, sink, child.pid!);
      const fmt = (values: number[]) => `${percentile(values, 50).toFixed(2)} / ${percentile(values, 99).toFixed(2)}`;
      rows.push(
        { area: "teams", metric: `c=${connections}: activities/s (2xx)`, value: r.ok / r.seconds, unit: "/s" },
        { area: "teams", metric: `c=${connections}: HTTP latency p50 / p99 (after the turn)`, value: fmt(r.http), unit: "ms" },
        {
          area: "teams",
          metric: `c=${connections}: reply latency p50 / p99 (activity sent → reply at the connector)`,
          value: fmt(r.reply),
          unit: "ms",
        },
        { area: "teams", metric: `c=${connections}: bot CPU per 1,000 activities`, value: (r.cpu / Math.max(1, r.ok)) * 1000, unit: "s" },
        {
          area: "teams",
          metric: `c=${connections}: replies / activities, errors`,
          value: `${r.reply.length} / ${r.ok}, ${r.failed}`,
          target: "all answered once, no errors",
          ok: r.lost === 0 && r.failed === 0 && sink.duplicates() === 0,
        },
      );
    }
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    }
    await new Promise((resolve) => sink.server.close(resolve));
    sink.server.closeAllConnections();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
