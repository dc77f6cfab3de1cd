/** The Slack side of the scaled bench: signed app_mention events in, and a Web API stand-in timing replies and notices. */
import { createHmac, randomBytes } from "node:crypto";
import { startStubServer, type ReplySink } from "./support.ts";

export const SECRET = "bench-signing-secret";
export const TEAM = "T0SCALED";
export const USER = "U0SCALED";
const BOT = "UBOTSCALED";
export const ENGINEERS = "C0BENCHENG";

/** The Web API stand-in; `replies` are keyed by the event's ts (its thread). */
export interface Sink extends ReplySink {
  /** The new case's card in the engineers' channel, keyed by the case's token. */
  notices: Map<string, number>;
}

/** The Web API stand-in: auth.test, users.info, and chat.postMessage timed by thread and by case token. */
export async function startSink(): Promise<Sink> {
  const replies = new Map<string, number>();
  const notices = new Map<string, number>();
  const keys = new Set<string>();
  let duplicates = 0;
  let seq = 0;
  const { server, origin } = await startStubServer((req, raw) => {
    const method = (req.url ?? "").replace(/^\/api\//, "");
    const body = Object.fromEntries(new URLSearchParams(raw));
    if (method === "auth.test") return { ok: true, team_id: TEAM, user_id: BOT, bot_id: "BSCALED" };
    if (method === "users.info")
      return {
        ok: true,
        user: { id: body.user, name: "bench", locale: "en-US", profile: { email: "bench@bench.test", display_name: "Bench" } },
      };
    if (method === "conversations.history" || method === "conversations.replies") return { ok: true, messages: [] };
    if (method === "chat.postMessage") {
      const now = performance.now();
      const key = /"key":"([^"]+)"/.exec(body.metadata ?? "")?.[1];
      if (key && keys.has(key)) duplicates += 1;
      if (key) keys.add(key);
      if (body.thread_ts && !replies.has(body.thread_ts)) replies.set(body.thread_ts, now);
      if (body.channel === ENGINEERS) {
        const token = /zq\d+r[0-9a-f]+/.exec(raw)?.[0];
        if (token && !notices.has(token)) notices.set(token, now);
      }
      return { ok: true, channel: body.channel, ts: `1800000000.${String(++seq).padStart(6, "0")}` };
    }
    return { ok: true };
  });
  return { server, url: `${origin}/api/`, replies, notices, duplicates: () => duplicates };
}

/** Signed app_mention events of one run: every one new (event id, ts); half open a case. */
export function eventFactory() {
  const run = randomBytes(3).toString("hex");
  const base = Math.floor(Date.now() / 1000);
  let seq = 0;
  const sent = new Map<string, { at: number; token?: string }>();
  const next = () => {
    seq += 1;
    const ts = `${base}.${String(seq).padStart(6, "0")}`;
    const now = Math.floor(Date.now() / 1000);
    // Half the events open a case (its card goes to the engineers' channel), half ask something.
    const token = seq % 2 === 1 ? `zq${seq}r${run}` : undefined;
    const text = token ? `open case ${token} the video bar in room ${seq} has no sound` : `ping ${seq}`;
    const body = JSON.stringify({
      token: "legacy",
      team_id: TEAM,
      api_app_id: "A0SCALED",
      type: "event_callback",
      event_id: `Ev${run}${seq}`,
      event_time: now,
      authorizations: [{ enterprise_id: null, team_id: TEAM, user_id: BOT, is_bot: true, is_enterprise_install: false }],
      event: { type: "app_mention", user: USER, text: `<@${BOT}> ${text}`, ts, channel: "C0BENCH", event_ts: ts, team: TEAM },
    });
    const signature = `v0=${createHmac("sha256", SECRET).update(`v0:${now}:${body}`).digest("hex")}`;
    sent.set(ts, { at: performance.now(), token });
    return {
      key: ts,
      body,
      headers: { "content-type": "application/json", "x-slack-request-timestamp": String(now), "x-slack-signature": signature },
    };
  };
  return { sent, next };
}
