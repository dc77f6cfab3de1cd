/**
 * POST /webhooks/partners/:partner — events from a partner's ticket system (README.md), through
 * the signed-webhook receiver (adapters/webhook/receiver.ts). The connector verifies the
 * signature and timestamp and parses the events; each valid event becomes one `webhook`
 * InboundEvent whose delivery id is `<partner>:<event id>`, so the core's dedupe processes a
 * repeated event once.
 */
import type { PartnerEvent } from "../../bot/partners/webhook/events.ts";
import type { PartnerRecord } from "../../bot/partners/types.ts";
import type { AdapterHost } from "../../bot/ports.ts";
import { mountSignedWebhook } from "../webhook/receiver.ts";
import type { WebhookConnector } from "./webhook-connector.ts";
import { partnerFeature } from "../../bot/partners/index.ts";

export const PARTNER_WEBHOOK_PATH = "/webhooks/partners/:partner";

/** Mounts the endpoint on the host's HTTP server. */
export function mountPartnerWebhook(host: AdapterHost<unknown>, connector: WebhookConnector): void {
  mountSignedWebhook<PartnerRecord, PartnerEvent>(host, PARTNER_WEBHOOK_PATH, {
    platform: "partner",
    async sender(params) {
      const partnerId = params.partner ?? "";
      const bridge = host.queries.feature(partnerFeature);
      const partner = bridge ? await bridge.registry.get(partnerId) : undefined;
      return partner ?? { ok: false, status: 404, body: { error: `unknown partner: ${partnerId}` } };
    },
    parse(partner, request, nowSeconds) {
      const received = connector.receive(partner, request, nowSeconds);
      if (!received.ok)
        return {
          ok: false,
          status: received.status,
          body: { error: received.error },
          ...(received.status === 401 ? { audit: received.error } : {}),
        };
      if (received.events.length === 0)
        return { ok: false, status: 400, body: { error: "no valid event; nothing was processed", rejected: received.rejected } };
      return received;
    },
    toEvent: (partner, event) => ({
      kind: "webhook",
      platform: "partner",
      deliveryId: `${partner.id}:${event.id}`,
      receivedAt: host.clock.now(),
      actor: null,
      conversation: {
        platform: "partner",
        conversationId: partner.id,
        threadId: "ticket" in event && event.ticket ? event.ticket : undefined,
      },
      source: "partner",
      body: { partner: partner.id, event },
    }),
    failed: (partner, event, { accepted, duplicates }) => ({
      log: { partner: partner.id, event: event.id, accepted },
      message: "partner event could not be processed",
      body: {
        error: `could not process event ${event.id}; send it and the rest again (events already recorded are recognized by id)`,
        accepted,
        duplicates,
      },
    }),
  });
}
