/** Buttons on case cards. Each is idempotent: pressing twice changes nothing the second time. */
import type { Context } from "../context.ts";
import { invalid } from "../errors.ts";
import type { ActionEvent } from "../events.ts";
import { renderCaseCard } from "./card.ts";
import { parseCaseRef } from "./refs.ts";
import { showCase } from "./handlers.ts";
import { readerTime } from "../handlers/reader-zone.ts";

function caseOf(event: ActionEvent): number {
  const number = parseCaseRef(event.value.case ?? "");
  if (number === undefined) throw invalid("error.malformed");
  return number;
}

export async function viewCaseAction(ctx: Context, event: ActionEvent): Promise<void> {
  await showCase(ctx, caseOf(event));
}

/** "It works now": the customer confirms; the card loses its buttons. */
export async function worksNowAction(ctx: Context, event: ActionEvent): Promise<void> {
  const view = await ctx.services.cases.close(ctx.person, caseOf(event), ctx.origin);
  ctx.reply({ card: renderCaseCard(view, ctx.t, await ctx.audience(), await readerTime(ctx)), inPlace: true });
  ctx.reply({ text: ctx.t("case.closed", { case: view.ref }) });
}

export async function reopenAction(ctx: Context, event: ActionEvent): Promise<void> {
  const reason = event.inputs?.reason?.trim() || "—";
  const view = await ctx.services.cases.reopen(ctx.person, caseOf(event), reason, ctx.origin);
  ctx.reply({ card: renderCaseCard(view, ctx.t, await ctx.audience(), await readerTime(ctx)), inPlace: true });
  ctx.reply({ text: ctx.t("case.reopened", { case: view.ref }) });
}

/** "Take": the engineer assigns the case to themselves; the card updates for everyone. */
export async function takeAction(ctx: Context, event: ActionEvent): Promise<void> {
  const view = await ctx.services.cases.assign(ctx.person, caseOf(event), ctx.person.personId ?? "", ctx.origin);
  // In an escalation channel the pressed card is a copy of the support card, which the service
  // has just updated everywhere (with its SLA clock); a plain case card here would overwrite it.
  if (await ctx.services.directory.isSupportConversation(ctx.event.conversation)) return;
  ctx.reply({ card: renderCaseCard(view, ctx.t, await ctx.audience(), await readerTime(ctx)), inPlace: true, visibility: "internal" });
}
