/**
 * POST /webhooks/device-status: device events from the vendor's device cloud, signed with
 * DEVICE_WEBHOOK_SECRET (adapters/webhook/signature.ts: timestamp + HMAC, replay window), run
 * through the signed-webhook receiver (receiver.ts). Each event becomes one `webhook`
 * InboundEvent whose delivery id is the event id, so the core's dedupe processes a repeated
 * event once.
 *
 * Body: one event, or {"events": [...]} (up to 1,000). Invalid events in a batch are refused by
 * index and field while the valid ones are processed; a body that is not JSON is refused whole.
 */
import type { AdapterHost, ChatAdapter } from "../../bot/ports.ts";
import { decodeUtf8 } from "../http/server.ts";
import { deviceEventSchema, eventProblems, MAX_EVENTS_PER_REQUEST, type DeviceEvent } from "../../bot/it-tools/device-status/event.ts";
import { jsonErrorOffset, lineAndColumn } from "./json-position.ts";
import { mountSignedWebhook, type Parsed, type Refusal, type SignedRequest } from "./receiver.ts";
import { verify } from "./signature.ts";

/** The endpoint's path (part of the operating contract). */
export const DEVICE_STATUS_PATH = "/webhooks/device-status";

/** The webhook's settings: DEVICE_WEBHOOK_SECRET, or none (the endpoint answers 503). */
export interface DeviceStatusSettings {
  secret: string | undefined;
}

const REFUSALS = {
  missing: "missing X-Switchboard-Timestamp or X-Switchboard-Signature header",
  stale: "X-Switchboard-Timestamp is outside the 300 s replay window (check the sender's clock)",
  mismatch: "signature does not match the body (sign `<timestamp>.<raw body>` with HMAC-SHA256 and DEVICE_WEBHOOK_SECRET)",
} as const;

/** The device-status webhook, always mounted (off with a 503 until a secret is set). */
export const deviceStatusAdapter: ChatAdapter<DeviceStatusSettings> = { platform: "device", mount: mountDeviceStatusWebhook };

function mountDeviceStatusWebhook(host: AdapterHost<DeviceStatusSettings>): void {
  mountSignedWebhook<string, DeviceEvent>(host, DEVICE_STATUS_PATH, {
    platform: "device",
    sender: async () => host.config.secret ?? refusal(503, { error: "the device-status webhook is off: set DEVICE_WEBHOOK_SECRET" }),
    parse,
    toEvent: (_secret, event) => ({
      kind: "webhook",
      platform: "device",
      deliveryId: event.id,
      receivedAt: host.clock.now(),
      actor: null,
      conversation: { platform: "device", conversationId: "device-status" },
      source: "device-status",
      body: event,
    }),
    failed: (_secret, _event, { accepted }) => ({
      log: { accepted },
      message: "device status events could not be recorded",
      body: { error: "could not record the events; send them again (events already recorded are recognized by id)", accepted },
    }),
  });
}

function parse(secret: string, request: SignedRequest, nowSeconds: number): Parsed<DeviceEvent> | Refusal {
  const check = verify(secret, request, request.body, nowSeconds);
  if (!check.ok) return { ...refusal(401, { error: REFUSALS[check.reason] }), audit: REFUSALS[check.reason] };
  let text: string;
  try {
    text = decodeUtf8(request.body);
  } catch {
    return refusal(400, { error: "body is not valid UTF-8; nothing was processed" });
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    return refusal(400, { error: `body is not JSON: ${describeJsonError(text, error as Error)}; nothing was processed` });
  }
  const batch = isBatch(payload);
  const items: unknown[] = batch ? (payload as { events: unknown[] }).events : [payload];
  if (batch && items.length > MAX_EVENTS_PER_REQUEST)
    return refusal(413, {
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
    return refusal(400, {
      error: batch ? "no valid event in the batch; nothing was processed" : "invalid event; nothing was processed",
      rejected,
    });
  return { ok: true, events: valid, rejected };
}

function refusal(status: number, body: Record<string, unknown>): Refusal {
  return { ok: false, status, body };
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
