import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../support/app.ts";
import {
  ENGINEERS_CHANNEL,
  FakeConnector,
  PEOPLE,
  SUPPORT_CHANNEL,
  channelMention,
  personalChat,
  personalMessage,
  received,
  startTeams,
  type TeamsHarness,
} from "./support.ts";

describe("Teams conversations", () => {
  let t: TeamsHarness;

  beforeAll(async () => {
    t = await startTeams();
  });
  afterAll(async () => {
    await t.close();
  });

  it("answers a 1:1 message in the personal chat, threaded under it", async () => {
    const activity = personalMessage(t.connector.url, PEOPLE.tom, "hello");
    const response = await t.post(activity);
    expect(response.status).toBe(200);
    const [reply] = await received(() => t.connector.postsTo(personalChat(PEOPLE.tom)));
    expect(reply!.activityId).toBe(activity.id);
    expect(reply!.body.text).toContain("Tom");
  });

  it("answers a problem described in plain words in the 1:1 chat (the intake's first question or its answer)", async () => {
    const activity = personalMessage(t.connector.url, PEOPLE.tom, "The Bar 50 in room 4 has no sound since this morning");
    expect((await t.post(activity)).status).toBe(200);
    const replies = await received(() => t.connector.postsTo(personalChat(PEOPLE.tom)).filter((p) => p.activityId === activity.id));
    expect(FakeConnector.textOf(replies[0]!).trim().length).toBeGreaterThan(0);
  });

  it("opens a case from a 1:1 message: the person gets the case card, the engineers' channel a new card", async () => {
    await t.post(personalMessage(t.connector.url, PEOPLE.tom, "open case The Bar 50 in room 4 shows no picture"));
    const texts = await eventually(() => {
      const all = t.connector.postsTo(personalChat(PEOPLE.tom)).map(FakeConnector.textOf).join("\n");
      if (!/I opened case CS-\d+/.test(all) || !all.includes("AdaptiveCard")) throw new Error(`not yet: ${all}`);
      return all;
    });
    expect(texts).toContain("shows no picture");
    const engineers = await received(() => t.connector.postsTo(ENGINEERS_CHANNEL));
    const card = engineers[0]!.body.attachments[0];
    expect(card.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(card.content.version).toBe("1.5");
    expect(JSON.stringify(card.content)).toContain("Action.Execute");
  });

  it("answers a channel @mention in the reply chain, without the mention in what it understood", async () => {
    const post = channelMention(t.connector.url, PEOPLE.tom, SUPPORT_CHANNEL, "hello");
    expect((await t.post(post)).status).toBe(200);
    const thread = `${SUPPORT_CHANNEL};messageid=${post.id}`;
    const [reply] = await received(() => t.connector.postsTo(thread));
    expect(reply!.activityId).toBe(post.id);
    expect(reply!.body.text).toContain("Tom");

    const inThread = channelMention(t.connector.url, PEOPLE.tom, SUPPORT_CHANNEL, "thanks", post.id);
    await t.post(inThread);
    const replies = await received(() => (t.connector.postsTo(thread).length >= 2 ? t.connector.postsTo(thread) : undefined));
    expect(replies[1]!.activityId).toBe(inThread.id);
  });

  it("answers in a group chat", async () => {
    const activity = {
      ...personalMessage(t.connector.url, PEOPLE.tom, "hi"),
      conversation: { id: "19:group-chat@thread.v2", conversationType: "groupChat", isGroup: true, tenantId: "tenant-contoso" },
    };
    await t.post(activity);
    const [reply] = await received(() => t.connector.postsTo("19:group-chat@thread.v2"));
    expect(reply!.body.text).toContain("Tom");
  });

  it("processes a redelivered activity once", async () => {
    const activity = personalMessage(t.connector.url, PEOPLE.ana, "open case la Bar 30 de la sala 2 no enciende");
    expect((await t.post(activity)).status).toBe(200);
    expect((await t.post(activity)).status).toBe(200);
    await received(() => t.connector.postsTo(personalChat(PEOPLE.ana)).find((p) => /CS-\d+/.test(p.body.text ?? "")));
    // Let the dispatcher finish anything the second copy might (wrongly) have queued.
    await t.app.dispatcher.runOnce();
    const cases = await t.app.db.prisma.case.findMany({ where: { description: { contains: "no enciende" } } });
    expect(cases).toHaveLength(1);
    const opened = t.connector.postsTo(personalChat(PEOPLE.ana)).filter((p) => (p.body.text ?? "").includes(`CS-${cases[0]!.number}`));
    expect(opened).toHaveLength(1);
  });

  it("tells a person Switchboard does not know how to get access", async () => {
    await t.post(personalMessage(t.connector.url, PEOPLE.stranger, "hello"));
    const [reply] = await received(() => t.connector.postsTo(personalChat(PEOPLE.stranger)));
    expect(reply!.body.text).toMatch(/Teams/);
  });

  it("recognises a person imported by e-mail on their first Teams message (from the roster) and remembers their Teams id", async () => {
    await t.post(personalMessage(t.connector.url, PEOPLE.pat, "hello"));
    const [reply] = await received(() => t.connector.postsTo(personalChat(PEOPLE.pat)));
    expect(reply!.body.text).toContain("Pat");
    const identity = await t.app.db.prisma.platformIdentity.findFirst({ where: { platform: "teams", externalId: PEOPLE.pat.aad } });
    expect(identity).not.toBeNull();
  });
});
