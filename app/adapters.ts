/**
 * The one list of adapters (chat platforms, connectors, signed webhooks), and the host each one
 * is mounted on. An adapter sees its host only (bot/ports.ts), never the app: add a platform by
 * adding one entry here.
 */
import type { AdapterHost, ChatAdapter } from "../bot/ports.ts";
import type { Platform } from "../core/vocabulary.ts";
import { threadQueries } from "../bot/runtime/threads.ts";
import { tenantDirectory } from "../bot/people/tenants.ts";
import { engineerQueue } from "../bot/cases/queue.ts";
import { deviceStatusAdapter, type DeviceStatusSettings } from "../adapters/webhook/device-status.ts";
import { partnersAdapter, type PartnerSettings } from "../adapters/partners/index.ts";
import type { SlackSettings } from "../adapters/slack/settings.ts";
import type { TeamsSettings } from "../adapters/teams/settings.ts";
import type { App } from "./app.ts";
import { partnerSecretName, type Config } from "./config.ts";

/** One adapter: when it is mounted, its settings from the configuration, and how to load it. */
export interface AdapterEntry<C> {
  platform: Platform;
  /** The `component` of the adapter's log lines. */
  component: string;
  configured(config: Config): boolean;
  settings(config: Config): C;
  load(): Promise<ChatAdapter<C>>;
}

/** Lets the list hold entries of different settings types. */
function entry<C>(adapter: AdapterEntry<C>): AdapterEntry<unknown> {
  return adapter as AdapterEntry<unknown>;
}

export const ADAPTERS: AdapterEntry<unknown>[] = [
  entry<DeviceStatusSettings>({
    platform: "device",
    component: "device-status",
    configured: () => true,
    settings: (config) => ({ secret: config.deviceWebhookSecret }),
    load: async () => deviceStatusAdapter,
  }),
  entry<PartnerSettings>({
    platform: "partner",
    component: "partners",
    configured: () => true,
    settings: partnerSettings,
    load: async () => partnersAdapter,
  }),
  entry<SlackSettings>({
    platform: "slack",
    component: "slack",
    configured: (config) => config.slack !== undefined,
    settings: (config) => config.slack!,
    // Loaded only when Slack is configured: Bolt and its web client are not needed otherwise.
    load: async () => (await import("../adapters/slack/index.ts")).slackAdapter,
  }),
  entry<TeamsSettings>({
    platform: "teams",
    component: "teams",
    configured: () => true,
    settings: (config) => config.teams,
    // Loaded on demand: botbuilder and teams-ai are large.
    load: async () => (await import("../adapters/teams/mount.ts")).teamsAdapter,
  }),
];

/** Mounts every configured adapter on the app, in the order of the list. */
export async function mountAdapters(app: App): Promise<void> {
  for (const adapter of ADAPTERS) {
    if (!adapter.configured(app.config)) continue;
    await (await adapter.load()).mount(adapterHost(app, adapter.component, adapter.settings(app.config)));
  }
}

/** The partners' webhook secrets: a partner's own (PARTNER_WEBHOOK_SECRET_<PARTNER>), else the shared one. */
export function partnerSettings(config: Config): PartnerSettings {
  return { secretFor: (partnerId) => config.partnerWebhookSecrets[partnerSecretName(partnerId)] ?? config.partnerWebhookSecret };
}

/** The host an adapter is mounted on: the app's bot, HTTP server, outbox and queries. */
export function adapterHost<C>(app: App, component: string, config: C): AdapterHost<C> {
  const { services } = app;
  return {
    config,
    clock: services.clock,
    log: app.log.child({ component }),
    storage: app.db,
    queries: {
      people: services.people,
      threads: threadQueries(app.db),
      tenants: tenantDirectory(app.db),
      queue: engineerQueue(services.cases, services.escalations),
      documentation: services.knowledge,
      feature: (key) => services.features.get(key),
      refusedRequest: (platform, path, reason, from) => services.denied.refusedRequest(platform, path, reason, from),
    },
    handle: (event, options) => app.bot.handle(event, options),
    admit: (event) => app.bot.admit(event),
    route: (method, path, handler) => void app.http.route(method, path, handler),
    onStart: (hook) => app.onStart(hook),
    onStop: (hook) => app.onStop(hook),
    onReadiness: (name, check) => app.onReadiness(name, check),
    registerDeliverer: (deliverer) => app.dispatcher.register(deliverer),
    registerFileReader: (reader) => services.files.register(reader),
    delivered: (key, timeoutMs) => app.deliveryNotices.delivered(key, timeoutMs),
  };
}
