/**
 * Dialogues about a case, turn by turn: in the case's thread (a Slack thread, a Teams reply
 * chain) the case goes without saying — commands need no number and a follow-up is a comment on
 * it; in a direct chat nothing is attached to a case without asking first. Each turn checks what
 * the bot did, what the case holds, and what each party was sent.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, eventually, type TestApp } from "../../support/app.ts";
import { press, render, say } from "../../support/conversation.ts";
import { message } from "../../support/events.ts";
import {
  ANA,
  ENGINEERS_CHANNEL,
  LEE,
  eventEnvelope,
  mention,
  message as slackMessage,
  sendEvent,
  startTestbed,
  type Testbed,
} from "../../adapters/slack/testbed.ts";
import {
  ENGINEERS_CHANNEL as TEAMS_ENGINEERS,
  FakeConnector,
  PEOPLE,
  SUPPORT_CHANNEL,
  channelMention,
  startTeams,
  type TeamsHarness,
} from "../../adapters/teams/support.ts";

/** What a case holds: its status and severity, and its comments and notes with their visibility. */
async function caseRecord(t: TestApp, number: number) {
  const row = await t.app.db.prisma.case.findUniqueOrThrow({ where: { number } });
  const events = await t.app.db.prisma.caseEvent.findMany({
    where: { caseId: row.id, kind: { in: ["comment", "note"] } },
    orderBy: { createdAt: "asc" },
  });
  return {
    status: row.status,
    severity: row.severity,
    assigneeId: row.assigneeId,
    remarks: events.map((e) => ({ kind: e.kind, visibility: e.visibility, body: e.body })),
  };
}

const caseCount = (t: TestApp) => t.app.db.prisma.case.count();

