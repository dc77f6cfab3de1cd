/**
 * Resolves the person behind the event and picks the reply language. Unknown people get a polite
 * explanation of how to get access instead of an error; webhooks and installs carry no person.
 */
import type { Context } from "../context.ts";
import { chooseLanguage, shownLanguage } from "../language.ts";
import type { Middleware } from "../pipeline.ts";

export const resolveIdentity: Middleware<Context> = async (ctx, next) => {
  const { event } = ctx;
  if (event.actor) ctx.viewer = await ctx.services.people.resolve(event.actor);
  const shown = shownLanguage(ctx.text, ctx.services.detectLanguage);
  const personId = ctx.viewer?.personId;
  const remembers = typeof personId === "string" && !ctx.viewer?.locale;
  ctx.lang = chooseLanguage({
    personLocale: ctx.viewer?.locale,
    shown,
    lastSpoken: remembers && !shown ? await ctx.services.languages.last(personId) : undefined,
    platformLocale: event.locale,
  });
  if (remembers && shown) await ctx.services.languages.heard(personId, shown);
  if (!ctx.viewer && event.kind !== "webhook" && event.kind !== "install") {
    ctx.log.info({ actor: event.actor?.externalId }, "message from an unknown person");
    ctx.reply({
      text: ctx.t("error.unknownPerson", {
        platform: event.platform === "teams" ? "Teams" : event.platform === "slack" ? "Slack" : event.platform,
      }),
    });
    return;
  }
  ctx.log = ctx.log.child({ person: ctx.viewer?.personId, role: ctx.viewer?.role });
  await next();
};
