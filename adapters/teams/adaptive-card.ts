/**
 * Core cards as Adaptive Cards 1.5, and button data back into action events.
 *
 * Buttons are `Action.Execute` (universal actions: the press arrives as an `adaptiveCard/action`
 * invoke and the bot answers with the refreshed card in the HTTP response, so the card changes in
 * place). Clients that do not know 1.5 use the `Action.Submit` fallback, which arrives as a message
 * activity carrying the same data; that card is then updated through the Bot Connector instead.
 */
import type { Card, CardAction, CardInput } from "../../bot/events.ts";
import { MAX_TEXT_LENGTH } from "../../bot/events.ts";
import { isClickableLink } from "../../bot/links.ts";

/** Key of the Switchboard part of a button's data (inputs are merged next to it by Teams). */
export const ACTION_DATA_KEY = "switchboard";

/** An Adaptive Card as JSON. */
export type AdaptiveCard = Record<string, unknown> & { type: "AdaptiveCard"; version: string; body: unknown[]; actions?: unknown[] };

/** What a press of a rendered button carries back. */
export interface PressedAction {
  actionId: string;
  value: Record<string, string>;
  inputs: Record<string, string>;
}

/**
 * The core's light markup (*bold*) as Teams markdown (**bold**). The core never writes links or
 * HTML in text, so any that text carries came from a person (a case title, a comment, a partner's
 * note): a masked link `[label](url)` and an HTML tag are broken with an invisible zero-width
 * space (`]\u200B(`, `<\u200B`), which every Teams client shows as the plain characters — Teams
 * clients disagree on backslash escapes, not on this.
 */
export function toTeamsMarkdown(text: string): string {
  return neutralizeMarkup(text).replace(/(^|[^*\w])\*([^*\n]+)\*(?![*\w])/g, "$1**$2**");
}

/** Breaks link and tag syntax in text from people (see toTeamsMarkdown). */
export function neutralizeMarkup(text: string): string {
  return text.replace(/\](\s*)\(/g, "]\u200B$1(").replace(/<(?=[A-Za-z!/?])/g, "<\u200B");
}

/** Adaptive Card text blocks only break lines on blank lines; keep the core's single breaks. */
function cardText(text: string): string {
  return toTeamsMarkdown(text).replace(/([^\n])\n(?!\n)/g, "$1\n\n");
}

const textBlock = (text: string, extra: Record<string, unknown> = {}) => ({ type: "TextBlock", text, wrap: true, ...extra });

function renderInput(input: CardInput): Record<string, unknown> {
  const common = { id: input.id, label: input.label, isRequired: input.required === true, value: input.value };
  if (input.kind === "choice") {
    return {
      type: "Input.ChoiceSet",
      ...common,
      style: "compact",
      choices: (input.choices ?? []).map((choice) => ({ title: choice.label, value: choice.value })),
    };
  }
  return {
    type: "Input.Text",
    ...common,
    placeholder: input.placeholder,
    isMultiline: input.kind === "multiline",
    maxLength: MAX_TEXT_LENGTH,
  };
}

/** The data a button sends back: `verb` lets teams-ai route Action.Submit presses like Execute ones. */
export function actionData(action: CardAction): Record<string, unknown> {
  return { verb: action.id, [ACTION_DATA_KEY]: { id: action.id, value: action.value } };
}

function renderAction(action: CardAction): Record<string, unknown> {
  if (action.url) return { type: "Action.OpenUrl", title: neutralizeMarkup(action.label), url: action.url };
  const style = action.style === "primary" ? "positive" : action.style === "danger" ? "destructive" : undefined;
  const data = actionData(action);
  // "none": Teams neither validates the card's required inputs nor sends them for this button.
  const associatedInputs = action.withoutInputs ? { associatedInputs: "none" } : {};
  return {
    type: "Action.Execute",
    title: action.label,
    verb: action.id,
    data,
    style,
    ...associatedInputs,
    fallback: { type: "Action.Submit", title: action.label, data, style, ...associatedInputs },
  };
}

/** Renders a core card as an Adaptive Card 1.5. */
export function renderAdaptiveCard(card: Card): AdaptiveCard {
  const body: unknown[] = [textBlock(toTeamsMarkdown(card.title), { size: "Medium", weight: "Bolder", style: "heading" })];
  if (card.subtitle) body.push(textBlock(cardText(card.subtitle), { isSubtle: true, spacing: "None" }));
  if (card.facts?.length)
    body.push({
      type: "FactSet",
      facts: card.facts.map((fact) => ({ title: neutralizeMarkup(fact.label), value: neutralizeMarkup(fact.value) })),
    });
  if (card.body) body.push(textBlock(cardText(card.body)));
  for (const input of card.inputs ?? []) body.push(renderInput(input));
  if (card.context?.length)
    body.push(textBlock(card.context.map(cardText).join("\n\n"), { size: "Small", isSubtle: true, spacing: "Medium" }));
  // A link button only for an http(s) link: a `javascript:` or `data:` URL is not offered at all.
  const actions = (card.actions ?? []).filter((action) => !action.url || isClickableLink(action.url)).map(renderAction);
  return {
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    type: "AdaptiveCard",
    version: "1.5",
    body,
    ...(actions.length ? { actions } : {}),
    msteams: { width: "Full" },
  };
}

const isStringRecord = (value: unknown): value is Record<string, string> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === "string");

/**
 * Reads a button press (Action.Execute `data` or Action.Submit `value`). Undefined when the data
 * did not come from a Switchboard button (an old card, a hand-made payload).
 */
export function parseActionData(data: unknown): PressedAction | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const record = data as Record<string, unknown>;
  const own = record[ACTION_DATA_KEY] as { id?: unknown; value?: unknown } | undefined;
  if (typeof own !== "object" || own === null || typeof own.id !== "string" || !own.id || own.id.length > 128) return undefined;
  if (!isStringRecord(own.value ?? {})) return undefined;
  const inputs: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) {
    // Teams merges the card's input values into the data, next to our own keys.
    if (key === ACTION_DATA_KEY || key === "verb" || key === "msteams") continue;
    if (typeof value === "string") inputs[key] = value.slice(0, MAX_TEXT_LENGTH);
  }
  return { actionId: own.id, value: (own.value as Record<string, string> | undefined) ?? {}, inputs };
}
