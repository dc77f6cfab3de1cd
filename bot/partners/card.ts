/** The bridge's cards: the confirmation before a ticket is opened, the ticket, the referral. */
import type { Card, CardAction, CardFact } from "../events.ts";
import type { Translator } from "../i18n/index.ts";
import type { CaseView } from "../cases/view.ts";
import type { AgreementCheck } from "./registry/agreements.ts";
import type { PartnerRecord, TicketView } from "./types.ts";
import { localizeDescription } from "../cases/description.ts";
import { formatZoned, type ReaderTime } from "../handlers/reader-zone.ts";

/** Partners' engineers read times in UTC, named: their own zone is not known to us. */
export const PARTNER_TIME: ReaderTime = { zone: "UTC", lang: "en" };

const day = (date: Date) => date.toISOString().slice(0, 10);

/** The agreement as one line, e.g. "E-4471 (valid until 2027-12-31)". */
export function agreementText(t: Translator, check: AgreementCheck | { state: "ref"; reference: string | null }): string {
  if (check.state === "ref") return check.reference ?? t("ecps.agreement.none");
  if (check.state === "missing") return t("ecps.agreement.none");
  const { reference, validUntil } = check.agreement;
  return validUntil ? t("ecps.agreement.until", { reference, date: day(validUntil) }) : reference;
}

/**
 * How people name a ticket: the partner's tracking number; a shared thread without one is named
 * by its case — never by our internal id, which nobody can look up.
 */
export function ticketReference(t: Translator, view: CaseView, partner: PartnerRecord, ticket: TicketView): string {
  if (ticket.trackingNumber) return ticket.trackingNumber;
  if (partner.connector === "thread") return t("ecps.ticket.sharedThread", { case: view.ref });
  return ticket.externalId ?? "—";
}

/** The case facts a partner (or the customer, when referred) needs; the opening time in `time.zone`, named. */
export function caseFacts(t: Translator, view: CaseView, time: ReaderTime): CardFact[] {
  const facts: CardFact[] = [
    { label: t("ecps.fact.case"), value: view.ref },
    { label: t("ecps.fact.title"), value: view.title },
    { label: t("ecps.fact.organization"), value: view.organizationName },
    { label: t("ecps.fact.severity"), value: view.severity },
  ];
  if (view.deviceSerial) facts.push({ label: t("ecps.fact.device"), value: `${view.deviceModel ?? ""} ${view.deviceSerial}`.trim() });
  if (view.siteName) facts.push({ label: t("ecps.fact.site"), value: view.siteName });
  facts.push({ label: t("ecps.fact.opened"), value: formatZoned(view.createdAt, time.zone, time.lang) });
  return facts;
}

/**
 * "Open a ticket with Microsoft for CS-10001?" — what is shared, the agreement on record (or a
 * field for it), and for support a field for the findings to send along.
 */
export function confirmCard(
  t: Translator,
  view: CaseView,
  partner: PartnerRecord,
  agreement: AgreementCheck,
  support: boolean,
  time: ReaderTime,
): Card {
  const value = { case: view.ref, partner: partner.id };
  const needsAgreement = agreement.state !== "valid";
  const notes = [t("ecps.confirm.body", { partner: partner.name })];
  if (agreement.state === "missing") notes.push(t("ecps.confirm.needAgreement", { partner: partner.name }));
  if (agreement.state === "expired")
    notes.push(
      t("ecps.confirm.expired", {
        partner: partner.name,
        reference: agreement.agreement.reference,
        date: day(agreement.agreement.validUntil!),
      }),
    );
  const inputs: Card["inputs"] = [];
  if (needsAgreement) {
    inputs.push({ id: "agreement", label: t("ecps.input.agreement", { partner: partner.name }), kind: "text", required: true });
    inputs.push({ id: "validUntil", label: t("ecps.input.validUntil"), kind: "text", placeholder: "2027-12-31" });
  }
  if (support) inputs.push({ id: "findings", label: t("ecps.input.findings", { partner: partner.name }), kind: "multiline" });
  const actions: CardAction[] = [{ id: "partner.confirm", label: t("ecps.action.confirm"), value, style: "primary" }];
  if (needsAgreement)
    actions.push({
      id: "partner.no_agreement",
      label: t("ecps.action.noAgreement", { partner: partner.name }),
      value,
      withoutInputs: true,
    });
  return {
    title: t("ecps.confirm.title", { partner: partner.name, case: view.ref }),
    body: notes.join("\n\n"),
    facts: [...caseFacts(t, view, time), { label: t("ecps.fact.agreement"), value: agreementText(t, agreement) }],
    inputs,
    actions,
  };
}

/** The ticket as the customer and the engineers see it. */
export function ticketCard(t: Translator, view: CaseView, partner: PartnerRecord, ticket: TicketView): Card {
  const facts: CardFact[] = [
    { label: t("ecps.fact.partner"), value: partner.name },
    { label: t("ecps.fact.tracking"), value: ticket.trackingNumber ?? "—" },
    { label: t("ecps.fact.status"), value: t(`ecps.ticketStatus.${ticket.status}`) },
    { label: t("ecps.fact.agreement"), value: ticket.agreementRef ?? t("ecps.agreement.none") },
  ];
  const actions: CardAction[] = [];
  const active = ["open", "in_progress", "waiting_vendor"].includes(ticket.status);
  if (active) actions.push({ id: "partner.call", label: t("ecps.action.call"), value: { case: view.ref } });
  if (ticket.status === "failed" || ticket.status === "refused")
    actions.push({ id: "partner.request", label: t("ecps.action.retry"), value: { case: view.ref, partner: partner.id } });
  if (ticket.trackingUrl)
    actions.push({
      id: "partner.link",
      label: t("ecps.action.openAtPartner", { partner: partner.name }),
      value: {},
      url: ticket.trackingUrl,
    });
  actions.push({ id: "case.view", label: t("case.action.view"), value: { case: view.ref } });
  return { title: t("ecps.ticket.title", { case: view.ref, partner: partner.name }), facts, actions };
}

/** Why no ticket could be opened, and everything the customer needs to go to the partner themselves. */
export function referralCard(
  t: Translator,
  view: CaseView,
  partner: PartnerRecord,
  reason: string,
  agreementRef: string | null,
  retry: boolean,
  time: ReaderTime,
  /** What the case documents so far (its public comments, oldest first), for the customer to pass on. */
  findings: string[] = [],
): Card {
  const body = t("ecps.referral.body", { reason, partner: partner.name, contact: partner.supportContact, case: view.ref });
  const found = findings.length
    ? `\n\n${t("ecps.referral.findings", { partner: partner.name })}\n${findings.map((line) => `• ${line}`).join("\n")}`
    : "";
  return {
    title: t("ecps.failed.title", { partner: partner.name, case: view.ref }),
    body: body + found,
    facts: [
      ...caseFacts(t, view, time),
      { label: t("ecps.fact.description"), value: localizeDescription(view.description, t).slice(0, 400) },
      { label: t("ecps.fact.agreement"), value: agreementRef ?? t("ecps.agreement.none") },
    ],
    actions: retry ? [{ id: "partner.request", label: t("ecps.action.retry"), value: { case: view.ref, partner: partner.id } }] : [],
    context: [t("ecps.referral.contact", { partner: partner.name, contact: partner.supportContact })],
  };
}
