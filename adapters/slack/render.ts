/**
 * The core's messages as Block Kit: a card becomes header, sections with fields, context and an
 * actions block of buttons; long text is split into sections within Slack's limits. Pure
 * functions, so the limits are unit-tested without a workspace.
 *
 * Buttons carry the core's action id and value back to us: `action_id` is `<core id>~<index>`
 * (Slack wants action ids unique within a block, and a case list has several "case.view"
 * buttons) and `value` is JSON `{ v: value, i?: inputs }`. A card with inputs gets its inputs
 * inside the button value, and pressing the button opens a modal with them (see modals.ts).
 */
import type { types } from "@slack/bolt";
import type { Card, CardInput, OutboundMessage } from "../../bot/events.ts";
import type { Language } from "../../core/vocabulary.ts";
import { isClickableLink } from "../../bot/links.ts";
import { slackText } from "./messages.ts";

type KnownBlock = types.KnownBlock;

/** Slack's documented limits (https://docs.slack.dev/reference/block-kit). */
export const LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3_000,
  headerText: 150,
  fieldsPerSection: 10,
  fieldText: 2_000,
  contextElements: 10,
  contextText: 2_000,
  buttonsPerActions: 25,
  buttonText: 75,
  buttonValue: 2_000,
  /** The notification text that goes with blocks; Slack truncates `text` at 40,000. */
  fallbackText: 3_000,
} as const;

/** The compact form of a card input carried in a button value. */
export interface PackedInput {
  id: string;
  l: string;
  k: CardInput["kind"];
  r?: 1;
  p?: string;
  d?: string;
  c?: [string, string][];
}

/** What a button value decodes to. */
export interface ButtonPayload {
  v: Record<string, string>;
  i?: PackedInput[];
}

export interface RenderedMessage {
  text: string;
  blocks: KnownBlock[];
}

/**
 * Escapes the three characters Slack's mrkdwn reserves — so no text can make a link
 * (`<https://…|label>`) or a mention (`<!here>`, `<@U…>`) — and breaks `@channel`, `@here` and
 * `@everyone` with a word joiner, so they stay words even where Slack would link names. The
 * core's own `*bold*` is already mrkdwn and is kept.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@(channel|here|everyone)\b/gi, "@\u2060$1");
}

/** Cuts text at a character limit, with an ellipsis when it was cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Splits text into pieces of at most `max` characters, preferring paragraph, then line, then word
 * boundaries, so a long answer reads naturally across several sections.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const cut = [window.lastIndexOf("\n\n"), window.lastIndexOf("\n"), window.lastIndexOf(" ")].find((at) => at > max / 2) ?? max;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\s+/, "");
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces;
}

const section = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text } });

function textSections(text: string): KnownBlock[] {
  return splitText(escapeMrkdwn(text), LIMITS.sectionText).map(section);
}

function packInputs(inputs: CardInput[]): PackedInput[] {
  return inputs.map((input) => ({
    id: input.id,
    l: clip(input.label, 200),
    k: input.kind,
    ...(input.required ? { r: 1 as const } : {}),
    ...(input.placeholder ? { p: clip(input.placeholder, 150) } : {}),
    ...(input.value ? { d: clip(input.value, 500) } : {}),
    ...(input.choices ? { c: input.choices.slice(0, 100).map((c): [string, string] => [clip(c.value, 150), clip(c.label, 75)]) } : {}),
  }));
}

function cardBlocks(card: Card): KnownBlock[] {
  const blocks: KnownBlock[] = [{ type: "header", text: { type: "plain_text", text: clip(card.title, LIMITS.headerText), emoji: true } }];
  if (card.subtitle)
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: clip(escapeMrkdwn(card.subtitle), LIMITS.contextText) }] });
  const facts = card.facts ?? [];
  for (let i = 0; i < facts.length; i += LIMITS.fieldsPerSection) {
    blocks.push({
      type: "section",
      fields: facts.slice(i, i + LIMITS.fieldsPerSection).map((fact) => ({
        type: "mrkdwn" as const,
        text: clip(`*${escapeMrkdwn(fact.label)}*\n${escapeMrkdwn(fact.value)}`, LIMITS.fieldText),
      })),
    });
  }
  if (card.body) blocks.push(...textSections(card.body));
  const context = card.context ?? [];
  if (context.length > 0) {
    // Ten elements at most: the last one takes the remaining lines.
    const lines = context.map(escapeMrkdwn);
    const head = lines.slice(0, LIMITS.contextElements - 1);
    const tail = lines.slice(LIMITS.contextElements - 1).join("\n");
    blocks.push({
      type: "context",
      elements: [...head, ...(tail ? [tail] : [])].map((line) => ({ type: "mrkdwn" as const, text: clip(line, LIMITS.contextText) })),
    });
  }
  // A link button only for an http(s) link: a `javascript:` or `data:` URL is not offered at all.
  const actions = (card.actions ?? []).filter((action) => !action.url || isClickableLink(action.url)).slice(0, LIMITS.buttonsPerActions);
  if (actions.length > 0) {
    const inputs = card.inputs?.length ? packInputs(card.inputs) : undefined;
    blocks.push({
      type: "actions",
      elements: actions.map((action, index) => {
        const button: types.Button = {
          type: "button",
          text: { type: "plain_text", text: clip(action.label, LIMITS.buttonText), emoji: true },
          action_id: `${action.url ? "slack.link" : action.id}~${index}`,
        };
        if (action.style) button.style = action.style;
        if (action.url) button.url = action.url;
        // A button that takes no inputs opens no modal (render without them).
        else button.value = buttonValue(action.value, action.withoutInputs ? undefined : inputs);
        return button;
      }),
    });
  }
  return blocks;
}

/** Encodes a button value; inputs that do not fit in Slack's 2,000 characters are left out. */
export function buttonValue(value: Record<string, string>, inputs?: PackedInput[]): string {
  const full = JSON.stringify(inputs ? { v: value, i: inputs } : { v: value });
  if (full.length <= LIMITS.buttonValue) return full;
  const bare = JSON.stringify({ v: value });
  return bare.length <= LIMITS.buttonValue ? bare : JSON.stringify({ v: {} });
}

