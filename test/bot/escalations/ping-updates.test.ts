/**
 * The personal ping of an assigned engineer is tracked like the cards: an Ack on the other
 * platform updates it in place, in the Slack DM and in the Teams personal chat, naming who
 * acknowledged and when, instead of leaving it reading as if nothing had happened.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../../core/clock.ts";
import { cardOf, personalChat, personalMessage } from "../../adapters/teams/support.ts";
import { eventually } from "../../support/app.ts";
import {
  installPersonalChats,
  LEE_SLACK,
  openCaseOnBoth,
  outboxSettled,
  startBothPlatforms,
  TEAMS,
  TEAMS_ENGINEERS,
  teamsPress,
  type BothPlatforms,
} from "./both-platforms.ts";

let bed: BothPlatforms | undefined;
afterEach(async () => {
  await bed?.close();
  bed = undefined;
});

describe("personal escalation pings, updated in place", () => {
  it("an Ack on the Teams card updates the assignee's Slack DM and Teams chat ping once, naming who acknowledged and when", async () => {
    bed = await startBothPlatforms(new ManualClock("2026-03-10T09:42:00Z"));
    await installPersonalChats(bed, [TEAMS.lee, TEAMS.sam]);
    const opened = await openCaseOnBoth(bed, "sev2 The Speak 40 in room 3 hums on every call");
    // Ana escalates: the support manager level gives the case to Lee and pings him personally.
    await bed.teams(personalMessage(bed.connector.url, TEAMS.ana, `escalate ${opened.ref} the board meets at noon`));
    const pinged = `You were assigned ${opened.ref}`;
    const leeDm = `D${LEE_SLACK}`;
    const leeChat = personalChat(TEAMS.lee);
    const slackPing = await eventually(() => {
      const found = bed!.slack.messagesIn(leeDm).find((m) => String(m.text ?? "").includes(pinged));
      expect(found).toBeTruthy();
      return found!;
    });
    await eventually(() =>
      expect(
        bed!.connector
          .activities()
          .some((a) => a.method === "POST" && a.conversation === leeChat && String(a.body.text ?? "").includes(pinged)),
      ).toBe(true),
    );
    await outboxSettled(bed);

    // Sam acknowledges on the Teams engineers' card.
    const posted = bed.connector.activities().find((a) => a.conversation === TEAMS_ENGINEERS && cardOf(a));
    const ack = (cardOf(posted)?.actions ?? []).find((a: { title: string }) => a.title === "Acknowledge");
    expect(ack).toBeTruthy();
    const pressed = await bed.teams(teamsPress(bed.connector.url, TEAMS.sam, opened.cards.teams, ack.verb, ack.data));
    expect(pressed.status).toBe(200);

    const told = "level 1 acknowledged by Sam Ortiz at 10:42 CET";
    const slackUpdates = () => bed!.slack.callsOf("chat.update").filter((c) => c.args.channel === leeDm && c.args.ts === slackPing.ts);
    const teamsUpdates = () => bed!.connector.activities().filter((a) => a.method === "PUT" && a.conversation === leeChat);
    await eventually(() => {
      expect(slackUpdates().length).toBeGreaterThan(0);
      expect(teamsUpdates().length).toBeGreaterThan(0);
    });
    await outboxSettled(bed);
    // Each ping is updated once, in place, and still says what it was about.
    expect(slackUpdates()).toHaveLength(1);
    const dm = bed.slack.messagesIn(leeDm).find((m) => m.ts === slackPing.ts)!;
    expect(dm.text).toContain(pinged);
    expect(dm.text).toContain(told);
    expect(bed.slack.messagesIn(leeDm).filter((m) => String(m.text ?? "").includes(pinged))).toHaveLength(1);
    expect(teamsUpdates()).toHaveLength(1);
    // The ping in Lee's Teams chat is the message updated, not a new one.
    const teamsPingId = (
      await bed.t.app.db.prisma.messageRef.findFirst({ where: { platform: "teams", conversationId: `user:${TEAMS.lee.aad}` } })
    )?.messageId;
    expect(teamsPingId).toBeTruthy();
    expect(teamsUpdates()[0]!.activityId).toBe(teamsPingId);
    expect(String(teamsUpdates()[0]!.body.text)).toContain(pinged);
    expect(String(teamsUpdates()[0]!.body.text)).toContain(told);
  });
  it("Take and Resolve by another engineer update the assignee's Slack DM ping in place, with who and when", async () => {
    const clock = new ManualClock("2026-03-10T09:42:00Z");
    bed = await startBothPlatforms(clock);
    await installPersonalChats(bed, [TEAMS.lee, TEAMS.sam]);
    const opened = await openCaseOnBoth(bed, "sev2 The Bar 70 in room 6 reboots every few minutes");
    await bed.teams(personalMessage(bed.connector.url, TEAMS.ana, `escalate ${opened.ref} the board meets at noon`));
    const pinged = `You were assigned ${opened.ref}`;
    const leeDm = `D${LEE_SLACK}`;
    const ping = await eventually(() => {
      const found = bed!.slack.messagesIn(leeDm).find((m) => String(m.text ?? "").includes(pinged));
      expect(found).toBeTruthy();
      return found!;
    });
    await outboxSettled(bed);
    const dmText = () => String(bed!.slack.messagesIn(leeDm).find((m) => m.ts === ping.ts)?.text ?? "");

    // Sam takes the case over from his Teams chat: Lee's ping says so.
    await bed.teams(personalMessage(bed.connector.url, TEAMS.sam, `take ${opened.ref}`));
    await eventually(() => expect(dmText()).toContain("taken by Sam Ortiz at 10:42 CET"));
    await outboxSettled(bed);

    // Eight minutes later Sam resolves it: the same ping says who resolved it and when.
    clock.advance(8 * 60_000);
    await bed.teams(personalMessage(bed.connector.url, TEAMS.sam, `resolve ${opened.ref} workaround power-cycled the unit`));
    await eventually(() => expect(dmText()).toContain("resolved by Sam Ortiz at 10:50 CET"));
    await outboxSettled(bed);
    expect(dmText()).toContain(pinged);
    expect(bed.slack.callsOf("chat.update").filter((c) => c.args.channel === leeDm && c.args.ts === ping.ts)).toHaveLength(2);
    expect(bed.slack.messagesIn(leeDm).filter((m) => String(m.text ?? "").includes(pinged))).toHaveLength(1);
  });
});
