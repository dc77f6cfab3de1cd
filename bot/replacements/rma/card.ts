/** The RMA card: the same facts for everyone, with the next step as a button for who is looking. */
import type { Audience } from "../../audience.ts";
import type { Card, CardAction, CardFact } from "../../events.ts";
import type { Language } from "../../../core/vocabulary.ts";
import type { Translator } from "../../i18n/index.ts";
import { formatDay, formatInstant } from "../format.ts";
import type { RmaView } from "./view.ts";

export type ServiceAudience = "customer" | "support";

/** The view a conversation's readers get: a partner reads what the customer reads. */
export function serviceAudience(readers: Audience): ServiceAudience {
  return readers === "support" ? "support" : "customer";
}

/** The buttons for an RMA, by audience and status. */
export function rmaActions(view: RmaView, t: Translator, audience: ServiceAudience): CardAction[] {
  const value = { rma: view.ref };
  const actions: CardAction[] = [];
  if (audience === "support") {
    if (view.status === "ordered") {
      actions.push({ id: "rma.ship_form", label: t("rma.action.ship"), value, style: "primary" });
      actions.push({ id: "rma.cancel", label: t("rma.action.cancel"), value, style: "danger" });
    }
    if (view.status === "shipped") actions.push({ id: "rma.delivered", label: t("rma.action.delivered"), value });
    if (view.status === "shipped" || view.status === "delivered")
      actions.push({ id: "rma.received", label: t("rma.action.received"), value, style: "primary" });
  } else if (view.status === "shipped") {
    actions.push({ id: "rma.delivered", label: t("rma.action.arrived"), value, style: "primary" });
  }
  if (view.status === "ordered" || view.status === "shipped" || view.status === "delivered")
    actions.push({ id: "onsite.request", label: t("rma.action.technician"), value: { serial: view.serial, rma: view.ref } });
  actions.push({ id: "rma.view", label: t("rma.action.refresh"), value });
  return actions;
}

/** Renders an RMA as a card in the reader's language. */
export function renderRmaCard(view: RmaView, t: Translator, lang: Language, audience: ServiceAudience): Card {
  const facts: CardFact[] = [{ label: t("rma.fact.status"), value: t(`rma.status.${view.status}`) }];
  if (audience === "support") facts.push({ label: t("rma.fact.organization"), value: view.organizationName });
  facts.push({ label: t("rma.fact.device"), value: `${view.modelName} ${view.serial}`.trim() });
  if (view.partKind !== "unit") facts.push({ label: t("rma.fact.part"), value: (lang === "es" && view.partNameEs) || view.partName });
  if (view.siteName) facts.push({ label: t("rma.fact.site"), value: view.siteName });
  if (view.status !== "cancelled") {
    facts.push({
      label: t("rma.fact.ships"),
      value: t("rma.fact.shipsValue", { date: formatDay(view.shipDate, lang), depot: view.depotName }),
    });
    facts.push({ label: t(view.deliveredAt ? "rma.fact.delivered" : "rma.fact.delivery"), value: formatDay(view.deliveryDate, lang) });
  }
  if (view.replacementSerial) facts.push({ label: t("rma.fact.replacement"), value: view.replacementSerial });
  if (view.trackingNumber) facts.push({ label: t("rma.fact.tracking"), value: `${view.carrier ?? ""} ${view.trackingNumber}`.trim() });
  if (view.returnDueAt && view.status !== "closed")
    facts.push({ label: t("rma.fact.returnDue"), value: formatInstant(view.returnDueAt, view.siteTimeZone, lang) });
  if (view.caseRef) facts.push({ label: t("rma.fact.case"), value: view.caseRef });
  return {
    title: t("rma.card.title", { rma: view.ref, model: view.modelName }),
    body: audience === "support" ? view.reason : undefined,
    facts,
    actions: rmaActions(view, t, audience),
    context: [t(`rma.next.${audience}.${view.status}`)],
  };
}

/** The form an engineer fills to record the shipment. */
export function renderShipForm(view: RmaView, t: Translator): Card {
  return {
    title: t("rma.ship.title", { rma: view.ref }),
    subtitle: `${view.modelName} ${view.serial} → ${view.siteName ?? ""}`.trim(),
    inputs: [
      {
        id: "replacementSerial",
        label: t("rma.input.replacementSerial"),
        kind: "text",
        required: true,
        placeholder: `${view.serial.split("-")[0]}-0000000`,
      },
      { id: "trackingNumber", label: t("rma.input.tracking"), kind: "text", required: true },
      { id: "carrier", label: t("rma.input.carrier"), kind: "text" },
    ],
    actions: [{ id: "rma.ship", label: t("rma.action.confirmShip"), value: { rma: view.ref }, style: "primary" }],
  };
}
