import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../support/app.ts";
import {
  ENGINEERS_CHANNEL,
  PEOPLE,
  cardOf,
  channelMention,
  executeAction,
  openCase,
  personalChat,
  personalMessage,
  received,
  startTeams,
  type TeamsHarness,
} from "./support.ts";

const TENANT_CONVERSATION = (id: string, type: string) => ({ id, conversationType: type, tenantId: "tenant-contoso" });

/** The data a rendered button carries, by its title. */
function button(card: Record<string, any> | undefined, title: string): { verb: string; data: Record<string, any> } {
  const action = (card?.actions ?? []).find((a: { title: string }) => a.title === title);
  if (!action) throw new Error(`no "${title}" button on ${JSON.stringify(card)}`);
  return { verb: action.verb, data: action.data };
}

describe("Teams card buttons", () => {
  let t: TeamsHarness;
  beforeAll(async () => {
    t = await startTeams();
  });
  afterAll(async () => {
    await t.close();
  });

  it("an engineer takes a case from the channel card: the invoke returns the refreshed card, and the card updates for everyone", async () => {
    const { ref } = await openCase(t, PEOPLE.tom, "The Tap 10 in room 7 keeps rebooting");
    const post = await received(() => t.connector.postsTo(ENGINEERS_CHANNEL).find((p) => JSON.stringify(p.body).includes(ref)));
    // The id Teams gave the card when it was posted (recorded for later updates).
    const sentId = await eventually(async () => {
      const row = await t.app.db.prisma.messageRef.findFirst({ where: { conversationId: ENGINEERS_CHANNEL } });
      if (!row) throw new Error("card id not recorded yet");
      return row.messageId;
    });
    const take = button(cardOf(post), "Take");
    const thread = TENANT_CONVERSATION(`${ENGINEERS_CHANNEL};messageid=${sentId}`, "channel");
    const response = await t.post(executeAction(t.connector.url, PEOPLE.lee, thread, sentId, take.verb, take.data));
    expect(response.status).toBe(200);
    expect(response.body.statusCode).toBe(200);
    expect(response.body.type).toBe("application/vnd.microsoft.card.adaptive");
    const refreshed = JSON.stringify(response.body.value);
    expect(refreshed).toContain("Lee Chen");
    expect(refreshed).not.toContain('"title":"Take"');
    // Everyone else in the channel sees the new state: the sent card is updated, not re-posted.
    const updates = await received(() => t.connector.activities().filter((a) => a.method === "PUT" && a.activityId === sentId));
    expect(JSON.stringify(updates.at(-1)!.body)).toContain("Lee Chen");
    // The later state of the card (same replaceKey) is an update of the sent activity.
    expect(updates.some((u) => u.conversation === ENGINEERS_CHANNEL)).toBe(true);
    expect(t.connector.postsTo(ENGINEERS_CHANNEL).filter((p) => JSON.stringify(p.body).includes(ref))).toHaveLength(1);
  });

  it("the customer confirms a fix with Action.Execute in the personal chat: case closed, card refreshed in the response", async () => {
    const { ref, number } = await openCase(t, PEOPLE.tom, "The Headset Pro crackles on calls");
    await t.post(channelMention(t.connector.url, PEOPLE.lee, ENGINEERS_CHANNEL, `resolve ${ref} fix firmware 2.1 installed`));
    const notice = await received(() =>
      t.connector.postsTo(personalChat(PEOPLE.tom)).find((p) => (p.body.text ?? "").includes(`${ref} was resolved`)),
    );
    // A proactive post (no activity to reply to) carrying the buttons to confirm or reopen.
    expect(notice.activityId).toBeUndefined();
    const works = button(cardOf(notice), "It works now");
    const response = await t.post(
      executeAction(
        t.connector.url,
        PEOPLE.tom,
        TENANT_CONVERSATION(personalChat(PEOPLE.tom), "personal"),
        "card-in-tom-chat",
        works.verb,
        works.data,
      ),
    );
    expect(response.body.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(JSON.stringify(response.body.value)).toContain('"title":"Reopen"');
    expect(JSON.stringify(response.body.value)).not.toContain("It works now");
    const row = await t.app.db.prisma.case.findUnique({ where: { number } });
    expect(row!.status).toBe("closed");
    await received(() => t.connector.postsTo(personalChat(PEOPLE.tom)).find((p) => (p.body.text ?? "").includes(`${ref} is closed`)));
    // A personal chat has one viewer: the invoke response is the update, no PUT.
    expect(t.connector.activities().filter((a) => a.method === "PUT" && a.activityId === "card-in-tom-chat")).toHaveLength(0);
  });

  it("an older client's Action.Submit press acts too, and the card is updated in place through the connector", async () => {
    const { ref, number } = await openCase(t, PEOPLE.tom, "The Bar 30 lost its network settings");
    await t.post(channelMention(t.connector.url, PEOPLE.lee, ENGINEERS_CHANNEL, `resolve ${ref} workaround static IP set`));
    const notice = await received(() =>
      t.connector.postsTo(personalChat(PEOPLE.tom)).find((p) => (p.body.text ?? "").includes(`${ref} was resolved`)),
    );
    const reopen = button(cardOf(notice), "Reopen");
    const submit = personalMessage(t.connector.url, PEOPLE.tom, "", {
      text: undefined,
      replyToId: "card-7",
      value: { ...reopen.data, reason: "it drops again" },
    });
    expect((await t.post(submit)).status).toBe(200);
    const update = await received(() => t.connector.activities().find((a) => a.method === "PUT" && a.activityId === "card-7"));
    expect(update.conversation).toBe(personalChat(PEOPLE.tom));
    expect(JSON.stringify(cardOf(update))).toContain("Escalate");
    const row = await t.app.db.prisma.case.findUnique({ where: { number } });
    expect(row!.status).toBe("open");
  });

  it("a second press of the same invoke (a redelivery) changes nothing and says it was already done", async () => {
    const { ref, number } = await openCase(t, PEOPLE.tom, "The speakerphone echoes");
    await t.post(channelMention(t.connector.url, PEOPLE.lee, ENGINEERS_CHANNEL, `resolve ${ref} fix new cable`));
    const notice = await received(() =>
      t.connector.postsTo(personalChat(PEOPLE.tom)).find((p) => (p.body.text ?? "").includes(`${ref} was resolved`)),
    );
    const works = button(cardOf(notice), "It works now");
    const invoke = executeAction(
      t.connector.url,
      PEOPLE.tom,
      TENANT_CONVERSATION(personalChat(PEOPLE.tom), "personal"),
      "card-9",
      works.verb,
      works.data,
    );
    const first = await t.post(invoke);
    const second = await t.post(invoke);
    expect(first.body.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(second.status).toBe(200);
    expect(second.body.type).toBe("application/vnd.microsoft.activity.message");
    const events = await t.app.db.prisma.caseEvent.findMany({ where: { case: { number }, kind: "closed" } });
    expect(events).toHaveLength(1);
  });

  it("a button the person may not use is refused with the reason under the card, and nothing changes", async () => {
    const { ref, number } = await openCase(t, PEOPLE.tom, "The Bar 50 HDMI input is dead");
    const post = await received(() => t.connector.postsTo(ENGINEERS_CHANNEL).find((p) => JSON.stringify(p.body).includes(ref)));
    const take = button(cardOf(post), "Take");
    // Tom is an employee: only engineers take cases.
    const response = await t.post(
      executeAction(t.connector.url, PEOPLE.tom, TENANT_CONVERSATION(personalChat(PEOPLE.tom), "personal"), "card-x", take.verb, take.data),
    );
    expect(response.body.type).toBe("application/vnd.microsoft.activity.message");
    expect(response.body.value).toMatch(/engineer/i);
    const row = await t.app.db.prisma.case.findUnique({ where: { number } });
    expect(row!.assigneeId).toBeNull();
  });

  it("an engineer acknowledges an escalation from the channel card: the invoke returns the refreshed card", async () => {
    const { ref, number } = await openCase(t, PEOPLE.tom, "The Headset Pro volume is a bit low");
    await t.post(personalMessage(t.connector.url, PEOPLE.tom, `escalate ${ref} we have a customer demo tomorrow`));
    // The support card in the engineers' channel now asks for an acknowledgement.
    const row = await t.app.db.prisma.case.findUnique({ where: { number } });
    const cardId = await eventually(async () => {
      const sent = await t.app.db.prisma.messageRef.findFirst({
        where: { conversationId: ENGINEERS_CHANNEL, replaceKey: `case:${row!.id}:support` },
      });
      const latest = t.connector
        .activities()
        .filter((a) => a.conversation === ENGINEERS_CHANNEL && JSON.stringify(a.body).includes(ref))
        .at(-1);
      if (!sent || !JSON.stringify(latest?.body).includes('"title":"Acknowledge"')) throw new Error("no escalated card yet");
      return { id: sent.messageId, card: cardOf(latest) };
    });
    const ack = button(cardId.card, "Acknowledge");
    const thread = TENANT_CONVERSATION(`${ENGINEERS_CHANNEL};messageid=${cardId.id}`, "channel");
    const response = await t.post(executeAction(t.connector.url, PEOPLE.lee, thread, cardId.id, ack.verb, ack.data));
    expect(response.status).toBe(200);
    expect(response.body.type).toBe("application/vnd.microsoft.card.adaptive");
    const card = JSON.stringify(response.body.value);
    expect(card).toMatch(/level \d acknowledged/);
    expect(card).not.toContain('"title":"Acknowledge"');
  });
});
