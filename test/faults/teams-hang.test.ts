/**
 * The Bot Connector stops answering replies to one chat for a few seconds: the connection is
 * accepted, the activity is not taken, and no answer ever comes. The request must time out and
 * be retried, every message is answered exactly once afterwards, and the other chats are answered
 * meanwhile. (A hang after Teams took the activity would show it twice: the Bot Connector offers
 * no read-back — the known limit in docs/scaling.md — so this test hangs before.)
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RecordedRequest } from "../support/loopback.ts";
import { eventually } from "../support/app.ts";
import { scaled } from "../support/time-scale.ts";
import { PEOPLE, personalChat, personalMessage, startTeams, type TeamsHarness, type TeamsPerson } from "../adapters/teams/support.ts";
import { countAnswers, reportFault } from "./summary.ts";

const WINDOW_MS = 3_000;
/** The deliverer's request timeout (adapters/teams/deliverer.ts). */
const CONNECTOR_TIMEOUT_MS = 15_000;
const HUNG = PEOPLE.tom;
const OTHER = PEOPLE.ana;

let t: TeamsHarness;
beforeEach(async () => {
  t = await startTeams();
});
afterEach(() => t.close());

interface Sent {
  person: TeamsPerson;
  id: string;
  sentAt: number;
}

const isReplyIn = (request: RecordedRequest, person: TeamsPerson) =>
  request.method === "POST" && request.path.includes(encodeURIComponent(personalChat(person)));

async function sendMessages(person: TeamsPerson, count: number): Promise<Sent[]> {
  const sent: Sent[] = [];
  for (let i = 0; i < count; i++) {
    const activity = personalMessage(t.connector.url, person, "hello");
    sent.push({ person, id: activity.id, sentAt: Date.now() });
    expect((await t.post(activity)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return sent;
}

const answersTo = (m: Sent) => t.connector.postsTo(personalChat(m.person)).filter((a) => a.activityId === m.id);
/** When Teams took the first answer to `m` (requests that hung were never taken; typing indicators are no answer). */
const firstAnswerMs = (m: Sent, hung: Set<RecordedRequest>) =>
  Math.min(
    ...t.connector.requests
      .filter(
        (r) =>
          isReplyIn(r, m.person) &&
          !hung.has(r) &&
          (r.json as { type?: string } | undefined)?.type === "message" &&
          decodeURIComponent(r.path.split("/").pop() ?? "") === m.id,
      )
      .map((r) => r.at),
  ) - m.sentAt;

describe("Teams: the Bot Connector hangs (connection accepted, no answer)", () => {
  it("times out a reply that hung, sends it once afterwards, and answers the other chats meanwhile", async () => {
    const hung = new Set<RecordedRequest>();
    t.connector.refuse = (request) => {
      if (!isReplyIn(request, HUNG)) return undefined;
      hung.add(request);
      return { hang: true };
    };
    const started = Date.now();
    const tom = await sendMessages(HUNG, 3);
    await eventually(() => expect(hung.size).toBeGreaterThan(0));
    const ana = await sendMessages(OTHER, 3);
    await eventually(() => {
      for (const m of ana) expect(answersTo(m).length).toBeGreaterThan(0);
    });
    // Ana's chat did not wait for Tom's hung request to time out.
    expect(Math.max(...ana.map((m) => firstAnswerMs(m, hung)))).toBeLessThan(Math.min(scaled(2_000), CONNECTOR_TIMEOUT_MS / 2));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, WINDOW_MS - (Date.now() - started))));
    t.connector.refuse = undefined;

    const sent = [...tom, ...ana];
    await eventually(async () => {
      for (const m of sent) expect(answersTo(m).length, `${m.person.name} ${m.id}`).toBeGreaterThan(0);
      expect(await t.app.db.prisma.outbox.count({ where: { platform: "teams", status: { in: ["pending", "sending"] } } })).toBe(0);
    }, 45_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const row = {
      fault: `Teams connector hangs before taking the reply (${WINDOW_MS / 1000} s, one chat); a hang after it took one would double (no read-back)`,
      ...countAnswers(
        sent.map((m) => m.id),
        new Map(sent.map((m) => [m.id, answersTo(m).length])),
      ),
      latestReplyMs: Math.max(...sent.map((m) => firstAnswerMs(m, hung))),
    };
    reportFault(row);
    expect(row).toMatchObject({ sent: 6, answeredOnce: 6, lost: 0, doubled: 0 });
    // Tom's reply was really tried while hanging, then again after the timeout.
    expect(t.connector.requests.filter((r) => isReplyIn(r, HUNG) && !hung.has(r)).length).toBeGreaterThan(0);
  }, 90_000);
});
