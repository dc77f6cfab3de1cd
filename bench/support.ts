/**
 * Plumbing shared by the benchmarks: Switchboard in this process or as its own `node` process on
 * a throwaway database, loopback stand-ins for the platforms' APIs, closed-loop load with
 * autocannon, and CPU seconds read from /proc. What each benchmark sends and reports stays in its
 * own file.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pino from "pino";
import { createApp, type App, type AppOptions } from "../app/app.ts";
import { readConfig } from "../app/config.ts";
import type { DeliveryResult } from "../bot/events.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** Clock ticks per second of /proc/<pid>/stat's CPU times (USER_HZ). */
const CLK_TCK = 100;

/** PostgreSQL for the scaled-mode benchmarks (BENCH_POSTGRES_URL); each run works in a schema of its own. */
export const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
/** Redis for the scaled-mode benchmarks (BENCH_REDIS_URL); each run uses a key prefix of its own. */
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A `file:` URL for a SQLite database in a new temporary directory, and `remove()` to delete the directory. */
export function temporarySqlite(prefix = "switchboard-bench-"): { url: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { url: `file:${path.join(dir, "bench.db")}`, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Switchboard in this process on a temporary SQLite database, on a free loopback port once
 * started, logging nothing. `settings` adds environment settings; `options` goes to createApp.
 * `dispose()` stops the app and deletes the database.
 */
export async function createBenchApp(
  settings: Record<string, string> = {},
  options: Omit<AppOptions, "log"> = {},
): Promise<{ app: App; dispose(): Promise<void> }> {
  const database = temporarySqlite();
  const config = readConfig({ DATABASE_URL: database.url, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent", ...settings });
  const app = await createApp(config, { log: pino({ level: "silent" }), ...options });
  return {
    app,
    async dispose() {
      try {
        await app.stop();
      } finally {
        database.remove();
      }
    },
  };
}

/** A shell-platform deliverer that delivers nothing and counts what it was given (`delivered`). */
export function countingDeliverer() {
  const deliverer = {
    platform: "shell" as const,
    delivered: 0,
    async deliver(): Promise<DeliveryResult> {
      deliverer.delivered += 1;
      return { ok: true, platformMessageId: `m${deliverer.delivered}` };
    },
  };
  return deliverer;
}

/** A TCP port free on 127.0.0.1 at the time of asking. */
export async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Switchboard as its own `node` process (as in production) on 127.0.0.1:`port`, without the
 * shell, demo data or other environment than `env` (which must give DATABASE_URL and may
 * override LOG_LEVEL, "warn" by default); resolves once /readyz answers, within 60 s.
 */
export async function startSwitchboard(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "app/main.ts", "--no-shell"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      HOST: "127.0.0.1",
      SEED_DEMO_DATA: "false",
      LOG_LEVEL: "warn",
      ...env,
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
    await sleep(100);
  }
}

/** Stops a process started by `startSwitchboard`: SIGTERM, and SIGKILL if it has not exited 20 s later. */
export async function stopSwitchboard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await Promise.race([exited, sleep(20_000)]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

/** A stand-in for a platform's API that records when the reply to each request (by its key) arrived. */
export interface ReplySink {
  server: http.Server;
  /** Where Switchboard is told the API is. */
  url: string;
  /** Arrival time of the first reply, by the key of the request it answers. */
  replies: Map<string, number>;
  /** Replies sent more than once (as far as the stand-in can tell). */
  duplicates(): number;
}

/**
 * A loopback HTTP server standing in for a platform's API: `answer` gets each request and its body
 * as text and returns what to answer as JSON (status 200). Connections are kept alive as a real
 * API's are. Resolves with the server and its origin (`http://127.0.0.1:<port>`).
 */
export function startStubServer(
  answer: (req: http.IncomingMessage, body: string) => unknown,
): Promise<{ server: http.Server; origin: string }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const text = JSON.stringify(answer(req, Buffer.concat(chunks).toString()));
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
      res.end(text);
    });
  });
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })),
  );
}