describe("in a direct chat, a remark is never attached to a case without asking", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(() => t.recorder.clear());

  /** Opens a case from the shell as `person` (pressing "Open the case now" if the intake asks first); its number. */
  async function open(person: string, text: string): Promise<number> {
    let reply = await say(t, person, text);
    if (!/CS-\d+/.test(reply)) reply = await press(t, person, "intake.open", {});
    const ref = /(CS-(\d+))/.exec(reply);
    expect(reply, "the case was opened").toMatch(/CS-\d+/);
    return Number(ref![2]);
  }

  /** The buttons of the last reply to a sentence, as the shell would offer them. */
  async function buttonsOf(person: string, text: string) {
    const result = await t.app.bot.handle(message(person, text));
    const mine = result.outbound.filter((m) => m.target.conversationId === `dm:${person}`);
    return { text: render(mine), actions: mine.flatMap((m) => m.card?.actions ?? []) };
  }

  it("does not add 'export the audit log' to the case just opened; a remark is asked about, and [Add] adds it once, publicly", async () => {
    const number = await open("employee", "open case the Bar 50 in the Madrid boardroom has no sound");
    await t.app.dispatcher.runOnce();
    const engineersBefore = t.recorder.to("engineers").length;
    expect(engineersBefore, "the engineers heard of the new case").toBeGreaterThan(0);

    // Turn 1: a request that is not about the case is not added to it, and nobody is told.
    const request = await buttonsOf("employee", "export the audit log");
    expect(request.text).not.toContain(`Added to CS-${number}`);
    expect((await caseRecord(t, number)).remarks).toEqual([]);
    await t.app.dispatcher.runOnce();
    expect(t.recorder.to("engineers")).toHaveLength(engineersBefore);

    // Turn 2: a remark that may belong to the case is asked about; still nothing is added.
    const asked = await buttonsOf("employee", "since yesterday afternoon");
    expect(asked.text).toContain(`Add this to CS-${number}, or is it a new problem?`);
    expect(asked.actions.map((a) => a.label)).toEqual([`Add to CS-${number}`, "New problem"]);
    expect((await caseRecord(t, number)).remarks).toEqual([]);

    // Turn 3: the person says it belongs to the case.
    const add = asked.actions.find((a) => a.id === "case.add")!;
    const added = await press(t, "employee", add.id, add.value);
    expect(added).toContain(`Added to CS-${number}.`);
    expect((await caseRecord(t, number)).remarks).toEqual([{ kind: "comment", visibility: "public", body: "since yesterday afternoon" }]);

    // Turn 4: pressed again (a double click, a second device): nothing more is added.
    await press(t, "employee", add.id, add.value);
    expect((await caseRecord(t, number)).remarks).toHaveLength(1);
  });

  it("[New problem] starts a problem report with the remark and leaves the case as it was", async () => {
    const number = await open("employee", "open case the Tap 10 in Lisbon room 2 is frozen");
    const cases = await caseCount(t);

    const remark = await buttonsOf("employee", "since yesterday afternoon");
    expect(remark.text).toContain(`Add this to CS-${number}, or is it a new problem?`);
    const fresh = remark.actions.find((a) => a.label === "New problem")!;
    const started = await press(t, "employee", fresh.id, fresh.value);
    // The intake takes the remark as the start of a report: it asks what it needs, or opens.
    expect(started).not.toContain(`Added to CS-${number}`);
    // The intake takes the remark as the start of a report and asks what it still needs.
    expect(started).toContain("Which device is it?");
    expect(started).not.toContain(`Added to CS-${number}`);
    expect((await caseRecord(t, number)).remarks).toEqual([]);
    expect(await caseCount(t)).toBe(cases);

    // The report goes on like any other: opened now, it describes the remark, not the first case.
    const opened = await press(t, "employee", "intake.open", {});
    expect(opened).toMatch(/I opened case CS-\d+/);
    expect(await caseCount(t)).toBe(cases + 1);
    const newest = await t.app.db.prisma.case.findFirstOrThrow({ orderBy: { number: "desc" } });
    expect(newest.number).not.toBe(number);
    expect(newest.description).toContain("since yesterday afternoon");
    expect((await caseRecord(t, number)).remarks).toEqual([]);
  });

  it("asks in Spanish, with Spanish buttons, and adds the remark when told to", async () => {
    const number = await open("empleada", "abrir caso la Bar 30 de la sala 2 de Madrid no enciende");
    const asked = await buttonsOf("empleada", "desde ayer por la tarde");
    expect(asked.text).toContain(`¿Lo añado a CS-${number} o es un problema nuevo?`);
    expect(asked.actions.map((a) => a.label)).toEqual([`Añadir a CS-${number}`, "Problema nuevo"]);
    expect((await caseRecord(t, number)).remarks).toEqual([]);

    const add = asked.actions.find((a) => a.id === "case.add")!;
    expect(await press(t, "empleada", add.id, add.value)).toContain(`Añadido a CS-${number}.`);
    expect((await caseRecord(t, number)).remarks).toEqual([{ kind: "comment", visibility: "public", body: "desde ayer por la tarde" }]);
  });

  it("does not close the case opened in the chat on a bare 'close': the chat is not the case's thread", async () => {
    const number = await open("employee", "open case the Bar 50 in Lisbon room 5 has no sound");
    await say(t, "employee", "close");
    expect((await caseRecord(t, number)).status).toBe("open");
    // With its number it is a command, as always.
    expect(await say(t, "employee", `comment CS-${number} it started after Monday's update`)).toContain(`Added to CS-${number}.`);
    expect((await caseRecord(t, number)).remarks).toHaveLength(1);
  });

  it("keeps a long remark whole: the button carries a reference to it and [Add] adds all of it", async () => {
    const number = await open("employee", "open case the Bar 70 in the Lisbon boardroom reboots every hour");
    const long = `after the reboot the log shows ${"fan speed warnings and a thermal alarm, ".repeat(60)}end`;
    const asked = await buttonsOf("employee", long);
    const add = asked.actions.find((a) => a.id === "case.add")!;
    expect(asked.text).toContain(`Add this to CS-${number}`);
    expect(JSON.stringify(add.value).length).toBeLessThan(1_900);
    await press(t, "employee", add.id, add.value);
    expect((await caseRecord(t, number)).remarks.map((r) => r.body)).toEqual([long]);
  });
});

