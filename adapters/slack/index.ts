/**
 * The Slack adapter: a Bolt app mounted on Switchboard's shared HTTP server at
 * `POST /slack/events` (Events API, interactivity, slash commands), or connected over Socket
 * Mode when `SLACK_APP_TOKEN` is set; and the deliverer that posts the outbox's Slack messages.
 *
 * Flow: Slack → receiver (signature, ack) → Bolt listeners (events.ts, interactions.ts) →
 * InboundEvent → core (dedupe, identity, handlers) → outbox → SlackDeliverer → Web API.
 */
import { App as BoltApp, SocketModeReceiver, webApi } from "@slack/bolt";
import type { Logger } from "pino";
import type { AdapterHost, ChatAdapter } from "../../bot/ports.ts";
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
import type { SlackSettings } from "./settings.ts";

export const SLACK_EVENTS_PATH = "/slack/events";

/** Slack, mounted when SLACK_BOT_TOKEN is set. */
export const slackAdapter: ChatAdapter<SlackSettings> = { platform: "slack", mount: mountSlack };

async function mountSlack(host: AdapterHost<SlackSettings>): Promise<void> {
  const { config, log } = host;
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

  const workspace = new Workspace(api, config.botToken, host.queries.tenants, log);
  const queue = new InboundQueue(
    (event, admitted) => host.handle(event, { admitted }),
    log,
    { delivered: (key, timeoutMs) => host.delivered(key, timeoutMs) },
    (event) => host.admit(event),
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
        refused: (reason, from) => host.queries.refusedRequest("slack", SLACK_EVENTS_PATH, reason, from),
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
  const rt: SlackRuntime = { host, api, workspace, users, threads: new EngagedThreads(host.queries.threads), queue, log };
  registerEventListeners(bolt, rt);
  registerInteractionListeners(bolt, rt);
  host.registerDeliverer(new SlackDeliverer(outboxClient, log, (userId) => users.dmChannel(userId)));
  host.registerFileReader(new SlackFileReader(config.botToken, slackApiUrl));
  if (receiver instanceof SharedServerReceiver) host.route("POST", SLACK_EVENTS_PATH, receiver.handle);
  host.onReadiness("slack", () => workspace.readiness());

  let socket: { stop(): Promise<void> } | undefined;
  host.onStart(async () => {
    // Learn the bot's identity now rather than on the first event; a failure is retried then.
    await workspace
      .bot()
      .catch((error: unknown) =>
        log.error({ err: error }, "Slack is not reachable yet; deliveries get 503 (Slack retries them) until it is"),
      );
    if (socketMode) socket = connectSocketMode(bolt, log);
    log.info({ mode: socketMode ? "socket" : "http", path: socketMode ? undefined : SLACK_EVENTS_PATH }, "Slack adapter started");
  });
  host.onStop(async () => {
    await socket?.stop();
    await queue.drain(5_000);
  });
}

/**
 * Opens the Socket Mode connection without holding up the app's start: Slack being unreachable
 * must not keep the other endpoints down. The SDK reconnects a dropped connection itself; a
 * first connection that fails outright is tried again every 30 seconds.
 */
function connectSocketMode(bolt: BoltApp, log: Logger): { stop(): Promise<void> } {
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
