/**
 * POST /webhooks/partners/:partner — events from a partner's ticket system (README.md). The
 * connector verifies the signature and timestamp and parses the events; each valid event becomes
 * one `webhook` InboundEvent whose delivery id is `<partner>:<event id>`, so the core's dedupe
 * processes a repeated event once. Events are handled in the order sent; the answer comes after
 * they are recorded, so a 2xx means nothing is lost, and a 503 means "send again" (events already
 * recorded are recognized by id).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { App } from "../../app/app.ts";
import { readBody, sendJson } from "../http/server.ts";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from "../webhook/signature.ts";
import { auditRefusedRequest } from "../webhook/refusals.ts";
import type { WebhookConnector } from "./webhook-connector.ts";
import { partnerFeature } from "../../bot/partners/index.ts";

export const PARTNER_WEBHOOK_PATH = "/webhooks/partners/:partner";

/** Mounts the endpoint on the app's HTTP server. */
export function mountPartnerWebhook(app: App, connector: WebhookConnector): void {
  app.http.route("POST", PARTNER_WEBHOOK_PATH, (req, res, params) => receive(app, connector, req, res, params.partner ?? ""));
}

async function receive(app: App, connector: WebhookConnector, req: IncomingMessage, res: ServerResponse, partnerId: string): Promise<void> {
  const bridge = app.services.features.get(partnerFeature);
  const partner = bridge ? await bridge.registry.get(partnerId) : undefined;
  if (!partner) return sendJson(res, 404, { error: `unknown partner: ${partnerId}` });
  const body = await readBody(req);
  const header = (name: string) => (typeof req.headers[name] === "string" ? (req.headers[name] as string) : undefined);
  const now = app.services.clock.now();
  const received = connector.receive(
    partner,
    { timestamp: header(TIMESTAMP_HEADER), signature: header(SIGNATURE_HEADER), body },
    Math.floor(now.getTime() / 1000),
  );
  if (!received.ok && received.status === 401) await auditRefusedRequest(app, "partner", req, received.error);
  if (!received.ok) return sendJson(res, received.status, { error: received.error });
  const { events, rejected } = received;
  if (events.length === 0) return sendJson(res, 400, { error: "no valid event; nothing was processed", rejected });

  let accepted = 0;
  let duplicates = 0;
  for (const event of events) {
    const deliveryId = `${partner.id}:${event.id}`;
    try {
      const result = await app.bot.handle({
        kind: "webhook",
        platform: "partner",
        deliveryId,
        receivedAt: now,
        actor: null,
        conversation: {
          platform: "partner",
          conversationId: partner.id,
          threadId: "ticket" in event && event.ticket ? event.ticket : undefined,
        },
        source: "partner",
        body: { partner: partner.id, event },
      });
      if (result.duplicate) duplicates += 1;
      else accepted += 1;
    } catch (error) {
      // Stop here to keep the partner's order: it sends this event and the rest again.
      app.log.error({ err: error, partner: partner.id, event: event.id, accepted }, "partner event could not be processed");
      return sendJson(res, 503, {
        error: `could not process event ${event.id}; send it and the rest again (events already recorded are recognized by id)`,
        accepted,
        duplicates,
      });
    }
  }
  sendJson(res, 202, { accepted, duplicates, rejected });
}
