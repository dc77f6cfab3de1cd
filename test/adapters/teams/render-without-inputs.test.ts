import { describe, expect, it } from "vitest";
import { renderAdaptiveCard } from "../../../adapters/teams/adaptive-card.ts";
import type { Card } from "../../../bot/events.ts";

/** A button that takes none of the card's inputs ("We have no agreement with Microsoft"). */
describe("Teams: a button pressed without the card's required fields", () => {
  const card: Card = {
    title: "Open a ticket with Microsoft for CS-10001?",
    inputs: [{ id: "agreement", label: "Your agreement reference with Microsoft", kind: "text", required: true }],
    actions: [
      { id: "partner.confirm", label: "Open the ticket", value: { case: "CS-10001" } },
      { id: "partner.no_agreement", label: "We have no agreement with Microsoft", value: { case: "CS-10001" }, withoutInputs: true },
    ],
  };

  it("lets Teams send the no-agreement press without validating the required agreement field", () => {
    const json = renderAdaptiveCard(card) as unknown as {
      actions: { title: string; associatedInputs?: string; fallback?: { associatedInputs?: string } }[];
    };
    const [confirm, noAgreement] = json.actions;
    expect(confirm!.associatedInputs).toBeUndefined();
    expect(noAgreement!.associatedInputs).toBe("none");
    expect(noAgreement!.fallback!.associatedInputs).toBe("none");
  });
});
