/**
 * Mounts the partner connectors on the app (one line in app/adapters.ts): the `partner` outbox
 * deliverer and POST /webhooks/partners/:partner.
 */
import type { App } from "../../app/app.ts";
import { partnerSecretName } from "../../app/config.ts";
import { PartnerDeliverer, type PartnerDelivererOptions } from "./deliverer.ts";
import { mountPartnerWebhook } from "./route.ts";
import { ThreadConnector } from "./thread-connector.ts";
import { WebhookConnector } from "./webhook-connector.ts";
import { partnerFeature } from "../../bot/partners/index.ts";

/** The deliverer of the `partner` platform for an app (tests register one with their own retry waits). */
export function createPartnerDeliverer(
  app: App,
  options: PartnerDelivererOptions = {},
  webhook = webhookConnectorFor(app),
): PartnerDeliverer {
  return new PartnerDeliverer(
    {
      bot: app.bot,
      bridge: () => app.services.features.get(partnerFeature),
      now: () => app.services.clock.now(),
      log: app.log.child({ component: "partners" }),
    },
    { webhook, thread: new ThreadConnector() },
    options,
  );
}

function webhookConnectorFor(app: App): WebhookConnector {
  const { partnerWebhookSecret, partnerWebhookSecrets } = app.config;
  return new WebhookConnector({
    secretFor: (partnerId) => partnerWebhookSecrets[partnerSecretName(partnerId)] ?? partnerWebhookSecret,
    clock: app.services.clock,
  });
}

export function mountPartners(app: App): void {
  const webhook = webhookConnectorFor(app);
  app.dispatcher.register(createPartnerDeliverer(app, {}, webhook));
  mountPartnerWebhook(app, webhook);
}
