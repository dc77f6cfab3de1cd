/**
 * What the customer, the technician and the engineers hear when a visit changes. Planned inside
 * the change's transaction and keyed by its timeline event.
 */
import type { Tx } from "../../../db/client.ts";
import type { ConversationRef } from "../../events.ts";
import { translator } from "../../i18n/index.ts";
import { personalConversations, type Directory } from "../../people/directory.ts";
import type { QueuedMessage } from "../../runtime/outbox.ts";
import { formatMoney, formatSlot } from "../format.ts";
import { purposeIn, renderVisitCard } from "./card.ts";
import type { Slot } from "./slots.ts";
import type { VisitView } from "./view.ts";
import { customerRecipients, engineerRecipients, planMessages, type Recipient } from "../notify.ts";

export type VisitNoticeKind = "quoted" | "scheduled" | "rescheduled" | "cancelled" | "completed" | "contact";

/** Plans the messages for one change of a visit. `except` is the conversation it came from. */
export async function planVisitNotices(
  tx: Tx,
  directory: Directory,
  view: VisitView,
  kind: VisitNoticeKind,
  eventId: string,
  except: ConversationRef | undefined,
  extra: { slots?: Slot[]; previousTechnician?: { ref: ConversationRef | null; locale: "en" | "es" }; requestedBy?: string },
): Promise<QueuedMessage[]> {
  const customers = await customerRecipients(tx, directory, view);
  // The site contact hears about the visit directly, even when the case has its own threads.
  if (view.contactId && view.contactId !== view.requesterId)
    for (const ref of await personalConversations(tx, view.contactId)) customers.push({ ref, lang: view.language, visibility: "public" });
  const slotText = (lang: "en" | "es") =>
    view.slotStart && view.slotEnd ? formatSlot(view.slotStart, view.slotEnd, view.timeZone, lang) : "";
  const params = (lang: "en" | "es") => ({
    visit: view.ref,
    site: view.siteName,
    model: view.modelName,
    serial: view.serial,
    slot: slotText(lang),
    technician: [view.technicianName, view.technicianPhone].filter(Boolean).join(", "),
    contact: [view.contactName, view.contactPhone].filter(Boolean).join(", ") || "—",
    fee: formatMoney(view.fee, view.currency, lang),
    organization: view.organizationName,
    purpose: purposeIn(translator(lang), view.purpose),
    address: view.siteAddress ?? view.siteName,
  });
  const messages = planMessages(`onsite:${eventId}:c`, customers, except, ({ lang }) => {
    const t = translator(lang);
    const card = renderVisitCard(view, t, lang, "customer", extra.slots ?? []);
    if (kind === "quoted")
      return {
        text: extra.requestedBy
          ? t("onsite.notice.requested", { ...params(lang), requester: extra.requestedBy })
          : t("onsite.notice.quoted", params(lang)),
        card,
      };
    if (kind === "scheduled" || kind === "rescheduled") return { text: t(`onsite.notice.${kind}`, params(lang)), card };
    if (kind === "cancelled") return { text: t("onsite.notice.cancelled", params(lang)) };
    if (kind === "completed") return { text: t("onsite.notice.completed", params(lang)) };
    return { text: t("onsite.notice.contact", params(lang)) };
  });
  const technicians: Recipient[] = [];
  if (view.technicianRef) technicians.push({ ref: view.technicianRef, lang: view.technicianLocale, visibility: "public" });
  messages.push(
    ...planMessages(`onsite:${eventId}:t`, technicians, except, ({ lang }) => {
      const t = translator(lang);
      if (kind === "scheduled" || kind === "rescheduled") return { text: t("onsite.tech.job", params(lang)) };
      if (kind === "cancelled") return { text: t("onsite.tech.cancelled", params(lang)) };
      if (kind === "contact") return { text: t("onsite.tech.contact", params(lang)) };
      return undefined;
    }),
  );
  const previous = extra.previousTechnician;
  if (
    previous?.ref &&
    (previous.ref.conversationId !== view.technicianRef?.conversationId || previous.ref.platform !== view.technicianRef?.platform)
  )
    messages.push(
      ...planMessages(`onsite:${eventId}:pt`, [{ ref: previous.ref, lang: previous.locale, visibility: "public" }], except, ({ lang }) => ({
        text: translator(lang)("onsite.tech.cancelled", params(lang)),
      })),
    );
  const t = translator("en");
  messages.push(
    ...planMessages(`onsite:${eventId}:e`, await engineerRecipients(directory, view.organizationId), except, () =>
      kind === "contact" ? undefined : { text: t(`onsite.eng.${kind}`, params("en")) },
    ),
  );
  return messages;
}
