/**
 * Cards as terminal text: title, facts as aligned lines, body, small print, and the buttons as
 * numbered choices ("[1] It works now"). Numbers keep increasing over the session so an old
 * card's buttons stay pressable.
 */
import type { Card, CardAction } from "../../bot/events.ts";

export interface NumberedAction {
  number: number;
  action: CardAction;
  /** The shell message that carried it (so a press can update that card). */
  messageId: string;
  inputs: Card["inputs"];
}

const BOLD = /\*([^*\n]+)\*/g;

/** Turns the light markup of messages (*bold*) into terminal bold when colours are on. */
export function formatText(text: string, color: boolean): string {
  return color ? text.replace(BOLD, "\u001b[1m$1\u001b[22m") : text.replace(BOLD, "$1");
}

export function renderCard(
  card: Card,
  firstNumber: number,
  messageId: string,
  color: boolean,
): { text: string; actions: NumberedAction[] } {
  const lines: string[] = [];
  const rule = "─".repeat(Math.min(60, Math.max(20, card.title.length + 4)));
  lines.push(rule, formatText(color ? `*${card.title}*` : card.title, color));
  if (card.subtitle) lines.push(card.subtitle);
  if (card.facts?.length) {
    const width = Math.max(...card.facts.map((fact) => fact.label.length));
    for (const fact of card.facts) lines.push(`  ${fact.label.padEnd(width)}  ${fact.value}`);
  }
  if (card.body) lines.push("", formatText(card.body, color));
  if (card.inputs?.length) lines.push("", ...card.inputs.map((input) => `  (${input.label}${input.required ? ", required" : ""})`));
  if (card.context?.length) lines.push("", ...card.context.map((line) => (color ? `\u001b[2m${line}\u001b[22m` : line)));
  const actions: NumberedAction[] = [];
  const buttons: string[] = [];
  // Links take no number: counting them here would skip a number on this card and hand it to the
  // next card too, so one number would press two buttons.
  for (const action of card.actions ?? []) {
    if (action.url) {
      buttons.push(`${action.label}: ${action.url}`);
      continue;
    }
    const number = firstNumber + actions.length;
    actions.push({ number, action, messageId, inputs: card.inputs });
    buttons.push(`[${number}] ${action.label}`);
  }
  if (buttons.length) lines.push("", buttons.join("   "));
  lines.push(rule);
  return { text: lines.join("\n"), actions };
}
