/**
 * Asking for a partner ticket: "open a ticket with Microsoft" (the `partner_ticket` intent), the
 * `partner CS-10422` shortcut and the button on a cloud-partner case all lead to one confirmation
 * card; confirming it (with the agreement, when none is on record) asks the bridge to open the
 * ticket, and "we have no agreement" refers the customer to the partner.
 */
import { formatDay, readerTime } from "../../handlers/reader-zone.ts";
import { policy } from "../../authz.ts";
import { shorten } from "../../../core/text/shorten.ts";
import type { Context } from "../../context.ts";
import { invalid } from "../../errors.ts";
import type { ActionEvent } from "../../events.ts";
import type { CommandArgs } from "../../router.ts";
import { parseCaseRef } from "../../cases/refs.ts";
import type { CaseView } from "../../cases/view.ts";
import type { TriageResult } from "../../triage/index.ts";
import { parseValidUntil } from "../registry/agreements.ts";
import { confirmCard, referralCard, ticketCard } from "../card.ts";
import type { PartnerServices } from "../service.ts";
import { partnerFeature } from "../index.ts";
import { reasonText } from "./referrals.ts";
import { ACTIVE_TICKET } from "../types.ts";

/** The bridge; a bot built without it answers "coming soon" (bot/partners/index.ts). */
export function bridgeOf(ctx: Context): PartnerServices {
  return partnerFeature.of(ctx);
}

function caseOf(event: ActionEvent): number {
  const number = parseCaseRef(event.value.case ?? "");
  if (number === undefined) throw invalid("error.malformed");
  return number;
}

/** The partner a case is about, as the triage reads its description. */
function partnerOfCase(ctx: Context, view: CaseView): string | undefined {
  return ctx.services.triage.classify(`${view.title}. ${view.description}`).entities.partner ?? undefined;
}

/** Shows the ticket a case has, or the confirmation card to open one (or the partners to choose from). */
export async function offerTicket(ctx: Context, number: number, partnerWord?: string): Promise<void> {
  const bridge = bridgeOf(ctx);
  const { view, ticket, partner } = await bridge.tickets.ofCase(ctx.person, number);
  if (ticket && partner && (ACTIVE_TICKET.has(ticket.status) || !policy.canActAsCustomer(ctx.person, view))) {
    ctx.reply({ card: ticketCard(ctx.t, view, partner, ticket) });
    return;
  }
  if (!policy.canActAsCustomer(ctx.person, view)) {
    ctx.reply({ text: ctx.t("ecps.ticket.none", { case: view.ref }) });
    return;
  }
  const named = partnerWord ? await bridge.registry.find(partnerWord) : undefined;
  if (partnerWord && !named)
    throw invalid("ecps.error.unknownPartner", { partner: partnerWord, known: (await bridge.registry.list()).map((p) => p.id).join(", ") });
  const chosen = named ?? (await bridge.registry.get(ticket?.partnerId ?? partnerOfCase(ctx, view) ?? ""));
  if (!chosen) {
    const partners = await bridge.registry.list();
    ctx.reply({
      card: {
        title: ctx.t("ecps.choosePartner", { case: view.ref }),
        actions: partners.map((p) => ({ id: "partner.request", label: p.name, value: { case: view.ref, partner: p.id } })),
      },
    });
    return;
  }
  const agreement = await bridge.agreements.check(view.organizationId, chosen.id);
  ctx.reply({ card: confirmCard(ctx.t, view, chosen, agreement, policy.isSupport(ctx.person), await readerTime(ctx)) });
}

