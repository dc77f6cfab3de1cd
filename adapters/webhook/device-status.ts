/**
 * POST /webhooks/device-status: device events from the vendor's device cloud, signed with
 * DEVICE_WEBHOOK_SECRET (adapters/webhook/signature.ts: timestamp + HMAC, replay window). Each
 * event becomes one `webhook` InboundEvent whose delivery id is the event id, so the core's
 * dedupe processes a repeated event once. The reply comes after the events are recorded: a 2xx
 * means nothing is lost; a 503 means "send again" (recorded events are recognized by id).
 *
 * Body: one event, or {"events": [...]} (up to 1,000). Invalid events in a batch are refused by
 * index and field while the valid ones are processed; a body that is not JSON is refused whole.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { App } from "../../app/app.ts";
import { decodeUtf8, readBody, sendJson } from "../http/server.ts";
import { deviceEventSchema, eventProblems, MAX_EVENTS_PER_REQUEST, type DeviceEvent } from "../../bot/it-tools/device-status/event.ts";
import { jsonErrorOffset, lineAndColumn } from "./json-position.ts";
import { auditRefusedRequest } from "./refusals.ts";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verify } from "./signature.ts";

/** The endpoint's path (part of the operating contract). */
export const DEVICE_STATUS_PATH = "/webhooks/device-status";

const REFUSALS = {
  missing: "missing X-Switchboard-Timestamp or X-Switchboard-Signature header",
  stale: "X-Switchboard-Timestamp is outside the 300 s replay window (check the sender's clock)",
  mismatch: "signature does not match the body (sign `<timestamp>.<raw body>` with HMAC-SHA256 and DEVICE_WEBHOOK_SECRET)",
} as const;

/** Mounts the endpoint on the app's HTTP server. */
export function mountDeviceStatusWebhook(app: App): void {
  app.http.route("POST", DEVICE_STATUS_PATH, (req, res) => receive(app, req, res));
}

async function receive(app: App, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const secret = app.config.deviceWebhookSecret;
  if (!secret) return sendJson(res, 503, { error: "the device-status webhook is off: set DEVICE_WEBHOOK_SECRET" });
  const body = await readBody(req);
  const header = (name: string) => (typeof req.headers[name] === "string" ? (req.headers[name] as string) : undefined);
  const check = verify(
    secret,
    { timestamp: header(TIMESTAMP_HEADER), signature: header(SIGNATURE_HEADER) },
    body,
    Math.floor(app.services.clock.now().getTime() / 1000),
  );
  if (!check.ok) {
    await auditRefusedRequest(app, "device", req, REFUSALS[check.reason]);
    return sendJson(res, 401, { error: REFUSALS[check.reason] });
  }

  let text: string;
  try {
    text = decodeUtf8(body);
  } catch {
    return sendJson(res, 400, { error: "body is not valid UTF-8; nothing was processed" });
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    return sendJson(res, 400, { error: `body is not JSON: ${describeJsonError(text, error as Error)}; nothing was processed` });
  }
  const batch = isBatch(payload);
  const items: unknown[] = batch ? (payload as { events: unknown[] }).events : [payload];
  if (batch && items.length > MAX_EVENTS_PER_REQUEST)
    return sendJson(res, 413, {
      error: `events: ${items.length} events; at most ${MAX_EVENTS_PER_REQUEST} per request; nothing was processed`,
    });

  const valid: DeviceEvent[] = [];
  const rejected: { index: number; id?: string; problems: string[] }[] = [];
  items.forEach((item, index) => {
    const parsed = deviceEventSchema.safeParse(item);
    if (parsed.success) valid.push(parsed.data);
    else {
      const id = typeof (item as { id?: unknown })?.id === "string" ? (item as { id: string }).id : undefined;
      rejected.push({ index, ...(id ? { id } : {}), problems: eventProblems(parsed.error, batch ? `events[${index}].` : "") });
    }
  });
  if (valid.length === 0)
    return sendJson(res, 400, {
      error: batch ? "no valid event in the batch; nothing was processed" : "invalid event; nothing was processed",
      rejected,
    });

  let accepted = 0;
  let duplicates = 0;
  try {
    // In order: a device's events must reach its state in the order they were sent.
    for (const event of valid) {
      const result = await app.bot.handle({
        kind: "webhook",
        platform: "device",
        deliveryId: event.id,
        receivedAt: app.services.clock.now(),
        actor: null,
        conversation: { platform: "device", conversationId: "device-status" },
        source: "device-status",
        body: event,
      });
      if (result.duplicate) duplicates += 1;
      else accepted += 1;
    }
  } catch (error) {
    app.log.error({ err: error, accepted }, "device status events could not be recorded");
    return sendJson(res, 503, {
      error: "could not record the events; send them again (events already recorded are recognized by id)",
      accepted,
    });
  }
  sendJson(res, 202, { accepted, duplicates, rejected });
}

function isBatch(payload: unknown): boolean {
  return (
    typeof payload === "object" && payload !== null && !Array.isArray(payload) && Array.isArray((payload as { events?: unknown }).events)
  );
}

/** JSON.parse's complaint and the line and column of the first error. */
function describeJsonError(text: string, error: Error): string {
  if (text.trim() === "") return "the body is empty";
  const { line, column } = lineAndColumn(text, jsonErrorOffset(text));
  // V8 quotes the text around the error ("…" is not valid JSON) and, on newer Node, the position: keep the complaint.
  const complaint = error.message.replace(/ in JSON at position \d+[\s\S]*$/, "").split(/, \.\.\.|, "|\n/)[0];
  return `${complaint} at line ${line}, column ${column}`;
}
