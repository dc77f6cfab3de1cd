/**
 * botbuilder's CloudAdapter, configured from the Teams settings, plus Bot Connector clients for the
 * outbox (proactive sends outside any turn).
 *
 * Authentication follows the operating contract: with MICROSOFT_APP_ID set, every request must
 * carry a Bot Framework token (the adapter validates it); with none, auth is off the way the Bot
 * Framework Emulator expects — for local use only, and a warning says so.
 */
import { CallerIdConstants, CloudAdapter, ConfigurationBotFrameworkAuthentication } from "botbuilder";
import type { ConnectorClient } from "botframework-connector";
import type { Logger } from "pino";
import type { TeamsSettings } from "./settings.ts";

/** A connector client as far as the deliverer uses it. */
export type Connector = Pick<ConnectorClient, "conversations">;

export class TeamsCloudAdapter extends CloudAdapter {
  private readonly connectors = new Map<string, Promise<Connector>>();

  constructor(
    readonly appId: string,
    readonly authEnabled: boolean,
    authentication: ConfigurationBotFrameworkAuthentication,
  ) {
    super(authentication);
  }

  /**
   * A Bot Connector client for a service URL, cached (token caching lives in its credentials).
   * Its own retry policy is removed: the outbox dispatcher retries with backoff and honours
   * Retry-After, while retries in here would hold a dispatcher worker for seconds per message.
   */
  connectorFor(serviceUrl: string): Promise<Connector> {
    let connector = this.connectors.get(serviceUrl);
    if (!connector) {
      connector = this.botFrameworkAuthentication
        .createConnectorFactory(this.createClaimsIdentity(this.appId))
        .create(serviceUrl, undefined)
        .then((client) => {
          const pipeline = (client as unknown as { client?: { pipeline?: { removePolicy(options: { phase: string }): unknown } } }).client
            ?.pipeline;
          pipeline?.removePolicy({ phase: "Retry" });
          return client;
        });
      connector.catch(() => this.connectors.delete(serviceUrl));
      this.connectors.set(serviceUrl, connector);
    }
    return connector;
  }
}

/** Builds the adapter from the validated configuration; says so when authentication is off. */
export function createTeamsAdapter(teams: TeamsSettings, log: Logger): TeamsCloudAdapter {
  const appId = teams.appId ?? "";
  const authentication = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: appId,
    MicrosoftAppPassword: teams.appPassword ?? "",
    MicrosoftAppType: teams.appType,
    MicrosoftAppTenantId: teams.tenantId ?? "",
    ...(teams.openIdMetadataUrl ? publicCloudWithMetadata(teams.openIdMetadataUrl) : {}),
  });
  if (!appId)
    log.warn(
      "Unauthenticated local Teams mode is on (MICROSOFT_APP_ID is not set): /api/messages takes unsigned JSON requests made on this machine only, as the Bot Framework Emulator sends them, and refuses anything relayed by a proxy or sent by a browser; set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD to take Teams traffic",
    );
  return new TeamsCloudAdapter(appId, appId !== "", authentication);
}

/**
 * Microsoft's public-cloud settings with another OpenID metadata document for inbound tokens. The
 * library takes a custom setting as "configure everything yourself", so the other defaults are
 * spelled out (the values of botframework-connector's AuthenticationConstants); without them
 * outbound calls would lose their login URL.
 */
function publicCloudWithMetadata(openIdMetadataUrl: string): Record<string, string> {
  return {
    ToChannelFromBotLoginUrl: "https://login.microsoftonline.com/botframework.com",
    ToChannelFromBotOAuthScope: "https://api.botframework.com",
    ToBotFromChannelTokenIssuer: "https://api.botframework.com",
    OAuthUrl: "https://api.botframework.com",
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration",
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}
