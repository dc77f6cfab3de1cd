/** The onsite visit card: the fee and scope, the slots to choose from, then the booked visit. */
import { DateTime } from "luxon";
import type { Card, CardAction, CardFact } from "../../events.ts";
import type { Language } from "../../../core/vocabulary.ts";
import { translate, type Translator } from "../../i18n/index.ts";
import { LANGUAGES } from "../../../core/vocabulary.ts";
import { formatMoney, formatSlot } from "../format.ts";
import type { Slot } from "./slots.ts";
import type { VisitView } from "./view.ts";
import type { ServiceAudience } from "../rma/card.ts";

/**
 * The work of a visit in the reader's language: the default work ("install the replacement
 * part"), stored in whichever language the request came in, is the bot's own words and is
 * translated; work a person described is theirs and shown as written.
 */
export function purposeIn(t: Translator, purpose: string): string {
  const isDefault = LANGUAGES.some((lang) => translate(lang, "onsite.defaultPurpose") === purpose);
  return isDefault ? t("onsite.defaultPurpose") : purpose;
}

/** A slot as a short button label: "Tue 17 Mar, 09:00–13:00". */
export function slotLabel(slot: Slot, timeZone: string, lang: Language): string {
  const from = DateTime.fromJSDate(slot.start, { zone: timeZone }).setLocale(lang);
  return `${from.toFormat("ccc d LLL")}, ${from.toFormat("HH:mm")}–${DateTime.fromJSDate(slot.end, { zone: timeZone }).toFormat("HH:mm")}`;
}

/** The buttons for a visit: the slots while it is quoted, then reschedule, cancel and done. */
export function visitActions(view: VisitView, t: Translator, lang: Language, audience: ServiceAudience, slots: Slot[]): CardAction[] {
  const value = { visit: view.ref };
  const actions: CardAction[] = [];
  if (view.status === "quoted")
    for (const slot of slots)
      actions.push({
        id: "onsite.schedule",
        label: slotLabel(slot, view.timeZone, lang),
        value: { ...value, slot: slot.start.toISOString() },
      });
  if (view.status === "scheduled") {
    actions.push({ id: "onsite.reschedule", label: t("onsite.action.reschedule"), value });
    if (audience === "support") actions.push({ id: "onsite.complete", label: t("onsite.action.complete"), value, style: "primary" });
  }
  if (view.status === "quoted" || view.status === "scheduled")
    actions.push({ id: "onsite.cancel", label: t("onsite.action.cancel"), value, style: "danger" });
  actions.push({ id: "onsite.view", label: t("onsite.action.refresh"), value });
  return actions;
}

/** Renders a visit in the reader's language; `slots` are offered while it awaits confirmation. */
export function renderVisitCard(view: VisitView, t: Translator, lang: Language, audience: ServiceAudience, slots: Slot[] = []): Card {
  const facts: CardFact[] = [{ label: t("onsite.fact.status"), value: t(`onsite.status.${view.status}`) }];
  if (audience === "support") facts.push({ label: t("onsite.fact.organization"), value: view.organizationName });
  facts.push({ label: t("onsite.fact.device"), value: `${view.modelName} ${view.serial}`.trim() });
  facts.push({ label: t("onsite.fact.site"), value: view.siteAddress ? `${view.siteName} · ${view.siteAddress}` : view.siteName });
  facts.push({ label: t("onsite.fact.purpose"), value: purposeIn(t, view.purpose) });
  facts.push({ label: t("onsite.fact.fee"), value: formatMoney(view.fee, view.currency, lang) });
  if (view.slotStart && view.slotEnd && view.status !== "cancelled")
    facts.push({ label: t("onsite.fact.slot"), value: formatSlot(view.slotStart, view.slotEnd, view.timeZone, lang) });
  if (view.technicianName)
    facts.push({ label: t("onsite.fact.technician"), value: [view.technicianName, view.technicianPhone].filter(Boolean).join(" · ") });
  if (view.contactName)
    facts.push({ label: t("onsite.fact.contact"), value: [view.contactName, view.contactPhone].filter(Boolean).join(" · ") });
  const refs = [view.rmaRef, view.caseRef].filter(Boolean).join(" · ");
  if (refs) facts.push({ label: t("onsite.fact.refs"), value: refs });
  const context =
    view.status === "quoted"
      ? [
          slots.length > 0
            ? t("onsite.hint.choose", { fee: formatMoney(view.fee, view.currency, lang), zone: view.timeZone })
            : t("onsite.hint.noSlots"),
        ]
      : [t(`onsite.next.${view.status}`)];
  return {
    title: t("onsite.card.title", { visit: view.ref, site: view.siteName }),
    body: t("onsite.scope"),
    facts,
    actions: visitActions(view, t, lang, audience, slots),
    context,
  };
}
