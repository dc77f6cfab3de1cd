/**
 * Mounts Teams on the app: `POST /api/messages` on the shared HTTP server (always; authentication
 * on or off by configuration) and the deliverer of Teams messages for the outbox.
 */
import type { App } from "../../app/app.ts";
import { createTeamsAdapter } from "./cloud-adapter.ts";
import { TeamsConversations } from "./conversations.ts";
import { TeamsDeliverer } from "./deliverer.ts";
import { DeliveryWaits } from "./delivery-waits.ts";
import { teamsEndpoint } from "./endpoint.ts";
import { createTeamsApplication } from "./teams-app.ts";
import { TeamsFileReader } from "./files.ts";

export function mountTeams(app: App): void {
  const log = app.log.child({ component: "teams" });
  const adapter = createTeamsAdapter(app.config.teams, log);
  const conversations = new TeamsConversations(app.db, app.services.clock);
  const waits = new DeliveryWaits();
  const { runTurn } = createTeamsApplication({ app, conversations, waits, log });
  app.http.route(
    "POST",
    "/api/messages",
    teamsEndpoint({
      adapter,
      runTurn,
      log,
      refused: (reason, from) => app.services.denied.refusedRequest("teams", "/api/messages", reason, from),
    }),
  );
  app.dispatcher.register(new TeamsDeliverer(adapter, conversations, waits, log));
  app.services.files.register(new TeamsFileReader(adapter.authEnabled));
  // Scaled mode: a turn waiting for its reply hears when another replica delivered it.
  app.onPeerDelivered((key) => key.startsWith("teams:") && waits.settled(key));
}