/** "open a ticket with Microsoft (for CS-10422)". */
export async function partnerTicketIntent(ctx: Context, triage: TriageResult): Promise<void> {
  const named = parseCaseRef(triage.entities.case_id[0] ?? ctx.text);
  const partner = triage.entities.partner ?? undefined;
  if (named !== undefined) return offerTicket(ctx, named, partner);
  const linked = await ctx.services.cases.findByThread(ctx.person, ctx.event.conversation);
  if (linked) return offerTicket(ctx, linked.number, partner);
  const active = (await ctx.services.cases.list(ctx.person, { mine: policy.isCustomer(ctx.person), limit: 10 })).filter((c) =>
    ["open", "waiting_customer", "waiting_partner"].includes(c.status),
  );
  const partnerCases = active.filter((c) => c.category === "cloud_partner");
  const candidates = partnerCases.length > 0 ? partnerCases : active;
  if (candidates.length === 1) return offerTicket(ctx, candidates[0]!.number, partner);
  const partnerName = partner ? ((await bridgeOf(ctx).registry.get(partner))?.name ?? partner) : ctx.t("ecps.thePartner");
  if (candidates.length === 0) return void ctx.reply({ text: ctx.t("ecps.noCase", { partner: partnerName }) });
  ctx.reply({
    card: {
      title: ctx.t("ecps.chooseCase"),
      body: candidates.map((c) => `• ${c.ref} · ${c.title}`).join("\n"),
      actions: candidates
        .slice(0, 5)
        .map((c) => ({ id: "partner.request", label: c.ref, value: { case: c.ref, ...(partner ? { partner } : {}) } })),
    },
  });
}

/** `partner CS-10422 [microsoft]`. */
export async function partnerCommand(ctx: Context, args: CommandArgs): Promise<void> {
  if (args.caseNumber === undefined) throw invalid("error.missingText", { usage: "partner CS-10422 [microsoft|zoom|google|webex]" });
  await offerTicket(ctx, args.caseNumber, args.rest.split(/\s+/)[0] || undefined);
}

/** The button on a cloud-partner case, a partner chosen from the list, or "Try again". */
export async function requestAction(ctx: Context, event: ActionEvent): Promise<void> {
  await offerTicket(ctx, caseOf(event), event.value.partner || undefined);
}

/** "Open the ticket" on the confirmation card. */
export async function confirmAction(ctx: Context, event: ActionEvent): Promise<void> {
  const bridge = bridgeOf(ctx);
  const inputs = event.inputs ?? {};
  const reference = inputs.agreement?.trim();
  const validUntil = parseValidUntil(inputs.validUntil);
  if (validUntil === undefined) throw invalid("ecps.error.badDate", { date: inputs.validUntil ?? "" });
  const outcome = await bridge.tickets.request(
    ctx.person,
    caseOf(event),
    event.value.partner ?? "",
    { agreement: reference ? { reference, validUntil } : undefined, findings: inputs.findings },
    ctx.origin,
  );
  const params = { partner: outcome.partner.name, case: outcome.view.ref };
  if (outcome.state === "needs_agreement") {
    const agreement = await bridge.agreements.check(outcome.view.organizationId, outcome.partner.id);
    ctx.reply({ text: ctx.t("ecps.needsAgreement", params) });
    ctx.reply({ card: confirmCard(ctx.t, outcome.view, outcome.partner, agreement, policy.isSupport(ctx.person), await readerTime(ctx)) });
    return;
  }
  if (outcome.state === "requested") {
    ctx.reply({ text: ctx.t("ecps.requested", params) });
    return;
  }
  const { ticket } = outcome;
  if (ticket.status === "opening") ctx.reply({ text: ctx.t("ecps.alreadyOpening", params) });
  else ctx.reply({ card: ticketCard(ctx.t, outcome.view, outcome.partner, ticket) });
}

/** The latest comments a referral carries as the case's findings. */
const MAX_FINDINGS = 8;

/** "We have no agreement with Microsoft": nothing is opened, and the customer is referred. */
export async function noAgreementAction(ctx: Context, event: ActionEvent): Promise<void> {
  const { view, partner } = await bridgeOf(ctx).referrals.withoutAgreement(
    ctx.person,
    caseOf(event),
    event.value.partner ?? "",
    ctx.origin,
  );
  const time = await readerTime(ctx);
  // The case's documented findings go with the referral: the customer hands them to the partner.
  const timeline = await ctx.services.cases.timeline(ctx.person, view.number, "customer");
  const findings = timeline
    .filter((entry) => entry.kind === "comment" && entry.body)
    .slice(-MAX_FINDINGS)
    .map((entry) => `${formatDay(entry.at, time.zone, time.lang)} · ${entry.actorName ?? ""}: ${shorten(entry.body!, 400)}`);
  const reason = reasonText(ctx.t, partner.name, { code: "no_agreement" });
  ctx.reply({ card: referralCard(ctx.t, view, partner, reason, null, false, time, findings) });
}
