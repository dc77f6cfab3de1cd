/**
 * One escalation, every copy of its card: with the engineers' channel on Slack and on Teams, an
 * acknowledgement on either platform updates both cards in place, names who acknowledged and when
 * (in the case's zone, named), and the confirmation is said once per channel.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../../core/clock.ts";
import type { SlackCall } from "../../adapters/slack/fake-slack.ts";
import { buttonPress, sendInteraction } from "../../adapters/slack/testbed.ts";
import { cardOf, personalMessage } from "../../adapters/teams/support.ts";
import { eventually } from "../../support/app.ts";
import { testProviders } from "../../support/database.ts";
import {
  LEE_SLACK,
  openCaseOnBoth,
  outboxSettled,
  SLACK_ENGINEERS,
  startBothPlatforms,
  TEAMS,
  TEAMS_ENGINEERS,
  teamsPress,
  type BothPlatforms,
} from "./both-platforms.ts";

// 09:42 UTC is 10:42 in Madrid (CET), the zone of Acme's contract.
const START = "2026-03-10T09:42:00Z";
const PROVIDERS = await testProviders();
const CONFIRMATION = /level 1 acknowledged\. Reminders stopped\./;

let bed: BothPlatforms | undefined;
afterEach(async () => {
  await bed?.close();
  bed = undefined;
});

type Block = { elements?: { action_id?: string; value?: string }[]; accessory?: { action_id?: string; value?: string } };
const slackButtons = (call: SlackCall) =>
  ((call.args.blocks ?? []) as Block[]).flatMap((b) => [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])]);

/** The Slack card as last sent (posted or updated), and its Acknowledge button. */
function slackCard(b: BothPlatforms, ts: string) {
  const call = b.slack.calls
    .filter(
      (c) =>
        ["chat.postMessage", "chat.update"].includes(c.method) &&
        c.args.channel === SLACK_ENGINEERS &&
        (c.args.ts === ts || c.method === "chat.postMessage") &&
        c.args.blocks,
    )
    .at(-1)!;
  return { call, ack: slackButtons(call).find((x) => x.action_id?.startsWith("esc.ack")) };
}

/** The Teams card's Acknowledge button, from the card as posted to the engineers' channel. */
function teamsAck(b: BothPlatforms, cardId: string) {
  const posted = b.connector
    .activities()
    .find((a) => a.conversation === TEAMS_ENGINEERS && (a.activityId === undefined || a.activityId === cardId) && cardOf(a));
  const action = (cardOf(posted)?.actions ?? []).find((a: { title: string }) => a.title === "Acknowledge");
  if (!action) throw new Error("no Acknowledge button on the Teams card");
  return { verb: action.verb as string, data: action.data };
}

const slackUpdatesOf = (b: BothPlatforms, ts: string) =>
  b.slack.callsOf("chat.update").filter((c) => c.args.channel === SLACK_ENGINEERS && c.args.ts === ts);
const teamsUpdatesOf = (b: BothPlatforms, id: string) =>
  b.connector.activities().filter((a) => a.method === "PUT" && a.conversation === TEAMS_ENGINEERS && a.activityId === id);
/** Every message posted in a channel, its threads included, as text a person reads. */
const slackPostsIn = (b: BothPlatforms) =>
  b.slack
    .callsOf("chat.postMessage")
    .filter((c) => c.args.channel === SLACK_ENGINEERS)
    .map((c) => `${c.args.text ?? ""}`);
const teamsPostsIn = (b: BothPlatforms) =>
  b.connector
    .activities()
    .filter((a) => a.method === "POST" && a.conversation.startsWith(TEAMS_ENGINEERS))
    .map((a) => `${a.body.text ?? ""}`);

