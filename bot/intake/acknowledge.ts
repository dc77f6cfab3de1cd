/**
 * What the bot understood, said back before it asks the next thing or opens the case: "Got it:
 * Room Kit at Lisbon office, since yesterday." / "Entendido: Room Kit en Lisboa (Lisbon office),
 * desde ayer." The person's own words are kept as written (accents included); a registered site
 * is named as registered, after their words when those differ.
 */
import type { Context } from "../context.ts";
import { fold } from "../../core/text/fold.ts";
import type { IntakeDraft } from "./draft.ts";
import type { Resolution } from "./resolve.ts";

/** Words that already say "since" ("since yesterday", "hace dos días"), so none is added. */
const SAYS_SINCE = /^(since|desde|from|starting|started|after|tras|despu[eé]s|hace|empez|comenz)|\bago$/i;
const ARTICLES = /^(the|our|my|a|an|it'?s|es|un|una|el|la|los|las|mi|nuestra|nuestro)\s+/i;

/** The device in the person's words without its article, each word capitalised ("the room kit" → "Room Kit"). */
function deviceInWords(words: string): string {
  let phrase = words.trim();
  while (ARTICLES.test(phrase)) phrase = phrase.replace(ARTICLES, "");
  return phrase.replace(/(^|\s)(\p{Ll})/gu, (_all, space: string, letter: string) => space + letter.toUpperCase());
}

function siteInWords(draft: IntakeDraft, registered: string | undefined): string | undefined {
  if (!registered) return draft.siteText?.trim();
  // A typo ("Lisbn") is not repeated; another name of the site ("Lisboa") is.
  const said = draft.siteWords?.trim();
  if (!said) return registered;
  const [a, b] = [fold(registered), fold(said)];
  return a.includes(b) || b.includes(a) ? registered : `${said} (${registered})`;
}

/** The summary of what the report says so far, in the person's language; empty when it says nothing yet. */
export function summaryOf(ctx: Context, draft: IntakeDraft, facts: Resolution["facts"]): string {
  const device =
    facts.device ??
    facts.reportedModel ??
    (draft.model ? ctx.services.catalog.models.find((m) => m.id === draft.model)?.name : undefined) ??
    (draft.serial ? draft.serial : draft.deviceWords ? deviceInWords(draft.deviceWords) : undefined);
  const site = siteInWords(draft, facts.site);
  const since = draft.since?.trim();
  const where = site ? (device ? ctx.t("intake.summary.site", { site }) : site) : undefined;
  const what = [device, where].filter(Boolean).join(" ");
  const when = since ? (SAYS_SINCE.test(since) ? since : ctx.t("intake.summary.since", { since })) : undefined;
  return [what, when].filter(Boolean).join(", ");
}

/**
 * Says what was understood when the summary changed since it was last said; returns the summary
 * to remember on the draft.
 */
export function acknowledge(ctx: Context, draft: IntakeDraft, facts: Resolution["facts"]): string | undefined {
  // A kind of device alone ("the bar") is not worth saying back: the question that follows names it.
  const onlyKind = !facts.device && !facts.reportedModel && !draft.model && !draft.serial && !facts.site && !draft.siteText && !draft.since;
  const summary = onlyKind ? "" : summaryOf(ctx, draft, facts);
  if (summary && summary !== draft.acknowledged) ctx.lead(ctx.t("intake.ack", { summary }));
  return summary || draft.acknowledged;
}
