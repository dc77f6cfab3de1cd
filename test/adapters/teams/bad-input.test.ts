import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_TEXT_LENGTH } from "../../../bot/events.ts";
import { eventually } from "../../support/app.ts";
import { PEOPLE, executeAction, personalChat, personalMessage, received, startTeams, type TeamsHarness } from "./support.ts";

const logged = (t: TeamsHarness, text: string) => t.logs.lines.some((line) => String(line.msg).includes(text));

describe("bad input on /api/messages", () => {
  let t: TeamsHarness;
  beforeAll(async () => {
    t = await startTeams();
  });
  afterAll(async () => {
    await t.close();
  });

  it("answers malformed JSON with 400 and a log line", async () => {
    const response = await t.postRaw('{"type": "message", "text": ');
    expect(response.status).toBe(400);
    expect(logged(t, "not JSON")).toBe(true);
  });

  it("answers JSON that is not an activity (no type, no conversation, not an object) with 400", async () => {
    expect((await t.post({ text: "hi" })).status).toBe(400);
    expect((await t.post([1, 2, 3])).status).toBe(400);
    const { conversation: _dropped, ...noConversation } = personalMessage(t.connector.url, PEOPLE.tom, "hi");
    expect((await t.post(noConversation)).status).toBe(400);
    expect((await t.post({ ...personalMessage(t.connector.url, PEOPLE.tom, "hi"), id: undefined })).status).toBe(400);
    expect(logged(t, "not an activity")).toBe(true);
  });

  it("accepts activity types it does not use with 200, logs them and sends nothing", async () => {
    const before = t.connector.requests.length;
    for (const type of ["typing", "messageReaction", "endOfConversation", "somethingNew"]) {
      const response = await t.post({ ...personalMessage(t.connector.url, PEOPLE.tom, ""), type });
      expect(response.status).toBe(200);
    }
    await t.app.dispatcher.runOnce();
    expect(t.connector.requests.length).toBe(before);
    expect(logged(t, "Teams activity not handled")).toBe(true);
  });

  it("answers an invoke it does not know with 501", async () => {
    const response = await t.post({
      ...personalMessage(t.connector.url, PEOPLE.tom, ""),
      type: "invoke",
      name: "some/unknownInvoke",
      value: {},
    });
    expect(response.status).toBe(501);
  });

  it("answers a card action without its action or data with a 400 error response, and changes nothing", async () => {
    const conversation = { id: personalChat(PEOPLE.tom), conversationType: "personal" };
    const noAction = { ...executeAction(t.connector.url, PEOPLE.tom, conversation, "card-1", "x", {}), value: {} };
    const response = await t.post(noAction);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, type: "application/vnd.microsoft.error" });
    const noValue = { ...noAction, id: `${noAction.id}-2`, value: undefined };
    expect((await t.post(noValue)).status).toBe(400);
    // A verb with data that did not come from a Switchboard card: a short note, nothing done.
    const foreign = executeAction(t.connector.url, PEOPLE.tom, conversation, "card-1", "case.works", { case: "CS-10001" });
    const note = await t.post(foreign);
    expect(note.status).toBe(200);
    expect(note.body.type).toBe("application/vnd.microsoft.activity.message");
    expect(await t.app.db.prisma.caseEvent.count()).toBe(0);
    expect(logged(t, "without a valid action") && logged(t, "without Switchboard data")).toBe(true);
  });

  it("refuses a body over the limit with 413", async () => {
    const response = await t.post(personalMessage(t.connector.url, PEOPLE.tom, "x".repeat(1_100_000)));
    expect(response.status).toBe(413);
    expect(logged(t, "too large")).toBe(true);
  });

  it("takes a very long message, cut to the core's limit, and opens exactly one case", async () => {
    const text = `open case The Bar 50 keeps rebooting ${"and again ".repeat(Math.ceil(MAX_TEXT_LENGTH / 10))}`;
    const activity = personalMessage(t.connector.url, PEOPLE.tom, text);
    expect((await t.post(activity)).status).toBe(200);
    expect((await t.post(activity)).status).toBe(200);
    await received(() => t.connector.postsTo(personalChat(PEOPLE.tom)).find((p) => /I opened case/.test(p.body.text ?? "")));
    const cases = await t.app.db.prisma.case.findMany({ where: { title: { contains: "keeps rebooting" } } });
    expect(cases).toHaveLength(1);
    expect(cases[0]!.description.length).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
    expect(logged(t, "over the limit")).toBe(true);
  });

  it("returns 500 when the event cannot be recorded, so Teams delivers it again, and takes the retry", async () => {
    const activity = personalMessage(t.connector.url, PEOPLE.tom, "open case The Tap 10 is frozen");
    const admit = t.app.services.deliveries.admit.bind(t.app.services.deliveries);
    t.app.services.deliveries.admit = async () => {
      throw new Error("database unavailable");
    };
    try {
      expect((await t.post(activity)).status).toBe(500);
    } finally {
      t.app.services.deliveries.admit = admit;
    }
    expect(logged(t, "Teams turn failed")).toBe(true);
    expect((await t.post(activity)).status).toBe(200);
    await eventually(async () => expect(await t.app.db.prisma.case.count({ where: { title: { contains: "is frozen" } } })).toBe(1));
  });
});