/** Decodes a button value written by `buttonValue`; anything else gives an empty value. */
export function parseButtonValue(raw: string | undefined): ButtonPayload {
  if (!raw) return { v: {} };
  try {
    const parsed = JSON.parse(raw) as Partial<ButtonPayload>;
    const v = parsed && typeof parsed.v === "object" && parsed.v !== null ? parsed.v : {};
    const clean = Object.fromEntries(Object.entries(v).filter(([, value]) => typeof value === "string")) as Record<string, string>;
    return { v: clean, ...(Array.isArray(parsed.i) ? { i: parsed.i } : {}) };
  } catch {
    return { v: {} };
  }
}

/** Renders an outbound message as notification text plus blocks, within a message's limits. */
export function renderMessage(message: OutboundMessage): RenderedMessage {
  const lang: Language = message.lang ?? "en";
  // A short plain message goes as `text` alone, the way people's messages look; blocks only when
  // there is a card or the text needs splitting.
  if (!message.card && (message.text ?? "").length <= LIMITS.sectionText) return { text: escapeMrkdwn(message.text || " "), blocks: [] };
  const blocks: KnownBlock[] = [];
  if (message.text) blocks.push(...textSections(message.text));
  if (message.card) blocks.push(...cardBlocks(message.card));
  if (blocks.length > LIMITS.blocksPerMessage) {
    // Keep the buttons (the last block of a card) and say that the middle was shortened.
    const last = blocks[blocks.length - 1]!;
    const keep = last.type === "actions" ? LIMITS.blocksPerMessage - 2 : LIMITS.blocksPerMessage - 1;
    const kept = blocks.slice(0, keep);
    kept.push({ type: "context", elements: [{ type: "mrkdwn", text: slackText(lang, "render.truncated") }] });
    if (last.type === "actions") kept.push(last);
    blocks.splice(0, blocks.length, ...kept);
  }
  const plain = message.text ?? [message.card?.title, message.card?.body].filter(Boolean).join("\n");
  return { text: clip(escapeMrkdwn(plain || " "), LIMITS.fallbackText), blocks };
}
