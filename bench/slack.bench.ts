/**
 * Slack events end to end: signed `app_mention` events POSTed to /slack/events of Switchboard
 * running as its own `node` process (as in production and as the perf anchors run it), with the
 * Web API pointed at a loopback sink in this process. At 1, 16 and 64 concurrent connections
 * (closed loop, one request in flight per connection) it reports events/s, the HTTP (ack)
 * latency, the reply latency — from sending the event to the sink receiving `chat.postMessage`
 * in the event's thread — and the bot process's CPU seconds per 1,000 events (/proc/<pid>/stat).
 * Every event is checked for exactly one reply.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
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

export const title = "slack: signed app_mention events through /slack/events to chat.postMessage";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SECRET = "bench-signing-secret";
const TEAM = "T0BENCH";
const USER = "U0BENCH";
const BOT = "UBOTBENCH";
const CLK_TCK = 100;

interface Autocannon {
  (
    options: Record<string, unknown>,
    done: (error: unknown, result: { errors: number; timeouts: number; non2xx: number }) => void,
  ): { stop(): void };
}
// autocannon ships no types; it is only used here.
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

/** The Web API stand-in: auth.test, users.info, and chat.postMessage timed by thread_ts. */
function startSink(): Promise<{ server: http.Server; url: string; replies: Map<string, number>; duplicates: () => number }> {
  const replies = new Map<string, number>();
  let duplicates = 0;
  let seq = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const method = (req.url ?? "").replace(/^\/api\//, "");
      const body = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString()));
      let answer: Record<string, unknown> = { ok: true };
      if (method === "auth.test") answer = { ok: true, team_id: TEAM, user_id: BOT, bot_id: "BBENCH" };
      else if (method === "users.info")
        answer = {
          ok: true,
          user: { id: body.user, name: "bench", locale: "en-US", profile: { email: "bench@bench.test", display_name: "Bench" } },
        };
      else if (method === "chat.postMessage" || method === "chat.update") {
        const key = body.thread_ts;
        if (key) {
          if (replies.has(key)) duplicates += 1;
          else replies.set(key, performance.now());
        }
        answer = { ok: true, channel: body.channel, ts: `1800000000.${String(++seq).padStart(6, "0")}` };
      }
      const text = JSON.stringify(answer);
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
      res.end(text);
    });
  });
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`, replies, duplicates: () => duplicates }),
    ),
  );
}

/** A database with one organization on the bench workspace and one person in it. */
async function prepareDatabase(url: string): Promise<void> {
  await applyMigrations(url);
  const db = await openDatabase(url);
  const fixture = {
    version: 1,
    organizations: [
      {
        key: "bench",
        name: "Bench Ltd",
        slackTeamId: TEAM,
        people: [{ key: "bench-user", name: "Bench User", email: "bench@bench.test", role: "employee", identities: { slack: USER } }],
      },
    ],
  };
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

async function startSwitchboard(port: number, databaseUrl: string, apiUrl: string): Promise<ChildProcess> {
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
      LOG_LEVEL: "warn",
      SLACK_BOT_TOKEN: "xoxb-bench",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: apiUrl,
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
  connections: number;
  ok: number;
  seconds: number;
  http: number[];
  reply: number[];
  lost: number;
  cpu: number;
  failed: number;
}

/** One closed-loop run: every request is a new signed app_mention with a unique event id and ts. */
async function runLevel(
  target: string,
  connections: number,
  seconds: number,
  sink: Awaited<ReturnType<typeof startSink>>,
  pid: number,
): Promise<LevelResult> {
  const run = randomBytes(3).toString("hex");
  const base = Math.floor(Date.now() / 1000);
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
              const ts = `${base}.${String(seq).padStart(6, "0")}`;
              const now = Math.floor(Date.now() / 1000);
              const body = JSON.stringify({
                token: "legacy",
                team_id: TEAM,
                api_app_id: "A0BENCH",
                type: "event_callback",
                event_id: `Ev${run}${seq}`,
                event_time: now,
                authorizations: [{ enterprise_id: null, team_id: TEAM, user_id: BOT, is_bot: true, is_enterprise_install: false }],
                event: { type: "app_mention", user: USER, text: `<@${BOT}> ping ${seq}`, ts, channel: "C0BENCH", event_ts: ts, team: TEAM },
              });
              const signature = `v0=${createHmac("sha256", SECRET).update(`v0:${now}:${body}`).digest("hex")}`;
              context.key = ts;
              sent.set(ts, performance.now());
              return {
                ...request,
                method: "POST",
                path: "/slack/events",
                body,
                headers: { "content-type": "application/json", "x-slack-request-timestamp": String(now), "x-slack-signature": signature },
              };
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
  // Replies still on their way: wait until all arrived or nothing new for 5 s.
  for (let last = -1, still = Date.now(); sink.replies.size < responded.size && Date.now() - still < 5_000;) {
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
    connections,
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
  const dir = mkdtempSync(path.join(tmpdir(), "switchboard-slack-bench-"));
  const databaseUrl = `file:${path.join(dir, "bench.db")}`;
  const sink = await startSink();
  let child: ChildProcess | undefined;
  const rows: BenchRow[] = [];
  try {
    await prepareDatabase(databaseUrl);
    const port = await freePort();
    child = await startSwitchboard(port, databaseUrl, sink.url);
    const target = `http://127.0.0.1:${port}/slack/events`;
    const seconds = options.quick ? 2 : 10;
    await runLevel(target, 16, options.quick ? 1 : 3, sink, child.pid!); // warm-up: a cold process is about half as fast
    for (const connections of [1, 16, 64]) {
      const r = await runLevel(target, connections, seconds, sink, child.pid!);
      const fmt = (values: number[]) => `${percentile(values, 50).toFixed(2)} / ${percentile(values, 99).toFixed(2)}`;
      rows.push(
        { area: "slack", metric: `c=${connections}: events/s (2xx)`, value: r.ok / r.seconds, unit: "/s" },
        { area: "slack", metric: `c=${connections}: HTTP ack latency p50 / p99`, value: fmt(r.http), unit: "ms" },
        {
          area: "slack",
          metric: `c=${connections}: reply latency p50 / p99 (event sent → chat.postMessage)`,
          value: fmt(r.reply),
          unit: "ms",
        },
        { area: "slack", metric: `c=${connections}: bot CPU per 1,000 events`, value: (r.cpu / Math.max(1, r.ok)) * 1000, unit: "s" },
        {
          area: "slack",
          metric: `c=${connections}: replies / events, errors`,
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
