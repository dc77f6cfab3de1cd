/**
 * What Slack knows about a person, asked once and cached: the e-mail address (scope
 * users:read.email) that links a Slack user to a person on first contact, their name and locale,
 * and the id of the bot's direct-message channel with them (for answers to slash commands and
 * App Home buttons, which have no conversation of their own).
 */
import type { webApi } from "@slack/bolt";
import type { Logger } from "pino";

export interface SlackProfile {
  email?: string;
  /** The person's own workspace (in a Slack Connect channel, not necessarily ours). */
  teamId?: string;
  /** Their Enterprise Grid organization, if any. */
  enterpriseId?: string;
  displayName?: string;
  locale?: string;
}

const PROFILE_TTL_MS = 60 * 60_000;
/** A failed lookup is retried sooner: the person is served without e-mail meanwhile. */
const FAILURE_TTL_MS = 60_000;
const MAX_ENTRIES = 20_000;

interface Entry<T> {
  at: number;
  ttl: number;
  value: Promise<T>;
}

export class SlackUsers {
  private readonly profiles = new Map<string, Entry<SlackProfile>>();
  private readonly dms = new Map<string, string>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly log: Logger,
  ) {}

  /** The person's profile; `{}` when Slack cannot tell (missing scope, outage). */
  profile(userId: string): Promise<SlackProfile> {
    const now = Date.now();
    const cached = this.profiles.get(userId);
    if (cached && now - cached.at < cached.ttl) return cached.value;
    if (this.profiles.size >= MAX_ENTRIES) this.profiles.clear();
    const entry: Entry<SlackProfile> = { at: now, ttl: PROFILE_TTL_MS, value: Promise.resolve({}) };
    entry.value = this.client.users
      .info({ user: userId, include_locale: true })
      .then((result) => {
        const user = result.user;
        return {
          email: user?.profile?.email || undefined,
          teamId: user?.team_id || undefined,
          enterpriseId: user?.enterprise_user?.enterprise_id || undefined,
          displayName: user?.profile?.display_name || user?.real_name || user?.name || undefined,
          locale: user?.locale || undefined,
        };
      })
      .catch((error: unknown) => {
        entry.ttl = FAILURE_TTL_MS;
        this.log.warn({ user: userId, err: error }, "users.info failed; continuing without the person's e-mail");
        return {};
      });
    this.profiles.set(userId, entry);
    return entry.value;
  }

  /** Remembers a DM channel Slack told us about (a DM message, App Home opened). */
  rememberDm(userId: string, channelId: string): void {
    if (this.dms.size >= MAX_ENTRIES) this.dms.clear();
    this.dms.set(userId, channelId);
  }

  /** The bot's DM channel with the person (conversations.open, scope im:write). */
  async dmChannel(userId: string): Promise<string> {
    const known = this.dms.get(userId);
    if (known) return known;
    const result = await this.client.conversations.open({ users: userId });
    const id = result.channel?.id;
    if (!id) throw new Error(`conversations.open returned no channel for ${userId}`);
    this.rememberDm(userId, id);
    return id;
  }
}
