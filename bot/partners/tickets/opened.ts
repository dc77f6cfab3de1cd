/**
 * What opening a ticket sets up: the partner thread of the case (the partner's ticket for a
 * webhook connector, a thread in the shared channel for thread mode) and what each side is told.
 */
import type { Tx } from "../../../db/client.ts";
import { newId } from "../../../db/ids.ts";
import type { Card } from "../../events.ts";
import { translator } from "../../i18n/index.ts";
import type { CaseView } from "../../cases/view.ts";
import { enqueueMessages } from "../../runtime/outbox.ts";
import { caseFacts, PARTNER_TIME, ticketCard, ticketReference } from "../card.ts";
import { localizeDescription } from "../../cases/description.ts";
import type { BridgeNotice } from "../timeline.ts";
import type { PartnerRecord, TicketView } from "../types.ts";

/**
 * Links the case's partner thread. Webhook: the ticket itself is the thread (platform `partner`,
 * conversation = partner id, thread = ticket id), so public case changes are mirrored to it by the
 * case notifications. Thread mode: an intro message in the shared channel; in a channel its
 * thread becomes the partner thread once it is posted (the dispatcher links it), in a chat the
 * conversation itself is.
 */
export async function openPartnerThread(
  tx: Tx,
  view: CaseView,
  partner: PartnerRecord,
  ticket: TicketView,
  findings: string | null,
  now: Date,
): Promise<void> {
  const link = async (platform: string, conversationId: string, threadId: string) =>
    tx.$executeRaw`INSERT INTO "ThreadLink" (id, "caseId", platform, "conversationId", "threadId", role, "createdAt")
      VALUES (${newId(now.getTime())}, ${view.id}, ${platform}, ${conversationId}, ${threadId}, 'partner', ${now})
      ON CONFLICT ("caseId", platform, "conversationId", "threadId") DO NOTHING`;
  if (partner.connector === "webhook") {
    await link("partner", partner.id, ticket.externalId!);
    return;
  }
  const channel = partner.sharedChannel!;
  if (channel.kind === "chat") await link(channel.platform, channel.conversationId, "");
  await enqueueMessages(
    tx,
    [
      {
        key: `partner:intro:${ticket.id}:${ticket.request}`,
        caseId: view.id,
        message: {
          target: {
            platform: channel.platform,
            conversationId: channel.conversationId,
            kind: channel.kind === "chat" ? "group" : "channel",
          },
          card: introCard(view, partner, ticket, findings),
          visibility: "public",
          lang: "en",
          linkCase: channel.kind === "channel" ? { caseId: view.id, role: "partner" } : undefined,
        },
      },
    ],
    now,
  );
}

/** The case as the partner's engineers first see it in their shared channel (English). */
function introCard(view: CaseView, partner: PartnerRecord, ticket: TicketView, findings: string | null): Card {
  const t = translator("en");
  const description = localizeDescription(view.description, t);
  return {
    title: t("ecps.intro.title", { case: view.ref, partner: partner.name, title: view.title }),
    body: findings ? `${description}\n\n${t("ecps.entry.findings", { partner: partner.name, findings })}` : description,
    facts: [...caseFacts(t, view, PARTNER_TIME), { label: t("ecps.fact.agreement"), value: ticket.agreementRef ?? t("ecps.agreement.none") }],
    context: [t("ecps.intro.howto", { case: view.ref })],
  };
}

/** Who hears that the ticket is open: the customer gets the tracking number, the engineers a line. */
export function openedNotices(view: CaseView, partner: PartnerRecord, ticket: TicketView): BridgeNotice {
  const thread = partner.connector === "thread";
  return {
    customer: (t) => {
      const card = ticketCard(t, view, partner, ticket);
      card.title = thread
        ? t("ecps.invited.title", { partner: partner.name, case: view.ref })
        : t("ecps.opened.title", { partner: partner.name, case: view.ref, tracking: ticket.trackingNumber ?? "" });
      card.body = t(thread ? "ecps.invited.body" : "ecps.opened.body", { partner: partner.name });
      return { card };
    },
    engineers: (en) =>
      en("ecps.opened.engineers", { partner: partner.name, case: view.ref, tracking: ticketReference(en, view, partner, ticket) }),
  };
}
