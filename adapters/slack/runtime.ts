/**
 * What the Slack listeners share: the core's adapter host, the Web API client, the workspace, the
 * people and thread caches, and the queue that runs events through the core after Slack has
 * been acknowledged (inbound-queue.ts).
 */
import type { webApi } from "@slack/bolt";
import type { Logger } from "pino";
import type { Actor } from "../../bot/events.ts";
import type { AdapterHost } from "../../bot/ports.ts";
import type { SlackSettings } from "./settings.ts";
import type { InboundQueue } from "./inbound-queue.ts";
import type { EngagedThreads } from "./threads.ts";
import type { SlackUsers } from "./users.ts";
import type { Workspace } from "./workspace.ts";

export interface SlackRuntime {
  host: AdapterHost<SlackSettings>;
  /** Bot-token client for calls made while handling a request (users.info, views.*, …). */
  api: webApi.WebClient;
  workspace: Workspace;
  users: SlackUsers;
  threads: EngagedThreads;
  queue: InboundQueue;
  log: Logger;
}

/**
 * The Slack user as an actor for the core, with the e-mail that links them on first contact and
 * the workspace Slack says they belong to (from users.info, not from the request: in a Slack
 * Connect channel the event's team is ours while the person comes from another organization).
 */
export async function actorOf(rt: SlackRuntime, userId: string): Promise<{ actor: Actor; locale?: string }> {
  const profile = await rt.users.profile(userId);
  const tenantIds = [profile.teamId, profile.enterpriseId].filter((id): id is string => !!id).map((id) => id.slice(0, 256));
  const bot = await rt.workspace.bot().catch(() => undefined);
  const vendorTenant =
    bot !== undefined &&
    ((profile.teamId !== undefined && profile.teamId === bot.teamId) ||
      (profile.enterpriseId !== undefined && profile.enterpriseId === bot.enterpriseId));
  return {
    actor: {
      platform: "slack",
      externalId: userId,
      ...(profile.displayName ? { displayName: profile.displayName.slice(0, 256) } : {}),
      ...(profile.email ? { email: profile.email.slice(0, 320) } : {}),
      tenantIds,
      vendorTenant,
    },
    ...(profile.locale ? { locale: profile.locale.slice(0, 32) } : {}),
  };
}
