/** Helpers for the replacement feature's tests: replies as a person reads them, intents, extra customers. */
import pino from "pino";
import type { App } from "../../../app/app.ts";
import { Context } from "../../../bot/context.ts";
import type { InboundEvent, OutboundMessage } from "../../../bot/events.ts";
import { importData, parseImportFile } from "../../../bot/people/importer.ts";
import { message } from "../../support/events.ts";

/** What a person reads in a set of messages: texts, card titles, facts, bodies, buttons. */
export function readable(messages: OutboundMessage[]): string {
  return messages
    .map((m) =>
      [
        m.text ?? "",
        m.card?.title ?? "",
        ...(m.card?.facts ?? []).map((f) => `${f.label}: ${f.value}`),
        m.card?.body ?? "",
        ...(m.card?.inputs ?? []).map((i) => `(${i.label})`),
        ...(m.card?.actions ?? []).map((a) => `[${a.label}]`),
        ...(m.card?.context ?? []),
      ]
        .filter(Boolean)
        .join("\n"),
    )
    .join("\n---\n");
}

/** Sends an event through the bot's front door and returns what the sender reads. */
export async function say(app: App, event: InboundEvent): Promise<{ text: string; messages: OutboundMessage[] }> {
  const result = await app.bot.handle(event);
  const own = result.outbound.filter((m) => m.target.conversationId === event.conversation.conversationId);
  return { text: readable(own), messages: own };
}

/** Shortcut: a person types a line in their shell conversation. */
export const type = (app: App, person: string, text: string) => say(app, message(person, text));

/**
 * A plain sentence through the triage and the intent handler the conversation handler routes it
 * to (`router.intentHandler`), exactly as the conversation handler calls it.
 */
export async function askIntent(app: App, person: string, text: string): Promise<{ intent: string; text: string }> {
  const event = message(person, text);
  const ctx = new Context(event, app.services, pino({ level: "silent" }));
  ctx.viewer = await app.services.people.resolve(event.actor!);
  const triage = app.services.triage.classify(text);
  ctx.lang = triage.lang;
  ctx.triage = triage;
  const handler = app.bot.router.intentHandler(triage.intent);
  if (!handler) return { intent: triage.intent, text: "" };
  try {
    await handler(ctx, triage);
  } catch (error) {
    const domain = error as { messageKey?: string; params?: Record<string, string> };
    if (!domain.messageKey) throw error;
    ctx.reply({ text: ctx.t(domain.messageKey as never, domain.params) });
  }
  return { intent: triage.intent, text: readable(ctx.outbound) };
}

/** A customer whose contract ended, with a Bar 50 in Madrid and an admin (shell "initech-admin"). */
export async function importExpiredCustomer(app: App): Promise<void> {
  const file = parseImportFile(
    JSON.stringify({
      version: 1,
      organizations: [
        {
          key: "initech",
          name: "Initech Spain",
          locale: "en",
          contracts: [
            {
              key: "initech-premium-2025",
              plan: "premium",
              coverage: "24x7",
              timeZone: "Europe/Madrid",
              holidayCountry: "ES",
              startsOn: "2025-01-01",
              endsOn: "2025-12-31",
              onsiteOption: true,
            },
          ],
          sites: [{ key: "initech-madrid", name: "Initech Madrid", country: "ES", region: "MD", timeZone: "Europe/Madrid" }],
          people: [{ key: "initech-ines", name: "Inés Prado", role: "admin", identities: { shell: "initech-admin" } }],
          devices: [{ serial: "NB5-9990001", model: "nw-bar-50", site: "initech-madrid" }],
        },
      ],
    }),
  );
  await importData(app.db, app.catalog, file);
  app.services.people.invalidate();
  app.services.directory.invalidate();
}
