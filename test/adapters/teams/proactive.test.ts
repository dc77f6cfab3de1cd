import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../support/app.ts";
import { testProviders } from "../../support/database.ts";
import {
  ENGINEERS_CHANNEL,
  PEOPLE,
  channelMention,
  openCase,
  personalChat,
  personalMessage,
  received,
  startTeams,
  type TeamsHarness,
} from "./support.ts";

describe.each(await testProviders())("proactive Teams messages on %s", (provider) => {
  let t: TeamsHarness;
  beforeAll(async () => {
    t = await startTeams({}, provider);
  });
  afterAll(async () => {
    await t.close();
  });

  it("stores the conversation on install and greets a person who adds the app", async () => {
    const install = {
      ...personalMessage(t.connector.url, PEOPLE.ana, ""),
      type: "installationUpdate",
      action: "add",
      text: undefined,
      locale: "es-ES",
    };
    expect((await t.post(install)).status).toBe(200);
    const [welcome] = await received(() => t.connector.postsTo(personalChat(PEOPLE.ana)));
    expect(welcome!.body.text).toContain("Switchboard");
    expect(welcome!.body.text).toContain("ayuda");
    const stored = await t.app.db.prisma.teamsConversation.findUnique({ where: { conversationId: personalChat(PEOPLE.ana) } });
    expect(stored).toMatchObject({ kind: "personal", status: "active", userId: PEOPLE.ana.aad, tenantId: "tenant-contoso" });
    // The conversationUpdate of the same install does not greet twice.
    await t.post({
      ...install,
      id: `${install.id}-cu`,
      type: "conversationUpdate",
      action: undefined,
      membersAdded: [{ id: "28:switchboard-bot" }],
    });
    await t.app.dispatcher.runOnce();
    expect(t.connector.postsTo(personalChat(PEOPLE.ana))).toHaveLength(1);
  });

  it("a case update reaches the customer's stored personal chat later, as a new post", async () => {
    const { ref } = await openCase(t, PEOPLE.tom, "The Bar 50 fan is loud");
    const before = t.connector.postsTo(personalChat(PEOPLE.tom)).length;
    await t.post(channelMention(t.connector.url, PEOPLE.lee, ENGINEERS_CHANNEL, `comment ${ref} a replacement fan ships tomorrow`));
    const update = await received(() =>
      t.connector
        .postsTo(personalChat(PEOPLE.tom))
        .slice(before)
        .find((p) => (p.body.text ?? "").includes("replacement fan")),
    );
    expect(update.activityId).toBeUndefined();
    expect(update.body.text).toContain("Lee Chen");
  });

  it("records a conversation the bot was removed from (403) and stops sending there; a new message revives it", async () => {
    const { ref, number } = await openCase(t, PEOPLE.tom, "The Tap 10 screen flickers");
    t.connector.refuse = (request) =>
      request.path.includes(encodeURIComponent(personalChat(PEOPLE.tom)))
        ? {
            status: 403,
            body: { error: { code: "BotNotInConversationRoster", message: "The bot is not part of the conversation roster." } },
          }
        : undefined;
    const refused = () => t.connector.requests.filter((r) => r.path.includes(encodeURIComponent(personalChat(PEOPLE.tom)))).length;
    const seen = refused();
    await t.post(channelMention(t.connector.url, PEOPLE.lee, ENGINEERS_CHANNEL, `comment ${ref} please power-cycle it`));
    await eventually(async () => {
      const row = await t.app.db.prisma.teamsConversation.findUnique({ where: { conversationId: personalChat(PEOPLE.tom) } });
      expect(row?.status).toBe("gone");
      expect(row?.goneReason).toContain("403");
    });
    const dead = await eventually(async () => {
      const rows = await t.app.db.prisma.outbox.findMany({ where: { conversationId: personalChat(PEOPLE.tom), status: "dead" } });
      expect(rows.length).toBeGreaterThan(0);
      return rows;
    });
    expect(dead[0]!.attempts).toBe(1);
    expect(refused()).toBe(seen + 1);
    expect(t.logs.lines.some((l) => String(l.msg).includes("Teams refused the conversation"))).toBe(true);

    // A later change does not call Teams again for that conversation.
    await t.post(channelMention(t.connector.url, PEOPLE.lee, ENGINEERS_CHANNEL, `comment ${ref} did that help?`));
    await eventually(async () => {
      const rows = await t.app.db.prisma.outbox.findMany({ where: { conversationId: personalChat(PEOPLE.tom), status: "dead" } });
      expect(rows.length).toBe(dead.length + 1);
    });
    expect(refused()).toBe(seen + 1);
    const events = await t.app.db.prisma.caseEvent.findMany({ where: { case: { number }, kind: "comment" } });
    expect(events).toHaveLength(2);

    // The person writes again (the app is back): the conversation is reachable again.
    t.connector.refuse = undefined;
    await t.post(personalMessage(t.connector.url, PEOPLE.tom, "hello"));
    await received(() => t.connector.postsTo(personalChat(PEOPLE.tom)).find((p) => (p.body.text ?? "").startsWith("Hi")));
    const row = await t.app.db.prisma.teamsConversation.findUnique({ where: { conversationId: personalChat(PEOPLE.tom) } });
    expect(row?.status).toBe("active");
  });

  it("waits for Teams when it throttles (429) and delivers afterwards", async () => {
    let throttled = 0;
    t.connector.refuse = (request) =>
      request.method === "POST" && request.path.includes(encodeURIComponent(personalChat(PEOPLE.ana))) && throttled++ === 0
        ? { status: 429, headers: { "retry-after": "1" }, body: { error: { code: "Throttled", message: "slow down" } } }
        : undefined;
    await t.post(personalMessage(t.connector.url, PEOPLE.ana, "hola"));
    const reply = await received(() =>
      t.connector.postsTo(personalChat(PEOPLE.ana)).find((p) => (p.body.text ?? "").includes("Hola, Ana")),
    );
    expect(reply).toBeDefined();
    expect(throttled).toBeGreaterThanOrEqual(2);
    t.connector.refuse = undefined;
  });

  it("a ping addressed to a person (an engineer's escalation) reaches their personal chat with the bot", async () => {
    await t.post(personalMessage(t.connector.url, PEOPLE.lee, "hi"));
    await received(() => t.connector.postsTo(personalChat(PEOPLE.lee)));
    const { ref } = await openCase(t, PEOPLE.tom, "The Bar 30 camera is upside down");
    await t.post(personalMessage(t.connector.url, PEOPLE.tom, `escalate ${ref} visitors all day`));
    const ping = await received(() => t.connector.postsTo(personalChat(PEOPLE.lee)).find((p) => (p.body.text ?? "").includes(ref)));
    expect(ping.activityId).toBeUndefined();
  });
});
