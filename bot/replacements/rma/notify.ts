/**
 * What the customer and the engineers hear when an RMA changes. Planned inside the change's
 * transaction; keyed by the timeline event, so a resumed event never sends twice.
 */
import type { Tx } from "../../../db/client.ts";
import type { ConversationRef } from "../../events.ts";
import { translator } from "../../i18n/index.ts";
import type { Directory } from "../../people/directory.ts";
import type { QueuedMessage } from "../../runtime/outbox.ts";
import { formatDay, formatInstant } from "../format.ts";
import { customerRecipients, engineerRecipients, planMessages } from "../notify.ts";
import { renderRmaCard } from "./card.ts";
import type { RmaView } from "./view.ts";
import { available, isLow, type StockLevel } from "../stock.ts";

export type RmaNoticeKind = "ordered" | "shipped" | "delivered" | "received" | "cancelled" | "reminder" | "overdue";

/** Plans the messages for one change of an RMA. `except` is the conversation it came from. */
export async function planRmaNotices(
  tx: Tx,
  directory: Directory,
  view: RmaView,
  kind: RmaNoticeKind,
  eventId: string,
  except: ConversationRef | undefined,
  extra: { stock?: StockLevel; stage?: string },
): Promise<QueuedMessage[]> {
  const customers = await customerRecipients(tx, directory, view);
  const engineers = await engineerRecipients(directory, view.organizationId);
  const messages = planMessages(`rma:${eventId}:c`, customers, except, ({ lang }) => {
    const t = translator(lang);
    const params = {
      rma: view.ref,
      model: view.modelName,
      serial: view.serial,
      site: view.siteName ?? "",
      depot: view.depotName,
      ship: formatDay(view.shipDate, lang),
      delivery: formatDay(view.deliveryDate, lang),
      due: view.returnDueAt ? formatInstant(view.returnDueAt, view.siteTimeZone, lang) : "",
      replacement: view.replacementSerial ?? "",
      tracking: `${view.carrier ?? ""} ${view.trackingNumber ?? ""}`.trim(),
    };
    const card = renderRmaCard(view, t, lang, "customer");
    switch (kind) {
      case "ordered":
        return { text: t("rma.notice.ordered", params), card };
      case "shipped":
        return { text: t("rma.notice.shipped", params), card };
      case "delivered":
        return { text: t("rma.notice.delivered", params) };
      case "received":
        return { text: t("rma.notice.closed", params) };
      case "cancelled":
        return { text: t("rma.notice.cancelled", params) };
      case "reminder":
        return { text: t(extra.stage === "due" ? "rma.notice.due" : "rma.notice.reminder", params), card };
      case "overdue":
        return { text: t("rma.notice.overdue", params), card };
    }
  });
  const t = translator("en");
  const internal = planMessages(`rma:${eventId}:e`, engineers, except, () => {
    const params = {
      rma: view.ref,
      organization: view.organizationName,
      serial: view.serial,
      model: view.modelName,
      depot: view.depotName,
    };
    if (kind === "ordered")
      return {
        text: t("rma.eng.ordered", { ...params, ship: formatDay(view.shipDate, "en") }),
        card: renderRmaCard(view, t, "en", "support"),
      };
    if (kind === "overdue") return { text: t("rma.eng.overdue", params), card: renderRmaCard(view, t, "en", "support") };
    if (kind === "reminder") return undefined;
    return { text: t("rma.eng.update", { ...params, status: t(`rma.status.${view.status}`) }) };
  });
  messages.push(...internal);
  if (extra.stock && isLow(extra.stock)) {
    const level = extra.stock;
    messages.push(
      ...planMessages(`rma:${eventId}:low`, engineers, undefined, () => ({
        text: t("parts.low.notice", { depot: view.depotName, part: view.partName, available: available(level), lowAt: level.lowAt }),
      })),
    );
  }
  return messages;
}
