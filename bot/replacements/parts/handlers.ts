/** Spare-part questions and the engineers' stock views. */
import { policy } from "../../authz.ts";
import type { Context } from "../../context.ts";
import type { CommandArgs } from "../../router.ts";
import type { TriageResult } from "../../triage/index.ts";
import { replacementFeature } from "../index.ts";
import { countryName, formatDay } from "../format.ts";
import type { AvailabilityAnswer, PartInfo, StockLine } from "./service.ts";
import { fold } from "./query.ts";
import { serviceAudience, type ServiceAudience } from "../rma/card.ts";

const partName = (ctx: Context, part: PartInfo) => (ctx.lang === "es" && part.nameEs ? part.nameEs : part.name);

/**
 * Customers read "available / not available" and when an order would ship; support reads counts.
 * Which one follows the conversation's readers (bot/audience.ts): counts are never posted where a
 * customer or partner reads, even when an engineer asks.
 */
function availabilityLine(ctx: Context, line: StockLine, shownTo: ServiceAudience): string {
  const params = { part: partName(ctx, line.part), code: line.part.code, depot: line.depot.name, ship: formatDay(line.shipDate, ctx.lang) };
  if (shownTo === "support")
    return ctx.t(line.low ? "parts.line.supportLow" : "parts.line.support", {
      ...params,
      available: line.available,
      onHand: line.onHand,
      reserved: line.reserved,
    });
  return ctx.t(line.available > 0 ? "parts.line.available" : "parts.line.unavailable", params);
}

async function replyWithAvailability(ctx: Context, answer: AvailabilityAnswer): Promise<void> {
  const where = answer.query.country ? countryName(answer.query.country, ctx.lang) : ctx.t("parts.anywhere");
  if (answer.parts.length === 0) return ctx.reply({ text: ctx.t("parts.none", { where }) });
  if (answer.lines.length === 0) return ctx.reply({ text: ctx.t("parts.noDepot", { where }) });
  const shownTo = serviceAudience(await ctx.audience());
  // A customer needs the first depot that has the part, not every depot's count.
  const lines =
    shownTo === "support"
      ? answer.lines
      : answer.parts.map((part) => {
          const stocked = answer.lines.filter((line) => line.part.code === part.code);
          return stocked.find((line) => line.available > 0) ?? stocked[0]!;
        });
  ctx.reply({
    card: {
      title: ctx.t("parts.title", { where }),
      body: lines.map((line) => `• ${availabilityLine(ctx, line, shownTo)}`).join("\n"),
      context: [ctx.t(shownTo === "support" ? "parts.hint.support" : "parts.hint.customer")],
    },
  });
}

async function answer(ctx: Context, text: string, modelIds: string[]): Promise<void> {
  const { parts } = replacementFeature.of(ctx);
  const query = await parts.understand(ctx.person, text, modelIds);
  await replyWithAvailability(ctx, await parts.availability(ctx.person, query));
}

/** `parts <question>` / `piezas …`: "parts power supply bar 50 spain". */
export async function partsCommand(ctx: Context, args: CommandArgs): Promise<void> {
  await answer(ctx, args.rest, ctx.services.triage.classify(args.rest).entities.model);
}

/** "Do you have a power supply for the Bar 50 in Spain?" */
export async function partsIntent(ctx: Context, triage: TriageResult): Promise<void> {
  await answer(ctx, ctx.text, triage.entities.model);
}

/** `stock` (support): every depot's stock; `stock low` the items to restock; `stock <depot>` one depot. */
export async function stockCommand(ctx: Context, args: CommandArgs): Promise<void> {
  // Support may read counts, but not where customers or a partner read along; anyone else is
  // refused (and audited) by the service below.
  if (policy.isSupport(ctx.person) && (await ctx.audience()) !== "support") return ctx.reply({ text: ctx.t("parts.stock.notHere") });
  const option = fold(args.rest);
  const lowOnly = /\b(low|bajo|bajos|escaso)\b/.test(option);
  const depotKey = option.replace(/\b(low|bajo|bajos|escaso)\b/g, "").trim() || undefined;
  const lines = await replacementFeature.of(ctx).parts.stock(ctx.person, { lowOnly, depotKey });
  if (lines.length === 0) return ctx.reply({ text: ctx.t(lowOnly ? "parts.stock.noneLow" : "parts.stock.none") });
  ctx.reply({
    card: {
      title: ctx.t(lowOnly ? "parts.stock.lowTitle" : "parts.stock.title", { count: lines.length }),
      // The stock view is the engineers' own command (the service refuses anyone else): it always reads counts.
      body: lines.map((line) => `• ${availabilityLine(ctx, line, "support")}`).join("\n"),
      context: [ctx.t("parts.stock.hint")],
    },
  });
}
