import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINEERS_CHANNEL, FakeConnector, PEOPLE, cardOf, openCase, received, startTeams, type TeamsHarness } from "./support.ts";

/** A markdown masked link or an HTML tag that a Teams client would turn into something clickable. */
const CLICKABLE = /\[[^\]\n]*\]\s*\(\s*https?:|<a[\s>]|<img[\s>]/i;

describe("customer text in the Teams engineers' channel", () => {
  let t: TeamsHarness;
  beforeAll(async () => {
    t = await startTeams();
  });
  afterAll(() => t.close());

  it("shows a customer's masked link as plain text on the engineers' case card", async () => {
    const { ref } = await openCase(t, PEOPLE.tom, "the Bar 50 is dead, steps here [Microsoft support](https://127.0.0.1/evil) please");
    const post = await received(() => t.connector.postsTo(ENGINEERS_CHANNEL).find((p) => JSON.stringify(p.body).includes(ref)));
    const shown = FakeConnector.textOf(post);
    expect(shown).toContain("Microsoft support");
    expect(shown).not.toMatch(CLICKABLE);
    // The bot's own card is intact: its heading and facts.
    const card = cardOf(post)!;
    expect(JSON.stringify(card.body)).toContain(ref);
    expect(JSON.stringify(card.body)).toContain("FactSet");
  });
});
