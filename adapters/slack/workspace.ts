/**
 * The workspace this app is installed in (single workspace first): who the bot is (auth.test)
 * and which team ids it answers. A delivery is accepted for the installed team and for the teams
 * of the customer organizations (bot/people/tenants.ts, as the import mapped them) — in a Slack
 * Connect channel an interaction carries the clicking person's own team. Anything else is a
 * workspace we are not installed in: Bolt acknowledges it (so Slack stops retrying) and logs.
 */
import type { AuthorizeResult, AuthorizeSourceData, webApi } from "@slack/bolt";
import type { Logger } from "pino";
import type { TenantDirectory } from "../../bot/people/tenants.ts";

export interface BotIdentity {
  teamId: string;
  enterpriseId?: string;
  botUserId: string;
  botId: string;
}

/** A delivery for a team this installation does not serve. */
export class UnknownWorkspaceError extends Error {
  override readonly name = "UnknownWorkspaceError";
  constructor(readonly teamId: string | undefined) {
    super(`no installation for Slack team ${teamId ?? "(none)"}`);
  }
}

const ORGANIZATION_TTL_MS = 60_000;

export class Workspace {
  private identity: Promise<BotIdentity> | undefined;
  private known: BotIdentity | undefined;
  /** Why the last auth.test failed, while the identity is unknown. */
  private failure: { status: "unauthorized" | "unreachable"; reason: string } | undefined;
  private teams: { at: number; byTeam: Map<string, string> } | undefined;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly botToken: string,
    private readonly tenants: TenantDirectory,
    private readonly log: Logger,
  ) {}

  /** Who the bot is; asked once, asked again after a failure. */
  bot(): Promise<BotIdentity> {
    this.identity ??= this.client.auth
      .test({ token: this.botToken })
      .then((result) => {
        if (!result.team_id || !result.user_id) throw new Error("auth.test did not say which team and bot user this token is");
        const identity: BotIdentity = {
          teamId: result.team_id,
          enterpriseId: result.enterprise_id || undefined,
          botUserId: result.user_id,
          botId: result.bot_id ?? "",
        };
        this.log.info({ team: identity.teamId, botUser: identity.botUserId }, "Slack workspace connected");
        this.known = identity;
        this.failure = undefined;
        return identity;
      })
      .catch((error: unknown) => {
        this.identity = undefined;
        const code = (error as { data?: { error?: string } }).data?.error;
        const refused = code === "invalid_auth" || code === "not_authed" || code === "account_inactive" || code === "token_revoked";
        const reason = refused
          ? `Slack refused SLACK_BOT_TOKEN (${code}); set a valid bot token (xoxb-…)`
          : `could not reach the Slack Web API (check SLACK_API_URL): ${(error as Error).message}`;
        this.failure = { status: refused ? "unauthorized" : "unreachable", reason };
        throw new Error(reason, { cause: error });
      });
    return this.identity;
  }

  /**
   * Whether the bot's identity is known, without waiting: when it is not (Slack's Web API was
   * unreachable at start), asking is started and the caller answers Slack 503 so Slack retries
   * the delivery later, instead of acknowledging an event nobody can process.
   */
  isReady(): boolean {
    if (this.known) return true;
    this.bot().catch(() => undefined);
    return false;
  }

  /**
   * For /readyz: "ok" once the bot's identity is known; otherwise why not, and whether that makes
   * the replica unready. A refused token is a misconfiguration no retry fixes, so the replica is
   * not ready; an unreachable Web API is Slack's outage — Slack's deliveries get 503 and are
   * retried — and must not take the other platforms out of the load balancer with it.
   */
  readiness(): { status: string; ready: boolean; reason?: string } {
    if (this.known) return { status: "ok", ready: true };
    this.bot().catch(() => undefined);
    if (!this.failure) return { status: "connecting", ready: true };
    return { status: this.failure.status, ready: this.failure.status !== "unauthorized", reason: this.failure.reason };
  }

  /** The organization whose workspace this is, when the import mapped it. */
  async organizationOf(teamId: string | undefined): Promise<string | undefined> {
    if (!teamId) return undefined;
    return (await this.organizationTeams()).get(teamId);
  }

  /** Bolt's `authorize`: the bot token for our teams, UnknownWorkspaceError for any other. */
  readonly authorize = async (source: AuthorizeSourceData<boolean>): Promise<AuthorizeResult> => {
    const bot = await this.bot();
    const ours =
      source.teamId === undefined ||
      source.teamId === bot.teamId ||
      (source.enterpriseId !== undefined && source.enterpriseId === bot.enterpriseId) ||
      (await this.organizationTeams()).has(source.teamId);
    if (!ours) throw new UnknownWorkspaceError(source.teamId);
    return { botToken: this.botToken, botId: bot.botId, botUserId: bot.botUserId, teamId: bot.teamId, enterpriseId: bot.enterpriseId };
  };

  private async organizationTeams(): Promise<Map<string, string>> {
    const now = Date.now();
    if (this.teams && now - this.teams.at < ORGANIZATION_TTL_MS) return this.teams.byTeam;
    this.teams = { at: now, byTeam: await this.tenants.organizationsOf("slack") };
    return this.teams.byTeam;
  }
}
