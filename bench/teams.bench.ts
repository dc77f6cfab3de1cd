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
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { DEMO_CATALOG_FILE, loadCatalog } from "../core/catalog.ts";
import { importData, parseImportFile } from "../bot/people/importer.ts";
import { openDatabase } from "../db/client.ts";
import { applyMigrations } from "../db/migrate.ts";
import {
  closedLoopWithReplies,
  freePort,
  startStubServer,
  startSwitchboard,
  stopStubServer,
  stopSwitchboard,
  temporarySqlite,
  type KeyedRequest,
  type ReplySink,
} from "./support.ts";
import { p50p99, type BenchOptions, type BenchRow } from "./table.ts";

export const title = "teams: message activities through /api/messages (CloudAdapter) to the Bot Connector";

const TENANT = "tenant-bench";
const PEOPLE = 64;

/** The Bot Connector stand-in: answers every activity with an id and times replies by replyToId. */
async function startConnector(): Promise<ReplySink> {
  const replies = new Map<string, number>();
  let duplicates = 0;
  let seq = 0;
  const { server, origin } = await startStubServer((req) => {
    const parts = (req.url ?? "").split("?")[0]!.split("/");
    // /v3/conversations/<conversation>/activities/<activity id being replied to>
    const key = parts[2] === "conversations" && parts[4] === "activities" ? decodeURIComponent(parts[5] ?? "") : "";
    if (req.method === "POST" && key) {
      if (replies.has(key)) duplicates += 1;
      else replies.set(key, performance.now());
    }
    return { id: `bench-${++seq}` };
  });
  return { server, url: origin, replies, duplicates: () => duplicates };
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

/** Personal-chat messages of one run, each with a new activity id (the key of its reply), from the 64 people in turn. */
function messages(serviceUrl: string): () => KeyedRequest {
  const run = randomBytes(3).toString("hex");
  let seq = 0;
  return () => {
    seq += 1;
    const person = seq % PEOPLE;
    const id = `bench-${run}-${seq}`;
    const body = JSON.stringify({
      type: "message",
      id,
      timestamp: new Date().toISOString(),
      channelId: "msteams",
      serviceUrl,
      from: { id: `29:bench-${person}`, name: `Bench User ${person}`, aadObjectId: `aad-bench-${person}` },
      conversation: { id: `a:bench-${person}`, conversationType: "personal", tenantId: TENANT },
      recipient: { id: "28:bench-bot", name: "Switchboard" },
      text: `ping ${seq}`,
      textFormat: "plain",
      locale: "en-US",
      channelData: { tenant: { id: TENANT } },
    });
    return { key: id, path: "/api/messages", body, headers: { "content-type": "application/json" } };
  };
}

/** One closed-loop run of new personal-chat messages; replies still on their way get 2 s of quiet. */
function runLevel(origin: string, connections: number, seconds: number, sink: ReplySink, pid: number) {
  return closedLoopWithReplies({ origin, connections, seconds, next: messages(sink.url), replies: sink.replies, quietMs: 2_000, pid });
}

export async function run(options: BenchOptions): Promise<BenchRow[]> {
  const database = temporarySqlite("switchboard-teams-bench-");
  const sink = await startConnector();
  let child: ChildProcess | undefined;
  const rows: BenchRow[] = [];
  try {
    await prepareDatabase(database.url);
    const port = await freePort();
    child = await startSwitchboard(port, { DATABASE_URL: database.url, LOG_LEVEL: "error" });
    const origin = `http://127.0.0.1:${port}`;
    const seconds = options.quick ? 2 : 10;
    await runLevel(origin, 16, options.quick ? 1 : 3, sink, child.pid!); // warm-up: a cold process is about half as fast
    for (const connections of [1, 16, 64]) {
      const r = await runLevel(origin, connections, seconds, sink, child.pid!);
      rows.push(
        { area: "teams", metric: `c=${connections}: activities/s (2xx)`, value: r.ok / r.seconds, unit: "/s" },
        { area: "teams", metric: `c=${connections}: HTTP latency p50 / p99 (after the turn)`, value: p50p99(r.http, 2), unit: "ms" },
        {
          area: "teams",
          metric: `c=${connections}: reply latency p50 / p99 (activity sent → reply at the connector)`,
          value: p50p99(r.reply, 2),
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
    if (child) await stopSwitchboard(child);
    await stopStubServer(sink.server);
    database.remove();
  }
  return rows;
}
