/**
 * Delivers outbox messages to an HTTP endpoint as signed JSON (the generic webhook connector).
 * The idempotency key travels in the `Idempotency-Key` header and the body, so a receiver shows a
 * message once even when a crash made Switchboard send it twice.
 */
import type { Deliverer } from "../../bot/runtime/dispatcher.ts";
import type { ConversationRef, DeliveryResult, OutboundDelivery } from "../../bot/events.ts";
import type { Platform } from "../../core/vocabulary.ts";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, sign } from "./signature.ts";

export interface HttpDelivererOptions {
  platform: Platform;
  /** Where a target conversation is delivered; undefined = no endpoint (the message fails). */
  endpointFor(target: ConversationRef): string | undefined;
  secret?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export class HttpDeliverer implements Deliverer {
  readonly platform: Platform;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: HttpDelivererOptions) {
    this.platform = options.platform;
    this.fetch = options.fetch ?? fetch;
  }

  async deliver(delivery: OutboundDelivery & { existingMessageId?: string }): Promise<DeliveryResult> {
    const url = this.options.endpointFor(delivery.message.target);
    if (!url) return { ok: false, retryable: false, error: `no endpoint for ${delivery.message.target.conversationId}` };
    const body = JSON.stringify({
      idempotencyKey: delivery.idempotencyKey,
      attempt: delivery.attempt,
      replaces: delivery.existingMessageId ?? null,
      message: delivery.message,
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = { "content-type": "application/json", "idempotency-key": delivery.idempotencyKey };
    if (this.options.secret) {
      headers[TIMESTAMP_HEADER] = String(timestamp);
      headers[SIGNATURE_HEADER] = sign(this.options.secret, timestamp, body);
    }
    let response: Response;
    try {
      response = await this.fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000) });
    } catch (error) {
      return { ok: false, retryable: true, error: `network: ${(error as Error).message}` };
    }
    const text = await response.text().catch(() => "");
    if (response.ok) {
      let id: string | undefined;
      try {
        id = (JSON.parse(text) as { id?: string }).id;
      } catch {
        id = undefined;
      }
      return { ok: true, platformMessageId: id };
    }
    const retryAfter = Number(response.headers.get("retry-after"));
    const retryable = response.status === 429 || response.status >= 500 || response.status === 408;
    return {
      ok: false,
      retryable,
      error: `HTTP ${response.status}: ${text.slice(0, 200)}`,
      retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
    };
  }
}
