/**
 * Delivery receipts of escalation pings, through the front door on both platforms: a ping Teams
 * refuses (403, the bot was removed from the engineer's chat) is not dropped; it reaches the next
 * target of the level, and the audit and every copy of the support card say so.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../../core/clock.ts";
import { personalChat, personalMessage } from "../../adapters/teams/support.ts";
import { eventually } from "../../support/app.ts";
import {
  installPersonalChats,
  openCaseOnBoth,
  outboxSettled,
  SLACK_ENGINEERS,
  startBothPlatforms,
  TEAMS,
  TEAMS_ENGINEERS,
  type BothPlatforms,
} from "./both-platforms.ts";

let bed: BothPlatforms | undefined;
afterEach(async () => {
  await bed?.close();
  bed = undefined;
});

describe("escalation pings that cannot be delivered", () => {
  it("a 403 on the assigned engineer's Teams ping sends it to the engineers' channel, with a note in the audit and on the cards", async () => {
    bed = await startBothPlatforms(new ManualClock("2026-03-10T09:42:00Z"));
    await installPersonalChats(bed, [TEAMS.lee, TEAMS.sam]);
    const engineersChats = new Set([personalChat(TEAMS.lee), personalChat(TEAMS.sam)]);
    // The bot was removed from both engineers' personal chats: Teams answers 403 there.
    bed.connector.refuse = (request) => {
      const conversation = decodeURIComponent(request.path.split("/")[3] ?? "");
      return request.method === "POST" && engineersChats.has(conversation)
        ? {
            status: 403,
            body: { error: { code: "BotNotInConversationRoster", message: "The bot is not part of the conversation roster." } },
          }
        : undefined;
    };
    const opened = await openCaseOnBoth(bed, "sev2 The Speak 40 in the lobby crackles on every call");
    // Ana escalates: the support manager level assigns a specialist and pings them personally.
    await bed.teams(personalMessage(bed.connector.url, TEAMS.ana, `escalate ${opened.ref} the board meets at noon`));
    const assignee = await eventually(async () => {
      const row = await bed!.t.app.db.prisma.case.findUnique({ where: { id: opened.id }, select: { assigneeId: true } });
      const person = row?.assigneeId && (await bed!.t.app.db.prisma.person.findUnique({ where: { id: row.assigneeId } }));
      if (!person) throw new Error("nobody assigned yet");
      return person.name;
    });
    const note = `could not reach ${assignee} on Teams — sent to Support engineers`;

    // The ping reaches the Teams engineers' channel, saying why it is there.
    const redirected = await eventually(() => {
      const found = bed!.connector
        .activities()
        .find((a) => a.method === "POST" && a.conversation === TEAMS_ENGINEERS && String(a.body.text ?? "").includes(note));
      expect(found).toBeTruthy();
      return found!;
    });
    expect(redirected.body.text).toContain(`You were assigned ${opened.ref}`);
    await outboxSettled(bed);

    // The audit records it, and every copy of the support card shows it.
    const audit = await bed.t.app.db.prisma.auditLog.findMany({ where: { action: "escalation.ping_fallback", subjectId: opened.ref } });
    expect(audit.map((row) => JSON.parse(row.after ?? "{}").note)).toContain(note);
    const slackCard = bed.slack
      .callsOf("chat.update")
      .filter((c) => c.args.channel === SLACK_ENGINEERS && c.args.ts === opened.cards.slack)
      .at(-1);
    expect(JSON.stringify(slackCard?.args.blocks)).toContain(note);
    const teamsCard = bed.connector
      .activities()
      .filter((a) => a.method === "PUT" && a.conversation === TEAMS_ENGINEERS && a.activityId === opened.cards.teams)
      .at(-1);
    expect(JSON.stringify(teamsCard?.body)).toContain(note);
  });

  it("a reminder Slack refuses (the engineers' channel was archived) reaches the Teams engineers' channel instead", async () => {
    const clock = new ManualClock("2026-03-10T09:42:00Z");
    bed = await startBothPlatforms(clock);
    const opened = await openCaseOnBoth(bed, "sev2 The Tap 10 in the lobby is frozen on the home screen");
    await outboxSettled(bed);
    bed.slack.fault = {
      refuse: (method, args) =>
        method === "chat.postMessage" && args.channel === SLACK_ENGINEERS && String(args.text ?? "").startsWith("⏰")
          ? { body: { ok: false, error: "is_archived" } }
          : undefined,
    };
    // Nobody acknowledges: the level-1 reminder is due (sev2 repeats every 15 minutes).
    clock.advance(16 * 60_000);
    await bed.t.app.scheduler.runDue();
    const note = "could not reach #support-engineers on Slack — sent to Support engineers";
    const redirected = await eventually(() => {
      const found = bed!.connector
        .activities()
        .find((a) => a.method === "POST" && a.conversation === TEAMS_ENGINEERS && String(a.body.text ?? "").includes(note));
      expect(found).toBeTruthy();
      return found!;
    });
    expect(redirected.body.text).toContain(`${opened.ref} is still not acknowledged`);
    const audit = await bed.t.app.db.prisma.auditLog.findMany({ where: { action: "escalation.ping_fallback", subjectId: opened.ref } });
    expect(audit.map((row) => JSON.parse(row.after ?? "{}").note)).toContain(note);
  });
});
