/**
 * Slack events end to end: signed `app_mention` events POSTed to /slack/events of Switchboard
 * running as its own `node` process (as in production and as the perf anchors run it), with the
 * Web API pointed at a loopback sink in this process. At 1, 16 and 64 concurrent connections
 * (closed loop, one request in flight per connection) it reports events/s, the HTTP (ack)
 * latency, the reply latency — from sending the event to the sink receiving `chat.postMessage`
 * in the event's thread — and the bot process's CPU seconds per 1,000 events (/proc/<pid>/stat).
 * Every event is checked for exactly one reply.
 */
import type { ChildProcess } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
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

export const title = "slack: signed app_mention events through /slack/events to chat.postMessage";

const SECRET = "bench-signing-secret";
const TEAM = "T0BENCH";
const USER = "U0BENCH";
const BOT = "UBOTBENCH";

/** The Web API stand-in: auth.test, users.info, and chat.postMessage timed by thread_ts. */
async function startSink(): Promise<ReplySink> {
  const replies = new Map<string, number>();
  let duplicates = 0;
  let seq = 0;
  const { server, origin } = await startStubServer((req, raw) => {
    const method = (req.url ?? "").replace(/^\/api\//, "");
    const body = Object.fromEntries(new URLSearchParams(raw));
    if (method === "auth.test") return { ok: true, team_id: TEAM, user_id: BOT, bot_id: "BBENCH" };
    if (method === "users.info")
      return {
        ok: true,
        user: { id: body.user, name: "bench", locale: "en-US", profile: { email: "bench@bench.test", display_name: "Bench" } },
      };
    if (method === "chat.postMessage" || method === "chat.update") {
      const key = body.thread_ts;
      if (key) {
        if (replies.has(key)) duplicates += 1;
        else replies.set(key, performance.now());
      }
      return { ok: true, channel: body.channel, ts: `1800000000.${String(++seq).padStart(6, "0")}` };
    }
    return { ok: true };
  });
  return { server, url: `${origin}/api/`, replies, duplicates: () => duplicates };
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

/** Signed app_mention events of one run, each new (event id, ts), keyed by ts (the thread of the reply). */
function appMentions(): () => KeyedRequest {
  const run = randomBytes(3).toString("hex");
  const base = Math.floor(Date.now() / 1000);
  let seq = 0;
  return () => {
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
    return {
      key: ts,
      path: "/slack/events",
      body,
      headers: { "content-type": "application/json", "x-slack-request-timestamp": String(now), "x-slack-signature": signature },
    };
  };
}

/** One closed-loop run of new signed app_mention events; replies still on their way get 5 s of quiet. */
function runLevel(origin: string, connections: number, seconds: number, sink: ReplySink, pid: number) {
  return closedLoopWithReplies({ origin, connections, seconds, next: appMentions(), replies: sink.replies, quietMs: 5_000, pid });
}

export async function run(options: BenchOptions): Promise<BenchRow[]> {
  const database = temporarySqlite("switchboard-slack-bench-");
  const sink = await startSink();
  let child: ChildProcess | undefined;
  const rows: BenchRow[] = [];
  try {
    await prepareDatabase(database.url);
    const port = await freePort();
    child = await startSwitchboard(port, {
      DATABASE_URL: database.url,
      SLACK_BOT_TOKEN: "xoxb-bench",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: sink.url,
    });
    const origin = `http://127.0.0.1:${port}`;
    const seconds = options.quick ? 2 : 10;
    await runLevel(origin, 16, options.quick ? 1 : 3, sink, child.pid!); // warm-up: a cold process is about half as fast
    for (const connections of [1, 16, 64]) {
      const r = await runLevel(origin, connections, seconds, sink, child.pid!);
      rows.push(
        { area: "slack", metric: `c=${connections}: events/s (2xx)`, value: r.ok / r.seconds, unit: "/s" },
        { area: "slack", metric: `c=${connections}: HTTP ack latency p50 / p99`, value: p50p99(r.http, 2), unit: "ms" },
        {
          area: "slack",
          metric: `c=${connections}: reply latency p50 / p99 (event sent → chat.postMessage)`,
          value: p50p99(r.reply, 2),
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
    if (child) await stopSwitchboard(child);
    await stopStubServer(sink.server);
    database.remove();
  }
  return rows;
}
