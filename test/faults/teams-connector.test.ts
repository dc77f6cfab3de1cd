/**
 * The Slack fault tests, on Teams: activities posted to /api/messages while the loopback Bot
 * Connector throttles (429 with Retry-After), fails (500) or drops connections, with Teams
 * redelivering the same activity id; afterwards every message is answered exactly once.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RecordedRequest } from "../support/loopback.ts";
import { eventually } from "../support/app.ts";
import { PEOPLE, personalChat, personalMessage, startTeams, type TeamsHarness } from "../adapters/teams/support.ts";
import { countAnswers, reportFault, type FaultRow } from "./summary.ts";

const EVENTS = 12;
const OLD_ATTEMPT_LIMIT = 12;
const CHAT = personalChat(PEOPLE.tom);

let t: TeamsHarness;
beforeEach(async () => {
  t = await startTeams();
});
afterEach(() => t.close());

interface Sent {
  id: string;
  sentAt: number;
}

const isReply = (request: RecordedRequest) => request.method === "POST" && request.path.includes(encodeURIComponent(CHAT));
const replyTo = (request: RecordedRequest) => decodeURIComponent(request.path.split("/").pop() ?? "");

/** Sends `EVENTS` messages, each posted twice when `redeliver` (Teams retrying the same activity id). */
async function sendMessages(redeliver: boolean): Promise<Sent[]> {
  const sent: Sent[] = [];
  const posts: Promise<void>[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const activity = personalMessage(t.connector.url, PEOPLE.tom, "hello");
    sent.push({ id: activity.id, sentAt: Date.now() });
    const once = () => t.post(activity).then((r) => expect(r.status).toBe(200));
    posts.push(redeliver ? once().then(once) : once());
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  await Promise.all(posts);
  return sent;
}

/** Waits for an answer to every message and an empty Teams outbox, then counts what Tom sees. */
async function settle(sent: Sent[], fault: string): Promise<FaultRow> {
  const answersTo = (id: string) => t.connector.postsTo(CHAT).filter((a) => a.activityId === id);
  await eventually(async () => {
    for (const m of sent) expect(answersTo(m.id).length).toBeGreaterThan(0);
    expect(await t.app.db.prisma.outbox.count({ where: { platform: "teams", status: { in: ["pending", "sending"] } } })).toBe(0);
  }, 30_000);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const accepted = t.connector.requests.filter((r) => isReply(r) && t.connector.postsTo(CHAT).some((a) => a.body === r.json));
  const firstAnswer = (id: string) => Math.min(...accepted.filter((r) => replyTo(r) === id).map((r) => r.at));
  const answers = new Map(sent.map((m) => [m.id, answersTo(m.id).length]));
  return {
    fault,
    ...countAnswers(
      sent.map((m) => m.id),
      answers,
    ),
    latestReplyMs: Math.max(...sent.map((m) => firstAnswer(m.id) - m.sentAt)),
  };
}

describe("Teams: faults of the Bot Connector", () => {
  it("answers every message once after a sustained 429 window, however many 429s came first", async () => {
    const refusals = new Map<string, number>();
    t.connector.refuse = (request) => {
      if (!isReply(request)) return undefined;
      refusals.set(replyTo(request), (refusals.get(replyTo(request)) ?? 0) + 1);
      return { status: 429, headers: { "retry-after": "0" }, body: { error: { code: "Throttled", message: "slow down" } } };
    };
    const started = Date.now();
    const sent = await sendMessages(false);
    // Replies in one chat go out in order, so the oldest takes the 429s while the others wait
    // behind it: hold the window until it has met more than the old attempt limit.
    await eventually(() => expect(Math.max(...refusals.values())).toBeGreaterThan(OLD_ATTEMPT_LIMIT), 20_000);
    t.connector.refuse = undefined;
    const row = await settle(sent, `Teams connector 429 for ${Math.round((Date.now() - started) / 1000)} s (Retry-After 0)`);
    reportFault(row);
    expect(row).toMatchObject({ sent: EVENTS, answeredOnce: EVENTS, lost: 0, doubled: 0 });
    expect(await t.app.db.prisma.outbox.count({ where: { status: "dead" } })).toBe(0);
  }, 60_000);

  it("answers every message once after 500s and dropped connections, with every activity redelivered", async () => {
    let calls = 0;
    t.connector.refuse = (request) => (isReply(request) ? (calls++ % 2 ? { drop: true } : { status: 500, body: "upstream" }) : undefined);
    const sent = await sendMessages(true);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(calls).toBeGreaterThan(2);
    t.connector.refuse = undefined;
    const row = await settle(sent, "Teams connector 500 / dropped connections (3 s), activities redelivered");
    reportFault(row);
    expect(row).toMatchObject({ sent: EVENTS, answeredOnce: EVENTS, lost: 0, doubled: 0 });
  }, 60_000);
});
