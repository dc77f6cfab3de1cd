/** Talking to the bot as a demo person and reading its replies as a person would see them. */
import { Bot } from "../../bot/bot.ts";
import type { OutboundMessage } from "../../bot/events.ts";
import { createRouter } from "../../bot/handlers/index.ts";
import type { TestApp } from "./app.ts";
import { action, message } from "./events.ts";
import { features } from "../../app/features.ts";

/** Everything a message shows: text, card title, facts, body, small print, buttons. */
export function render(messages: OutboundMessage[]): string {
  return messages
    .map((m) =>
      [
        m.text ?? "",
        m.card?.title ?? "",
        m.card?.subtitle ?? "",
        ...(m.card?.facts ?? []).map((f) => `${f.label}: ${f.value}`),
        m.card?.body ?? "",
        ...(m.card?.context ?? []),
        ...(m.card?.actions ?? []).map((a) => `[${a.label}]${a.url ? ` ${a.url}` : ""}`),
      ]
        .filter(Boolean)
        .join("\n"),
    )
    .join("\n---\n");
}

/** Sends a message as a demo person; returns the replies to that person's conversation. */
export async function say(t: TestApp, person: string, text: string): Promise<string> {
  const result = await t.app.bot.handle(message(person, text));
  return render(result.outbound.filter((m) => m.target.conversationId === `dm:${person}`));
}

/** Presses a button (with form inputs) as a demo person; returns the replies. */
export async function press(
  t: TestApp,
  person: string,
  actionId: string,
  value: Record<string, string> = {},
  inputs?: Record<string, string>,
): Promise<string> {
  const result = await t.app.bot.handle(action(person, actionId, value, inputs ? { inputs } : {}));
  return render(result.outbound.filter((m) => m.target.conversationId === `dm:${person}`));
}

/**
 * A bot whose conversation handler sends plain sentences to the intent handlers, as the triage
 * intake does (bot/handlers/conversation.ts); the intents are then tested through the event path.
 */
export function intentBot(t: TestApp): Bot {
  const router = createRouter(features);
  router.otherwise(async (ctx) => {
    const triage = ctx.services.triage.classify(ctx.text);
    const handler = router.intentHandler(triage.intent);
    if (!handler) throw new Error(`no handler for intent ${triage.intent} (${ctx.text})`);
    await handler(ctx, triage);
  });
  return new Bot(t.app.services, t.app.log, { router });
}

/** Sends a plain sentence through `intentBot`; returns the replies to the person. */
export async function sayPlainly(bot: Bot, person: string, text: string): Promise<string> {
  const result = await bot.handle(message(person, text));
  return render(result.outbound.filter((m) => m.target.conversationId === `dm:${person}`));
}
