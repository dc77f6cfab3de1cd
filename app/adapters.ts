/**
 * The chat platforms and connectors, mounted on the app when configured. Each adapter exports a
 * `mount…(app)` that registers its routes on the shared HTTP server, its deliverer with the
 * outbox dispatcher and its start/stop hooks; add one line here per adapter.
 */
import type { App } from "./app.ts";
import { mountDeviceStatusWebhook } from "../adapters/webhook/device-status.ts";
import { mountSlack } from "../adapters/slack/index.ts";
import { mountPartners } from "../adapters/partners/index.ts";

export async function mountAdapters(app: App): Promise<void> {
  mountDeviceStatusWebhook(app);
  mountPartners(app);
  if (app.config.slack) await mountSlack(app);
  (await import("../adapters/teams/mount.ts")).mountTeams(app);
}