/** Closes a server from `startStubServer`, kept-alive connections included. */
export async function stopStubServer(server: http.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

/** CPU seconds (user + system) a process has used so far, from /proc; 0 if it has ended. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return 0; // the process ended between listing and reading
  }
}

/** CPU seconds the given processes have used so far, together. */
export const totalCpuSeconds = (pids: number[]) => pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);

/** PIDs of PostgreSQL's and Redis's processes (readable in /proc here); their CPU is shared with other users of the machine. */
export function serverPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const name = readFileSync(`/proc/${entry}/comm`, "utf8").trim();
      if (name === "postgres" || name.startsWith("redis-server")) pids.push(Number(entry));
    } catch {
      // gone already
    }
  }
  return pids;
}

/** What autocannon counts as failed requests in a run. */
export interface AutocannonResult {
  errors: number;
  timeouts: number;
  non2xx: number;
}

// autocannon ships no types; it is only used in benchmarks.
const autocannon = createRequire(import.meta.url)("autocannon") as (
  options: Record<string, unknown>,
  done: (error: unknown, result: AutocannonResult) => void,
) => { stop(): void };

/** One autocannon run with the given options (see autocannon's README), resolved when it ends. */
export function runAutocannon(options: Record<string, unknown>): Promise<AutocannonResult> {
  return new Promise((resolve, reject) => autocannon(options, (error, result) => (error ? reject(error) : resolve(result))));
}

/** A request of a closed-loop run, with the key its reply is recorded under by the stand-in API. */
export interface KeyedRequest {
  key: string;
  path: string;
  body: string;
  headers: Record<string, string>;
}

/** What `closedLoopWithReplies` measured. */
export interface ClosedLoopResult {
  /** Requests answered with a 2xx. */
  ok: number;
  seconds: number;
  /** HTTP latency of each 2xx request (ms). */
  http: number[];
  /** From sending each 2xx request to its reply reaching the stand-in API (ms). */
  reply: number[];
  /** 2xx requests whose reply never came. */
  lost: number;
  /** CPU seconds of the measured process during the run. */
  cpu: number;
  /** Requests that failed: errors, timeouts and non-2xx answers. */
  failed: number;
}

/**
 * A closed-loop run (one POST in flight per connection) on `origin` for `seconds`, each request
 * made by `next()`. The stand-in API sets `replies` (cleared first) to the arrival time of the
 * reply to each request key; after the run this waits for replies still on their way until all
 * arrived or nothing new came for `quietMs`. CPU is that of process `pid`.
 */
export async function closedLoopWithReplies(run: {
  origin: string;
  connections: number;
  seconds: number;
  next: () => KeyedRequest;
  replies: Map<string, number>;
  quietMs: number;
  pid: number;
}): Promise<ClosedLoopResult> {
  const { replies } = run;
  const sent = new Map<string, number>();
  const httpLatency: number[] = [];
  const responded = new Set<string>();
  replies.clear();
  const cpu0 = cpuSeconds(run.pid);
  const started = performance.now();
  const result = await runAutocannon({
    url: run.origin,
    connections: run.connections,
    duration: run.seconds,
    pipelining: 1,
    timeout: 10,
    requests: [
      {
        setupRequest: (request: Record<string, unknown>, context: Record<string, unknown>) => {
          const { key, ...post } = run.next();
          context.key = key;
          sent.set(key, performance.now());
          return { ...request, method: "POST", ...post };
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
  });
  const elapsed = (performance.now() - started) / 1000;
  for (let last = -1, still = Date.now(); replies.size < responded.size && Date.now() - still < run.quietMs;) {
    if (replies.size !== last) [last, still] = [replies.size, Date.now()];
    await sleep(50);
  }
  const reply: number[] = [];
  let lost = 0;
  for (const key of responded) {
    const at = replies.get(key);
    if (at === undefined) lost += 1;
    else reply.push(at - sent.get(key)!);
  }
  return {
    ok: responded.size,
    seconds: elapsed,
    http: httpLatency,
    reply,
    lost,
    cpu: cpuSeconds(run.pid) - cpu0,
    failed: result.errors + result.timeouts + result.non2xx,
  };
}
