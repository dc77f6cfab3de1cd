/**
 * The partner connectors as an adapter (one entry in app/adapters.ts): the `partner` outbox
 * deliverer and POST /webhooks/partners/:partner.
 */
import type { AdapterHost, ChatAdapter } from "../../bot/ports.ts";
import { PartnerDeliverer, type PartnerDelivererOptions } from "./deliverer.ts";
import { mountPartnerWebhook } from "./route.ts";
import { ThreadConnector } from "./thread-connector.ts";
import { WebhookConnector } from "./webhook-connector.ts";
import { partnerFeature } from "../../bot/partners/index.ts";

/** The partners' settings: each partner's webhook secret (its own, else the shared fallback). */
export interface PartnerSettings {
  secretFor(partnerId: string): string | undefined;
}

/** The partner connectors, always mounted (a partner without a secret is refused with a 503). */
export const partnersAdapter: ChatAdapter<PartnerSettings> = { platform: "partner", mount: mountPartners };

/** The deliverer of the `partner` platform (tests register one with their own retry waits). */
export function createPartnerDeliverer(
  host: AdapterHost<PartnerSettings>,
  options: PartnerDelivererOptions = {},
  webhook = webhookConnectorFor(host),
): PartnerDeliverer {
  return new PartnerDeliverer(
    { bot: host, bridge: () => host.queries.feature(partnerFeature), now: () => host.clock.now(), log: host.log },
    { webhook, thread: new ThreadConnector() },
    options,
  );
}

function webhookConnectorFor(host: AdapterHost<PartnerSettings>): WebhookConnector {
  return new WebhookConnector({ secretFor: (partnerId) => host.config.secretFor(partnerId), clock: host.clock });
}

function mountPartners(host: AdapterHost<PartnerSettings>): void {
  const webhook = webhookConnectorFor(host);
  host.registerDeliverer(createPartnerDeliverer(host, {}, webhook));
  mountPartnerWebhook(host, webhook);
}
