/**
 * Buttons that features add to the case card (a partner ticket, for one). A feature declares them
 * on the contract (bot/feature.ts `caseCardButtons`), which registers them here, so the case card
 * shows them without naming the feature. They come after the case's own buttons, before "view".
 */
import type { CardAction } from "../events.ts";
import type { Translator } from "../i18n/index.ts";
import type { CardAudience } from "./card.ts";
import type { CaseView } from "./view.ts";

/** The buttons a feature offers on a case card, by who is looking; none when they do not apply. */
export type CaseCardButtons = (view: CaseView, t: Translator, audience: CardAudience) => CardAction[];

const contributed: CaseCardButtons[] = [];

/** Adds a feature's buttons to every case card; features are added in the order they are declared. */
export function addCaseCardButtons(buttons: CaseCardButtons): void {
  contributed.push(buttons);
}

/** The features' buttons for one case card. */
export function featureCaseButtons(view: CaseView, t: Translator, audience: CardAudience): CardAction[] {
  return contributed.flatMap((buttons) => buttons(view, t, audience));
}