describe("one escalation card, every copy, on Slack and Teams", () => {
  it("an Ack on the Slack card updates both engineers' cards once, naming who and when, and confirms once per channel", async () => {
    bed = await startBothPlatforms(new ManualClock(START));
    const opened = await openCaseOnBoth(bed, "sev2 The Headset Pro drops every call in the boardroom");
    const { ack } = slackCard(bed, opened.cards.slack);
    expect(ack).toBeTruthy();
    const response = await sendInteraction(
      bed.slackUrl,
      buttonPress(LEE_SLACK, { action_id: ack!.action_id!, value: ack!.value }, { channel: SLACK_ENGINEERS, ts: opened.cards.slack }),
    );
    expect(response.status).toBe(200);

    // The Slack card itself, where the button was pressed, and the Teams copy.
    await eventually(() => {
      expect(slackUpdatesOf(bed!, opened.cards.slack).length).toBeGreaterThan(0);
      expect(teamsUpdatesOf(bed!, opened.cards.teams).length).toBeGreaterThan(0);
    });
    await outboxSettled(bed);
    const slackUpdates = slackUpdatesOf(bed, opened.cards.slack);
    const teamsUpdates = teamsUpdatesOf(bed, opened.cards.teams);
    expect(slackUpdates).toHaveLength(1);
    expect(teamsUpdates).toHaveLength(1);
    expect(JSON.stringify(slackUpdates[0]!.args.blocks)).toContain("level 1 acknowledged by Lee Chen at 10:42 CET");
    expect(slackButtons(slackUpdates[0]!).some((x) => x.action_id?.startsWith("esc.ack"))).toBe(false);
    const teamsCard = JSON.stringify(cardOf(teamsUpdates[0]));
    expect(teamsCard).toContain("level 1 acknowledged by Lee Chen at 10:42 CET");
    expect(teamsCard).not.toContain('"title":"Acknowledge"');

    // "Reminders stopped" is said once in each engineers' channel, not twice.
    expect(slackPostsIn(bed).filter((x) => CONFIRMATION.test(x))).toHaveLength(1);
    expect(teamsPostsIn(bed).filter((x) => CONFIRMATION.test(x))).toHaveLength(1);
  });

  it("an Ack on the Teams card updates the Slack copy too, and a second Ack is told who was first", async () => {
    bed = await startBothPlatforms(new ManualClock(START));
    const opened = await openCaseOnBoth(bed, "sev2 The Bar 70 in the lobby shows no video at all");
    const ack = teamsAck(bed, opened.cards.teams);
    const first = await bed.teams(teamsPress(bed.connector.url, TEAMS.sam, opened.cards.teams, ack.verb, ack.data));
    expect(first.status).toBe(200);
    await eventually(() => expect(slackUpdatesOf(bed!, opened.cards.slack).length).toBeGreaterThan(0));
    await outboxSettled(bed);
    expect(JSON.stringify(slackUpdatesOf(bed, opened.cards.slack).at(-1)!.args.blocks)).toContain(
      "level 1 acknowledged by Sam Ortiz at 10:42 CET",
    );

    // Lee presses the Slack copy's button afterwards.
    const { ack: stale } = slackCard(bed, opened.cards.slack);
    const slackAck =
      stale ??
      slackButtons(bed.slack.callsOf("chat.postMessage").find((c) => c.args.channel === SLACK_ENGINEERS && c.args.blocks)!).find((x) =>
        x.action_id?.startsWith("esc.ack"),
      )!;
    await sendInteraction(
      bed.slackUrl,
      buttonPress(
        LEE_SLACK,
        { action_id: slackAck.action_id!, value: slackAck.value },
        { channel: SLACK_ENGINEERS, ts: opened.cards.slack },
      ),
    );
    await eventually(() => expect(slackPostsIn(bed!).some((x) => x.includes("already acknowledged by Sam Ortiz at 10:42 CET"))).toBe(true));
    await outboxSettled(bed);
    expect(slackPostsIn(bed).filter((x) => CONFIRMATION.test(x))).toHaveLength(1);
    expect(teamsPostsIn(bed).filter((x) => CONFIRMATION.test(x))).toHaveLength(1);
  });

  // PostgreSQL runs the two transactions truly in parallel; SQLite one after the other.
  it.each(PROVIDERS)(
    "two simultaneous Acks, one on Slack and one on Teams: exactly one wins, the other is told who did (%s)",
    async (provider) => {
      bed = await startBothPlatforms(new ManualClock(START), provider);
      const opened = await openCaseOnBoth(bed, "sev2 The Cam 4K in room 2 is frozen on a black image");
      const { ack } = slackCard(bed, opened.cards.slack);
      const teams = teamsAck(bed, opened.cards.teams);
      const [slackResponse, teamsResponse] = await Promise.all([
        sendInteraction(
          bed.slackUrl,
          buttonPress(LEE_SLACK, { action_id: ack!.action_id!, value: ack!.value }, { channel: SLACK_ENGINEERS, ts: opened.cards.slack }),
        ),
        bed.teams(teamsPress(bed.connector.url, TEAMS.sam, opened.cards.teams, teams.verb, teams.data)),
      ]);
      expect(slackResponse.status).toBe(200);
      expect(teamsResponse.status).toBe(200);
      const events = await eventually(async () => {
        const rows = await bed!.t.app.db.prisma.caseEvent.findMany({ where: { caseId: opened.id, kind: "acknowledged" } });
        expect(rows).toHaveLength(1);
        return rows;
      });
      const winner = (await bed.t.app.db.prisma.person.findUnique({ where: { id: events[0]!.actorId! } }))!.name;
      const loser = winner === "Lee Chen" ? "Sam Ortiz" : "Lee Chen";
      const told = `already acknowledged by ${winner} at 10:42 CET`;
      // The loser hears it where they pressed: in the Slack channel, or in the Teams answer/thread.
      await eventually(() => {
        const where = loser === "Lee Chen" ? slackPostsIn(bed!) : [...teamsPostsIn(bed!), JSON.stringify(teamsResponse.body ?? "")];
        expect(where.some((x) => x.includes(told))).toBe(true);
      });
      await outboxSettled(bed);
      expect(slackPostsIn(bed).filter((x) => CONFIRMATION.test(x))).toHaveLength(1);
      expect(teamsPostsIn(bed).filter((x) => CONFIRMATION.test(x))).toHaveLength(1);
      const audit = await bed.t.app.db.prisma.auditLog.count({ where: { action: "escalation.acknowledged", subjectId: opened.ref } });
      expect(audit).toBe(1);
    },
  );

  it("Take on the Slack card updates both copies once with the engineer's name, and keeps the SLA clock on them", async () => {
    bed = await startBothPlatforms(new ManualClock(START));
    const opened = await openCaseOnBoth(bed, "sev2 The Room L kit in the boardroom loses audio every hour");
    const { call } = slackCard(bed, opened.cards.slack);
    const take = slackButtons(call).find((x) => x.action_id?.startsWith("case.take"))!;
    await sendInteraction(
      bed.slackUrl,
      buttonPress(LEE_SLACK, { action_id: take.action_id!, value: take.value }, { channel: SLACK_ENGINEERS, ts: opened.cards.slack }),
    );
    await eventually(() => {
      expect(slackUpdatesOf(bed!, opened.cards.slack).length).toBeGreaterThan(0);
      expect(teamsUpdatesOf(bed!, opened.cards.teams).length).toBeGreaterThan(0);
    });
    await outboxSettled(bed);
    const slackUpdates = slackUpdatesOf(bed, opened.cards.slack);
    const teamsUpdates = teamsUpdatesOf(bed, opened.cards.teams);
    expect(slackUpdates).toHaveLength(1);
    expect(teamsUpdates).toHaveLength(1);
    for (const card of [JSON.stringify(slackUpdates[0]!.args.blocks), JSON.stringify(cardOf(teamsUpdates[0]))]) {
      expect(card).toContain("Lee Chen");
      expect(card).toContain("first response due");
      expect(card).toContain("level 1 acknowledged by Lee Chen at 10:42 CET");
    }
  });

  it("a customer's escalation with a reason shows on both engineers' cards, with who asked, when and why", async () => {
    bed = await startBothPlatforms(new ManualClock(START));
    const opened = await openCaseOnBoth(bed, "sev2 The Cam 4K in room 5 keeps losing focus");
    await outboxSettled(bed);
    await bed.teams(personalMessage(bed.connector.url, TEAMS.ana, `escalate ${opened.ref} the board meets at noon`));
    const shown = "to Support manager by Ana García at 10:42 CET: the board meets at noon";
    await eventually(() => {
      expect(JSON.stringify(slackUpdatesOf(bed!, opened.cards.slack).at(-1)?.args.blocks)).toContain(shown);
      expect(JSON.stringify(cardOf(teamsUpdatesOf(bed!, opened.cards.teams).at(-1)))).toContain(shown);
    });
  });
});

