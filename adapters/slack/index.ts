/**
 * The Slack adapter: a Bolt app mounted on Switchboard's shared HTTP server at
 * `POST /slack/events` (Events API, interactivity, slash commands), or connected over Socket
 * Mode when `SLACK_APP_TOKEN` is set; and the deliverer that posts the outbox's Slack messages.
 *
 * Flow: Slack → receiver (signature, ack) → Bolt listeners (events.ts, interactions.ts) →
 * InboundEvent → core (dedupe, identity, handlers) → outbox → SlackDeliverer → Web API.
 */
import { App as BoltApp, SocketModeReceiver, webApi } from "@slack/bolt";
import type { App } from "../../app/app.ts";
import { registerEventListeners } from "./events.ts";
import { registerInteractionListeners } from "./interactions.ts";
import { slackLogger } from "./logger.ts";
import { SharedServerReceiver } from "./receiver.ts";
import { InboundQueue } from "./inbound-queue.ts";
import type { SlackRuntime } from "./runtime.ts";
import { SlackDeliverer } from "./deliverer.ts";
import { EngagedThreads } from "./threads.ts";
import { SlackFileReader } from "./files.ts";
import { SlackUsers } from "./users.ts";
import { UnknownWorkspaceError, Workspace } from "./workspace.ts";

export const SLACK_EVENTS_PATH = "/slack/events";

/** Mounts Slack on the app (call only when `app.config.slack` is set). */
export async function mountSlack(app: App): Promise<void> {
  const config = app.config.slack;
  if (!config) return;
  const log = app.log.child({ component: "slack" });
  const slackLog = slackLogger(log);
  const slackApiUrl = config.apiUrl ?? "https://slack.com/api/";
  // Calls made while handling a request: short retries, the person is waiting.
  const clientOptions = {
    slackApiUrl,
    logger: slackLog,
    timeout: 10_000,
    retryConfig: { retries: 2, factor: 2, minTimeout: 300, maxTimeout: 2_000 },
  };
  const api = new webApi.WebClient(config.botToken, clientOptions);
  // Outbox deliveries: no retries in the client, the outbox retries (and honours Retry-After).
  const outboxClient = new webApi.WebClient(config.botToken, {
    slackApiUrl,
    logger: slackLog,
    timeout: 10_000,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
  });

  const workspace = new Workspace(api, config.botToken, app.db, log);
  const queue = new InboundQueue(
    (event, admitted) => app.bot.handle(event, { admitted }),
    log,
    {},
    (event) => app.bot.admit(event),
  );
  const socketMode = config.appToken !== undefined;
  const receiver = socketMode
    ? new SocketModeReceiver({ appToken: config.appToken!, logger: slackLog, installerOptions: { clientOptions } })
    : new SharedServerReceiver({
        signingSecret: config.signingSecret ?? "",
        log,
        slackLog,
        room: (ms) => queue.room(ms),
        ready: () => workspace.isReady(),
        refused: (reason, from) => app.services.denied.refusedRequest("slack", "/slack/events", reason, from),
      });
  const bolt = new BoltApp({
    receiver,
    authorize: workspace.authorize,
    logger: slackLog,
    clientOptions: { ...clientOptions },
    // Conversation state lives in the core; Bolt's in-memory store would be per replica.
    convoStore: false,
    ignoreSelf: true,
  });
  bolt.error(async (error) => {
    const cause = (error as { original?: unknown }).original;
    if (cause instanceof UnknownWorkspaceError)
      log.warn({ team: cause.teamId }, "Slack delivery for a workspace this app is not installed in; acknowledged and ignored");
    else log.error({ err: error, cause }, "Slack listener failed");
  });

  const users = new SlackUsers(api, log);
  const rt: SlackRuntime = { app, api, workspace, users, threads: new EngagedThreads(app.db), queue, log };
  registerEventListeners(bolt, rt);
  registerInteractionListeners(bolt, rt);
  app.dispatcher.register(
    new SlackDeliverer(
      outboxClient,
      log,
      (key) => queue.settled(key),
      (userId) => users.dmChannel(userId),
    ),
  );
  app.services.files.register(new SlackFileReader(config.botToken, slackApiUrl));
  // Scaled mode: a reply another replica delivered no longer holds acknowledgements back here.
  app.onPeerDelivered((key) => key.startsWith("slack:") && queue.settled(key));
  if (receiver instanceof SharedServerReceiver) app.http.route("POST", SLACK_EVENTS_PATH, receiver.handle);
  app.onReadiness("slack", () => workspace.readiness());

  let socket: { stop(): Promise<void> } | undefined;
  app.onStart(async () => {
    // Learn the bot's identity now rather than on the first event; a failure is retried then.
    await workspace
      .bot()
      .catch((error: unknown) =>
        log.error({ err: error }, "Slack is not reachable yet; deliveries get 503 (Slack retries them) until it is"),
      );
    if (socketMode) socket = connectSocketMode(bolt, log);
    log.info({ mode: socketMode ? "socket" : "http", path: socketMode ? undefined : SLACK_EVENTS_PATH }, "Slack adapter started");
  });
  app.onStop(async () => {
    await socket?.stop();
    await queue.drain(5_000);
  });
}

/**
 * Opens the Socket Mode connection without holding up the app's start: Slack being unreachable
 * must not keep the other endpoints down. The SDK reconnects a dropped connection itself; a
 * first connection that fails outright is tried again every 30 seconds.
 */
function connectSocketMode(bolt: BoltApp, log: App["log"]): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const attempt = (): void => {
    bolt
      .start()
      .then(() => log.info("Slack Socket Mode connected"))
      .catch((error: unknown) => {
        log.error({ err: error }, "Slack Socket Mode could not connect (check SLACK_APP_TOKEN); trying again in 30 s");
        if (!stopped) timer = setTimeout(attempt, 30_000);
      });
  };
  attempt();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await bolt.stop().catch((error: unknown) => log.debug({ err: error }, "Socket Mode was not connected at stop"));
    },
  };
}
