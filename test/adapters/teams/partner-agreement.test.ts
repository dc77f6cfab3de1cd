import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  PEOPLE,
  cardOf,
  executeAction,
  openCase,
  personalChat,
  personalMessage,
  received,
  startTeams,
  type TeamsHarness,
} from "./support.ts";

/**
 * "We have no agreement with Microsoft" in Teams: the press arrives as an Action.Execute invoke
 * with no agreement reference in its data (the card sends none of its inputs for that button),
 * and the customer is referred instead of a ticket being opened.
 */
describe("Teams: a customer without an agreement with the cloud partner", () => {
  let t: TeamsHarness;
  beforeAll(async () => {
    t = await startTeams();
    await t.app.db.prisma.partner.create({ data: { id: "microsoft", name: "Microsoft", connector: "thread" } });
  });
  afterAll(() => t.close());

  it("presses the no-agreement button with no agreement reference, is referred, and no ticket is opened", async () => {
    const { ref } = await openCase(t, PEOPLE.tom, "Teams Rooms on the boardroom bar cannot join Teams meetings");
    const chat = personalChat(PEOPLE.tom);
    await t.post(personalMessage(t.connector.url, PEOPLE.tom, `open a ticket with Microsoft for ${ref}`));
    const offer = await received(() =>
      t.connector
        .postsTo(chat)
        .find((a) => (cardOf(a)?.actions ?? []).some((x: { title: string }) => x.title === "We have no agreement with Microsoft")),
    );
    const card = cardOf(offer)!;
    const button = card.actions.find((x: { title: string }) => x.title === "We have no agreement with Microsoft");
    // The card asks for the agreement reference; this button must not need it.
    expect(JSON.stringify(card.body)).toContain("agreement");
    expect(button.associatedInputs).toBe("none");
    const data = { ...(button.data as Record<string, unknown>) };
    expect(Object.keys(data).some((key) => /agreement/i.test(key))).toBe(false);

    const before = t.connector.postsTo(chat).length;
    const response = await t.post(
      executeAction(
        t.connector.url,
        PEOPLE.tom,
        { id: chat, conversationType: "personal", tenantId: "tenant-contoso" },
        "offer-card",
        button.verb,
        data,
      ),
    );
    expect(response.status).toBe(200);
    const said = () =>
      [
        JSON.stringify(response.body ?? ""),
        ...t.connector
          .postsTo(chat)
          .slice(before)
          .map((a) => JSON.stringify(a.body)),
      ].join("\n");
    await received(() => said().includes(`We couldn't open a ticket with Microsoft for ${ref}`));
    expect(said()).not.toMatch(/isRequired|required|missing/i);
    expect(await t.app.db.prisma.partnerTicket.count()).toBe(0);
  });
});
