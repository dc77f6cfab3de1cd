/**
 * A Bolt custom receiver on the shared HTTP server: `POST /slack/events` is one route of the
 * app's server (one port for everything, as the operating contract says) instead of a second
 * server that Bolt's HTTPReceiver would start. It does what HTTPReceiver does, with Bolt's own
 * pieces: signature check (`v0:{timestamp}:{body}`, HMAC-SHA256, five-minute window, which is
 * checked here in both directions as Bolt only refuses the past), body parsing, ssl_check and
 * url_verification, and an `HTTPResponseAck`. Buttons, commands and forms
 * are answered as soon as their listener acks; an event is answered when its listener returns,
 * having recorded the event in the core — the work continues after the response.
 *
 * Two differences: a signed body Bolt cannot route (no event, command or interaction, or no user
 * to authorize) gets a 400 at once, and one no listener takes is acknowledged when Bolt is done
 * with it, where HTTPReceiver would hold both until its 3-second "not acknowledged" timer.
 */
import { isUtf8 } from "node:buffer";
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  HTTPModuleFunctions as httpFunc,
  HTTPResponseAck,
  isRawBodyError,
  type App as BoltApp,
  type Receiver,
  type ReceiverEvent,
  type Logger as SlackLogger,
} from "@slack/bolt";
import type { Logger } from "pino";
import { sendJson } from "../http/server.ts";

export interface SharedServerReceiverOptions {
  signingSecret: string;
  log: Logger;
  /** The SDK-shaped logger Bolt's helpers write to. */
  slackLog: SlackLogger;
  /** Largest body accepted; Slack's payloads are far below 1 MiB. */
  bodyLimit?: number;
  /** Resolves when the app can take another delivery (backpressure before the ack). */
  room?: (maxWaitMs: number) => Promise<void>;
  /** False while the adapter cannot process anything yet: Slack gets a 503 and retries. */
  ready?: () => boolean;
  /** Told about every request refused for its signature or timestamp (the audit of refusals). */
  refused?: (reason: string, from: string | undefined) => Promise<void>;
  /** The time the request timestamp is checked against (milliseconds); the system clock by default. */
  now?: () => number;
}

/** Slack's replay window: a request signed more than five minutes before or after now is refused. */
export const TIMESTAMP_WINDOW_S = 300;

/**
 * Whether the request's `X-Slack-Request-Timestamp` is within the replay window of now. Bolt's own
 * check refuses only timestamps in the past, so a signed request dated in the future could be
 * replayed until that date; both directions are refused here.
 */
export function timestampInWindow(header: string | string[] | undefined, nowMs: number): boolean {
  if (typeof header !== "string" || !/^\d{1,12}$/.test(header)) return false;
  return Math.abs(Math.floor(nowMs / 1000) - Number(header)) <= TIMESTAMP_WINDOW_S;
}

/** How long a delivery may wait for room before it is acknowledged anyway: well inside 3 s. */
const MAX_ROOM_WAIT_MS = 2_000;

/** Request bodies whose event a listener failed to record (see markUnrecorded). */
const unrecorded = new WeakSet<object>();

/** A listener could not record its event: the request is answered 503 so Slack sends it again. */
export function markUnrecorded(body: unknown): void {
  if (typeof body === "object" && body !== null) unrecorded.add(body);
}

/** Body types Slack sends to the interactivity URL (see Bolt's getTypeAndConversation). */
const INTERACTIVE_TYPES = new Set([
  "block_actions",
  "interactive_message",
  "dialog_submission",
  "view_submission",
  "view_closed",
  "shortcut",
  "message_action",
  "block_suggestion",
]);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

/**
 * Whether Bolt can route this body: what it reads before any listener runs (the event's type,
 * the interacting user for its authorization step) must be there. Anything else is refused
 * rather than left unacknowledged or failing inside Bolt.
 */
export function isRoutable(body: unknown): boolean {
  if (!isObject(body)) return false;
  if (body.event !== undefined) return isObject(body.event) && typeof body.event.type === "string" && boltCanReadEvent(body.event);
  if (typeof body.command === "string") return true;
  if (typeof body.type !== "string" || !INTERACTIVE_TYPES.has(body.type)) return false;
  if (!isObject(body.user) && !isObject(body.team)) return false;
  if (body.type === "block_actions") return Array.isArray(body.actions);
  if (body.type === "view_submission" || body.type === "view_closed") return isObject(body.view);
  return true;
}

/**
 * The fields Bolt reads from an event before any listener runs, with `in` and property access
 * that throw on `null` or a number: a user, channel, item or subteam of the wrong shape made
 * Bolt throw and the request end in a 500.
 */
function boltCanReadEvent(event: Record<string, unknown>): boolean {
  const stringOrObject = (key: string) => !(key in event) || typeof event[key] === "string" || isObject(event[key]);
  const objectIfPresent = (key: string) => !(key in event) || isObject(event[key]);
  return stringOrObject("user") && stringOrObject("channel") && objectIfPresent("item") && objectIfPresent("subteam");
}

export class SharedServerReceiver implements Receiver {
  private bolt: BoltApp | undefined;

  constructor(private readonly options: SharedServerReceiverOptions) {}

  init(app: BoltApp): void {
    this.bolt = app;
  }