describe("who reassigned and who resolved, on every copy", () => {
  it("a reassignment shows on both engineers' cards once, naming the new engineer, who reassigned and when", async () => {
    bed = await startBothPlatforms(new ManualClock(START));
    const opened = await openCaseOnBoth(bed, "sev2 The Bar 50 in room 3 reboots during every call");
    await outboxSettled(bed);
    await bed.teams(personalMessage(bed.connector.url, TEAMS.lee, `reassign ${opened.ref} Sam`));
    const shown = "Reassigned to Sam Ortiz by Lee Chen at 10:42 CET";
    await eventually(() => {
      expect(JSON.stringify(slackUpdatesOf(bed!, opened.cards.slack).at(-1)?.args.blocks)).toContain(shown);
      expect(JSON.stringify(cardOf(teamsUpdatesOf(bed!, opened.cards.teams).at(-1)))).toContain(shown);
    });
    await outboxSettled(bed);
    const slackCardNow = JSON.stringify(slackUpdatesOf(bed, opened.cards.slack).at(-1)!.args.blocks);
    const teamsCardNow = JSON.stringify(cardOf(teamsUpdatesOf(bed, opened.cards.teams).at(-1)));
    expect(slackCardNow.split(shown)).toHaveLength(2);
    expect(teamsCardNow.split(shown)).toHaveLength(2);
  });

  it("resolving names who resolved and when on both engineers' cards", async () => {
    bed = await startBothPlatforms(new ManualClock(START));
    const opened = await openCaseOnBoth(bed, "sev2 The Cam 4K in room 7 overheats after an hour");
    await outboxSettled(bed);
    await bed.teams(personalMessage(bed.connector.url, TEAMS.sam, `resolve ${opened.ref} workaround turn off the auto framing`));
    const shown = "Resolved by Sam Ortiz at 10:42 CET";
    await eventually(() => {
      expect(JSON.stringify(slackUpdatesOf(bed!, opened.cards.slack).at(-1)?.args.blocks)).toContain(shown);
      expect(JSON.stringify(cardOf(teamsUpdatesOf(bed!, opened.cards.teams).at(-1)))).toContain(shown);
    });
  });
});