/** The thread a case's card was posted under in a channel (the engineers' card starts one). */
async function linkedThread(t: TestApp, number: number, conversationId: string): Promise<string> {
  return eventually(async () => {
    const row = await t.app.db.prisma.case.findUniqueOrThrow({ where: { number } });
    const link = await t.app.db.prisma.threadLink.findFirst({ where: { caseId: row.id, conversationId, NOT: { threadId: "" } } });
    if (!link) throw new Error(`no thread of CS-${number} in ${conversationId} yet`);
    return link.threadId;
  });
}

/** The number of the case whose description has `text`, once it is opened. */
function openedCase(t: TestApp, text: string): Promise<number> {
  return eventually(async () => {
    const row = await t.app.db.prisma.case.findFirst({ where: { description: { contains: text } } });
    if (!row) throw new Error("case not opened yet");
    return row.number;
  });
}

describe("in a Slack thread of a case, the case goes without saying", () => {
  let bed: Testbed;
  beforeAll(async () => {
    bed = await startTestbed();
  });
  afterAll(() => bed.close());

  /** What the bot posted in a channel's thread, as the people there read it (text and blocks). */
  const postedIn = (channel: string, thread: string) =>
    bed.slack
      .callsOf("chat.postMessage")
      .filter((c) => c.args.channel === channel && c.args.thread_ts === thread)
      .map((c) => `${String(c.args.text ?? "")}\n${JSON.stringify(c.args.blocks ?? [])}`);

  /** One turn: `user` writes in the thread (no mention); resolves with what the bot answered there. */
  async function turn(user: string, text: string, thread: string, channel = "C0SUPPORT", answers = 1): Promise<string> {
    const before = postedIn(channel, thread).length;
    await sendEvent(bed.url, eventEnvelope(slackMessage(user, text, { channel, thread_ts: thread, parent_user_id: "UBOT" })));
    return eventually(() => {
      const now = postedIn(channel, thread);
      if (now.length < before + answers) throw new Error(`waiting for the answer to "${text}"`);
      return now.slice(before).join("\n");
    });
  }

  /** Opens a case from a mention in #support; the case's number and its thread there. */
  async function openByMention(text: string, description: string): Promise<{ number: number; thread: string }> {
    const m = mention(ANA, text);
    await sendEvent(bed.url, eventEnvelope(m));
    const number = await openedCase(bed.t, description);
    await eventually(() => expect(postedIn("C0SUPPORT", m.ts as string).length).toBeGreaterThanOrEqual(2));
    return { number, thread: m.ts as string };
  }

  it("a customer's follow-up is a public comment; severity, status, close and reopen work without the number", async () => {
    const { number, thread } = await openByMention("open case the Bar 50 in room 4.12 has no sound", "room 4.12 has no sound");
    const cases = await caseCount(bed.t);

    let said = await turn(ANA, "still no picture after the restart", thread);
    expect(said).toContain(`Added to CS-${number}.`);
    expect(await caseCount(bed.t), "no new case, no new intake").toBe(cases);
    expect((await caseRecord(bed.t, number)).remarks).toEqual([
      { kind: "comment", visibility: "public", body: "still no picture after the restart" },
    ]);

    said = await turn(ANA, "severity sev2", thread);
    expect(said).toMatch(new RegExp(`CS-${number} severity changed from sev\\d to sev2`));
    expect((await caseRecord(bed.t, number)).severity).toBe("sev2");

    said = await turn(ANA, "status", thread);
    expect(said).toContain(`CS-${number}`);
    expect(said).toContain("still no picture after the restart");

    // A sentence that only starts with a command word is not the command: it is a follow-up.
    said = await turn(ANA, "severity is not the point, the board meets at noon", thread);
    expect(said).toContain(`Added to CS-${number}.`);
    expect((await caseRecord(bed.t, number)).severity).toBe("sev2");

    said = await turn(ANA, "close", thread);
    expect(said).toContain(`CS-${number}`);
    expect((await caseRecord(bed.t, number)).status).toBe("closed");

    said = await turn(ANA, "reopen no sound again this morning", thread);
    expect(said).toContain(`CS-${number}`);
    expect((await caseRecord(bed.t, number)).status).toBe("open");
  });

  it("in Spanish: 'ya lo he reiniciado y sigue igual' is added, 'escálalo' escalates, 'ciérralo' closes", async () => {
    const { number, thread } = await openByMention("abrir caso la Bar 30 de la sala 2 no enciende", "sala 2 no enciende");

    let said = await turn(ANA, "ya lo he reiniciado y sigue igual", thread);
    expect(said).toContain(`Añadido a CS-${number}.`);
    expect((await caseRecord(bed.t, number)).remarks).toEqual([
      { kind: "comment", visibility: "public", body: "ya lo he reiniciado y sigue igual" },
    ]);

    said = await turn(ANA, "escálalo, la junta es en una hora", thread);
    expect(said).toContain(`CS-${number}`);
    const row = await bed.t.app.db.prisma.case.findUniqueOrThrow({ where: { number } });
    expect(await bed.t.app.db.prisma.caseEvent.count({ where: { caseId: row.id, kind: "escalated" } })).toBe(1);

    said = await turn(ANA, "ciérralo", thread);
    expect(said).toContain(`CS-${number}`);
    expect((await caseRecord(bed.t, number)).status).toBe("closed");
  });

  it("an engineer in the engineers' thread: 'take' assigns, plain text is an internal note the customer never gets", async () => {
    const { number, thread } = await openByMention("open case the Tap 10 in room 3.01 is frozen", "room 3.01 is frozen");
    const card = await linkedThread(bed.t, number, ENGINEERS_CHANNEL);
    const customerPosts = () => postedIn("C0SUPPORT", thread).length;

    let said = await turn(LEE, "take", card, ENGINEERS_CHANNEL);
    expect(said).toContain(`CS-${number}`);
    const lee = await bed.t.app.db.prisma.person.findFirstOrThrow({ where: { name: "Lee Chen" } });
    expect((await caseRecord(bed.t, number)).assigneeId).toBe(lee.id);

    const seenByCustomer = customerPosts();
    said = await turn(LEE, "power supply suspected, checking the logs", card, ENGINEERS_CHANNEL);
    expect(said).toContain(`Internal note added to CS-${number}`);
    expect((await caseRecord(bed.t, number)).remarks).toEqual([
      { kind: "note", visibility: "internal", body: "power supply suspected, checking the logs" },
    ]);
    await bed.t.app.dispatcher.runOnce();
    expect(customerPosts()).toBe(seenByCustomer);
    expect(postedIn("C0SUPPORT", thread).join("\n")).not.toContain("power supply suspected");
  });

  it("an engineer in the customer's thread: plain text is a public comment, 'note' stays internal, 'resolve' needs no number", async () => {
    const { number, thread } = await openByMention("open case the Bar 70 in room 5.20 keeps rebooting", "room 5.20 keeps rebooting");

    let said = await turn(LEE, "we are sending you a spare power supply today", thread);
    expect(said).toContain(`Added to CS-${number}.`);
    said = await turn(LEE, "note the unit is on the recall list", thread);
    expect(said).not.toContain("recall list");
    expect((await caseRecord(bed.t, number)).remarks).toEqual([
      { kind: "comment", visibility: "public", body: "we are sending you a spare power supply today" },
      { kind: "note", visibility: "internal", body: "the unit is on the recall list" },
    ]);

    said = await turn(LEE, "resolve workaround use the spare power supply", thread);
    expect(said).toContain(`CS-${number} is resolved (workaround)`);
    expect((await caseRecord(bed.t, number)).status).toBe("resolved");
    expect(postedIn("C0SUPPORT", thread).join("\n")).not.toContain("recall list");
  });
});