  /** The shared server is started by the app; nothing to do here. */
  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  /** The route handler for `POST /slack/events`. */
  readonly handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { log } = this.options;
    let buffered: Awaited<ReturnType<typeof httpFunc.parseAndVerifyHTTPRequest>>;
    try {
      buffered = await httpFunc.parseAndVerifyHTTPRequest(
        { enabled: true, signingSecret: this.options.signingSecret, bodyLimit: this.options.bodyLimit ?? 1_048_576 },
        req,
      );
    } catch (error) {
      if (isRawBodyError(error) && (error.type === "entity.too.large" || error.statusCode === 413)) {
        log.warn({ limit: error.limit }, "Slack request refused: body too large");
        sendJson(res, 413, { error: "body too large" });
        return;
      }
      log.warn({ reason: (error as Error).message }, "Slack request refused: signature did not verify");
      await this.options.refused?.((error as Error).message, req.socket.remoteAddress);
      httpFunc.buildNoBodyResponse(res, 401);
      return;
    }
    // Slack's ssl_check carries no signature (Bolt keeps nothing of its body but the flag).
    const sslCheck = buffered.rawBody.toString() === "ssl_check=1";
    if (!sslCheck && !timestampInWindow(req.headers["x-slack-request-timestamp"], (this.options.now ?? Date.now)())) {
      log.warn(
        { timestamp: String(req.headers["x-slack-request-timestamp"] ?? "").slice(0, 20) },
        "Slack request refused: timestamp missing or more than 5 minutes from now",
      );
      await this.options.refused?.("request timestamp outside the 5-minute window", req.socket.remoteAddress);
      httpFunc.buildNoBodyResponse(res, 401);
      return;
    }
    if (!isUtf8(buffered.rawBody)) {
      log.warn("Slack request refused: the body is not valid UTF-8");
      httpFunc.buildNoBodyResponse(res, 400);
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = httpFunc.parseHTTPRequestBody(buffered) as Record<string, unknown>;
    } catch (error) {
      log.warn({ reason: (error as Error).message }, "Slack request refused: malformed body");
      httpFunc.buildNoBodyResponse(res, 400);
      return;
    }
    // `null`, a number or a string is valid JSON but no Slack request (and `null` has no fields to read).
    if (!isObject(body)) {
      log.warn({ type: typeof body }, "Slack request refused: the body is not an object");
      httpFunc.buildNoBodyResponse(res, 400);
      return;
    }
    if (body.ssl_check === "1") return httpFunc.buildSSLCheckResponse(res);
    if (body.type === "url_verification") return httpFunc.buildUrlVerificationResponse(res, body);
    if (!isRoutable(body)) {
      log.warn(
        { type: body.type, keys: Object.keys(body ?? {}).slice(0, 10) },
        "Slack request refused: not an event, command or interaction",
      );
      httpFunc.buildNoBodyResponse(res, 400);
      return;
    }
    if (this.options.ready && !this.options.ready()) {
      log.warn({ type: body.type }, "Slack request refused with 503 until the Slack Web API answers auth.test; Slack will retry it");
      httpFunc.buildNoBodyResponse(res, 503);
      return;
    }
    // Events are answered only once their listener is done, and the listener records the event
    // first: Slack never resends an acknowledged event, so it must be on disk before the 200.
    // Buttons and commands keep acknowledging at once (their listeners ack before any work).
    const holdResponse = body.event !== undefined;
    const ack = new HTTPResponseAck({
      logger: this.options.slackLog,
      processBeforeResponse: holdResponse,
      unhandledRequestTimeoutMillis: 3_001,
      unhandledRequestHandler: ({ response }) => {
        // Listeners ack first and unmatched requests are acked below: only a stall gets here.
        log.error({ type: body.type }, "Slack request not acknowledged within 3 seconds");
        if (!response.headersSent) httpFunc.buildNoBodyResponse(response, 404);
      },
      httpRequest: buffered,
      httpRequestBody: body,
      httpResponse: res,
    });
    const bound = ack.bind();
    let acked = false;
    const event: ReceiverEvent = {
      body,
      ack: (response) => {
        acked = true;
        return bound(response);
      },
      retryNum: httpFunc.extractRetryNumFromHTTPRequest(req),
      retryReason: httpFunc.extractRetryReasonFromHTTPRequest(req),
      customProperties: {},
    };
    try {
      // Only events wait for room: a button or a slash command may have to open a modal, and its
      // trigger id expires 3 s after the click.
      if (body.event !== undefined) await this.options.room?.(MAX_ROOM_WAIT_MS);
      await this.bolt?.processEvent(event);
      if (holdResponse && unrecorded.has(body)) {
        log.warn({ type: body.type }, "Slack event could not be recorded; answered 503 so Slack retries it");
        if (!res.headersSent) httpFunc.buildNoBodyResponse(res, 503);
        return;
      }
      // `storedResponse` is the public field Bolt's own receivers read the held acknowledgement from.
      if (holdResponse && acked && !res.headersSent) httpFunc.buildContentResponse(res, ack.storedResponse as string | undefined);
      // Bolt has run every matching listener by now; none took it (a shortcut, a select menu's
      // options, a button without an id…). Say so at once instead of at the 3-second timer.
      if (!acked) {
        log.info({ type: body.type }, "no Slack listener for this request; acknowledged");
        await event.ack();
      }
    } catch (error) {
      log.error({ err: error }, "Slack event processing failed");
      ack.ack();
      if (!res.headersSent) httpFunc.buildNoBodyResponse(res, 500);
    }
  };
}
