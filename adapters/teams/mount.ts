/**
 * Teams on the app: `POST /api/messages` on the shared HTTP server (always; authentication on or
 * off by configuration) and the deliverer of Teams messages for the outbox.
 */
import type { AdapterHost, ChatAdapter } from "../../bot/ports.ts";
import { createTeamsAdapter } from "./cloud-adapter.ts";
import { TeamsConversations } from "./conversations.ts";
import { TeamsDeliverer } from "./deliverer.ts";
import { DeliveryWaits } from "./delivery-waits.ts";
import { teamsEndpoint } from "./endpoint.ts";
import { createTeamsApplication } from "./teams-app.ts";
import { TeamsFileReader } from "./files.ts";
import type { TeamsSettings } from "./settings.ts";

export const TEAMS_MESSAGES_PATH = "/api/messages";

/** Teams, always mounted (its endpoint answers 401 without a valid token when auth is on). */
export const teamsAdapter: ChatAdapter<TeamsSettings> = { platform: "teams", mount: mountTeams };

function mountTeams(host: AdapterHost<TeamsSettings>): void {
  const { log } = host;
  const adapter = createTeamsAdapter(host.config, log);
  const conversations = new TeamsConversations(host.storage, host.clock);
  const waits = new DeliveryWaits((key, timeoutMs) => host.delivered(key, timeoutMs));
  const { runTurn } = createTeamsApplication({ host, conversations, waits, log });
  host.route(
    "POST",
    TEAMS_MESSAGES_PATH,
    teamsEndpoint({
      adapter,
      runTurn,
      log,
      refused: (reason, from) => host.queries.refusedRequest("teams", TEAMS_MESSAGES_PATH, reason, from),
    }),
  );
  host.registerDeliverer(new TeamsDeliverer(adapter, conversations, waits, log));
  host.registerFileReader(new TeamsFileReader(adapter.authEnabled));
}