describe("in a Teams reply chain of a case, the case goes without saying", () => {
  let t: TeamsHarness;
  beforeAll(async () => {
    t = await startTeams();
  });
  afterAll(() => t.close());

  /** What the bot posted in a reply chain, as its readers see it. */
  const postedIn = (chain: string) => t.connector.postsTo(chain).map(FakeConnector.textOf);

  /** One turn: `person` writes in the reply chain under `root` of `channel`; resolves with the bot's answer there. */
  async function turn(
    person: (typeof PEOPLE)[keyof typeof PEOPLE],
    text: string,
    root: string,
    channel = SUPPORT_CHANNEL,
  ): Promise<string> {
    const chain = `${channel};messageid=${root}`;
    const before = postedIn(chain).length;
    expect((await t.post(channelMention(t.connector.url, person, channel, text, root))).status).toBe(200);
    return eventually(() => {
      const now = postedIn(chain);
      if (now.length <= before) throw new Error(`waiting for the answer to "${text}"`);
      return now.slice(before).join("\n");
    });
  }

  /** Opens a case from a channel post that mentions the bot; its number and the post's id (the chain's root). */
  async function openByMention(person: (typeof PEOPLE)[keyof typeof PEOPLE], text: string, description: string) {
    const post = channelMention(t.connector.url, person, SUPPORT_CHANNEL, text);
    await t.post(post);
    const number = await openedCase(t, description);
    await eventually(() => expect(postedIn(`${SUPPORT_CHANNEL};messageid=${post.id}`).length).toBeGreaterThanOrEqual(1));
    return { number, root: post.id };
  }

  it("a follow-up in the chain is a public comment, 'comment <text>' and 'status' need no number", async () => {
    const { number, root } = await openByMention(PEOPLE.tom, "open case the Bar 50 in room 4 shows no picture", "room 4 shows no picture");
    const cases = await caseCount(t);

    let said = await turn(PEOPLE.tom, "still no picture after the restart", root);
    expect(said).toContain(`Added to CS-${number}.`);
    expect(await caseCount(t)).toBe(cases);

    said = await turn(PEOPLE.tom, "comment it started after Monday's update", root);
    expect(said).toContain(`Added to CS-${number}.`);
    expect((await caseRecord(t, number)).remarks).toEqual([
      { kind: "comment", visibility: "public", body: "still no picture after the restart" },
      { kind: "comment", visibility: "public", body: "it started after Monday's update" },
    ]);

    said = await turn(PEOPLE.tom, "status", root);
    expect(said).toContain(`CS-${number}`);
    expect(said).toContain("AdaptiveCard");
  });

  it("in Spanish: a follow-up is added, 'cierra el caso' closes and 'reábrelo' reopens", async () => {
    const { number, root } = await openByMention(PEOPLE.ana, "abrir caso la Bar 30 de la sala 7 no enciende", "sala 7 no enciende");

    let said = await turn(PEOPLE.ana, "ya lo he reiniciado y sigue igual", root);
    expect(said).toContain(`Añadido a CS-${number}.`);
    expect((await caseRecord(t, number)).remarks).toEqual([
      { kind: "comment", visibility: "public", body: "ya lo he reiniciado y sigue igual" },
    ]);

    said = await turn(PEOPLE.ana, "cierra el caso", root);
    expect(said).toContain(`CS-${number}`);
    expect((await caseRecord(t, number)).status).toBe("closed");

    said = await turn(PEOPLE.ana, "reábrelo, ha vuelto a fallar esta mañana", root);
    expect(said).toContain(`CS-${number}`);
    expect((await caseRecord(t, number)).status).toBe("open");
  });

  it("an engineer in the reply chain of the engineers' card sets the severity and escalates without the number", async () => {
    const { number } = await openByMention(PEOPLE.tom, "open case the Tap 10 in room 9 is frozen", "room 9 is frozen");
    const card = await linkedThread(t, number, TEAMS_ENGINEERS);

    let said = await turn(PEOPLE.lee, "severity sev1", card, TEAMS_ENGINEERS);
    expect(said).toMatch(new RegExp(`CS-${number} severity changed from sev\\d to sev1`));
    expect((await caseRecord(t, number)).severity).toBe("sev1");

    said = await turn(PEOPLE.lee, "escalate the customer's board meets at 3", card, TEAMS_ENGINEERS);
    expect(said).toContain(`CS-${number}`);
    const row = await t.app.db.prisma.case.findUniqueOrThrow({ where: { number } });
    expect(await t.app.db.prisma.caseEvent.count({ where: { caseId: row.id, kind: "escalated" } })).toBe(1);
  });
});
