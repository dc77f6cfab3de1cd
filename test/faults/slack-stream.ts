/**
 * A stream of Slack mentions for the fault tests, and what the channel shows afterwards: each
 * mention is answered in its own thread, so the replies in a thread are the answers to one event.
 */
import { expect } from "vitest";
import { eventually } from "../support/app.ts";
import { ANA, eventEnvelope, mention, sendEvent, type Testbed } from "../adapters/slack/testbed.ts";
import { countAnswers, type FaultRow } from "./summary.ts";

export const CHANNEL = "C0SUPPORT";

export interface SentMention {
  /** The mention's ts: its replies go to this thread. */
  ts: string;
  sentAt: number;
}

/** Sends `count` mentions ("hello"), `spacingMs` apart, each acknowledged by the endpoint. */
export async function sendMentions(bed: Testbed, count: number, spacingMs = 0): Promise<SentMention[]> {
  const sent: SentMention[] = [];
  const requests: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const m = mention(ANA, "hello");
    const entry = { ts: m.ts as string, sentAt: Date.now() };
    sent.push(entry);
    requests.push(
      sendEvent(bed.url, eventEnvelope(m)).then((response) => {
        expect(response.status).toBe(200);
      }),
    );
    if (spacingMs > 0) await new Promise((resolve) => setTimeout(resolve, spacingMs));
  }
  await Promise.all(requests);
  return sent;
}

/** Replies the channel shows in each mention's thread. */
export function answers(bed: Testbed, sent: SentMention[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of sent) counts.set(m.ts, bed.slack.messagesIn(CHANNEL, m.ts).length);
  return counts;
}

/**
 * Waits until every mention has an answer and nothing is left to send for Slack, then a moment
 * more so a late duplicate would still show; returns the fault's row.
 */
export async function settle(bed: Testbed, sent: SentMention[], fault: string, timeoutMs = 30_000): Promise<FaultRow> {
  await eventually(async () => {
    for (const m of sent) expect(bed.slack.messagesIn(CHANNEL, m.ts).length).toBeGreaterThan(0);
    const open = await bed.t.app.db.prisma.outbox.count({ where: { platform: "slack", status: { in: ["pending", "sending"] } } });
    expect(open).toBe(0);
  }, timeoutMs);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const latest = Math.max(...sent.map((m) => Math.min(...bed.slack.messagesIn(CHANNEL, m.ts).map((p) => p.at)) - m.sentAt));
  return {
    fault,
    ...countAnswers(
      sent.map((m) => m.ts),
      answers(bed, sent),
    ),
    latestReplyMs: latest,
  };
}
