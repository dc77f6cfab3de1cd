/**
 * The one loop of every signed webhook (device status, partners): find the sender, read the body
 * (size-limited by the HTTP server's reader), verify and parse it, audit a refused signature,
 * then hand each valid event to the bot in the order sent. The answer comes after the events are
 * recorded: a 2xx means nothing is lost; a 503 means "send again" (events already recorded are
 * recognized by their delivery id, so the core's dedupe processes each once).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { InboundEvent } from "../../bot/events.ts";
import type { Platform } from "../../core/vocabulary.ts";
import type { AdapterHost } from "../../bot/ports.ts";
import { readBody, sendJson } from "../http/server.ts";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from "./signature.ts";

/** A request turned away: its status and JSON body; `audit` for a signature that did not verify. */
export interface Refusal {
  ok: false;
  status: number;
  body: Record<string, unknown>;
  /** The reason recorded in the audit of refused requests (bot/audit/denied.ts). */
  audit?: string;
}

/** What the signed request carried. */
export interface SignedRequest {
  timestamp: string | undefined;
  signature: string | undefined;
  body: Buffer;
}

/** Parsed events, with those refused by index and field (reported, not processed). */
export interface Parsed<E> {
  ok: true;
  events: E[];
  rejected: unknown[];
}

/** One webhook's parts; the receiver runs them in this order. */
export interface SignedWebhook<S, E> {
  platform: Platform;
  /** The sender from the path parameters, before the body is read (unknown sender, feature off). */
  sender(params: Record<string, string>): Promise<S | Refusal>;
  /** Verifies the signature and parses the events; none valid is a refusal. */
  parse(sender: S, request: SignedRequest, nowSeconds: number): Parsed<E> | Refusal;
  /** The bot's event for one parsed event; its delivery id makes a resend a duplicate. */
  toEvent(sender: S, event: E): InboundEvent;
  /** What to log and answer when an event could not be recorded (the rest is not tried). */
  failed(
    sender: S,
    event: E,
    counts: { accepted: number; duplicates: number },
  ): { log: Record<string, unknown>; message: string; body: Record<string, unknown> };
}

/** Serves a signed webhook at `path` on the host's HTTP server. */
export function mountSignedWebhook<S, E>(host: AdapterHost<unknown>, path: string, webhook: SignedWebhook<S, E>): void {
  host.route("POST", path, (req, res, params) => receive(host, webhook, req, res, params));
}

async function receive<S, E>(
  host: AdapterHost<unknown>,
  webhook: SignedWebhook<S, E>,
  req: IncomingMessage,
  res: ServerResponse,
  params: Record<string, string>,
): Promise<void> {
  const sender = await webhook.sender(params);
  if (isRefusal(sender)) return sendJson(res, sender.status, sender.body);
  const body = await readBody(req);
  const header = (name: string) => (typeof req.headers[name] === "string" ? (req.headers[name] as string) : undefined);
  const nowSeconds = Math.floor(host.clock.now().getTime() / 1000);
  const parsed = webhook.parse(sender, { timestamp: header(TIMESTAMP_HEADER), signature: header(SIGNATURE_HEADER), body }, nowSeconds);
  if (!parsed.ok) {
    if (parsed.audit !== undefined) {
      // The path and the peer address are all that is known of a sender whose signature failed.
      const requestPath = (req.url ?? "").split("?")[0]!.slice(0, 200);
      await host.queries.refusedRequest(webhook.platform, requestPath, parsed.audit, req.socket.remoteAddress);
    }
    return sendJson(res, parsed.status, parsed.body);
  }

  const counts = { accepted: 0, duplicates: 0 };
  // In order: a device's or a ticket's events must reach its state in the order they were sent.
  for (const event of parsed.events) {
    try {
      const result = await host.handle(webhook.toEvent(sender, event));
      if (result.duplicate) counts.duplicates += 1;
      else counts.accepted += 1;
    } catch (error) {
      // Stop here to keep the sender's order: it sends this event and the rest again.
      const failure = webhook.failed(sender, event, counts);
      host.log.error({ err: error, ...failure.log }, failure.message);
      return sendJson(res, 503, failure.body);
    }
  }
  sendJson(res, 202, { ...counts, rejected: parsed.rejected });
}

function isRefusal(value: unknown): value is Refusal {
  return typeof value === "object" && value !== null && (value as { ok?: unknown }).ok === false && "status" in value;
}
