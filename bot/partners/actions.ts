/** The bridge's button on a case card (declared in index.ts as its case-card buttons). */
import type { CardAction } from "../events.ts";
import type { Translator } from "../i18n/index.ts";
import type { CaseView } from "../cases/view.ts";

const ACTIVE = ["open", "waiting_customer", "waiting_partner"];

/**
 * A cloud-partner problem not yet shared with a partner: the customer (or support) can ask for a
 * partner ticket from the card. Once shared, the button shows the partner ticket instead.
 */
export function partnerCaseActions(view: CaseView, t: Translator, audience: "customer" | "support" | "partner"): CardAction[] {
  if (!ACTIVE.includes(view.status)) return [];
  const value = { case: view.ref };
  if (view.partnerId) return [{ id: "partner.request", label: t("ecps.action.view"), value }];
  if (view.category === "cloud_partner" && audience !== "partner")
    return [{ id: "partner.request", label: t("ecps.action.request"), value }];
  return [];
}
