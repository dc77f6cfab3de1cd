/**
 * The outbox deliverer of the `partner` platform. Each message the dispatcher hands over stands
 * for one operation at a partner (bot/partners/operations.ts): it is carried out by the partner's
 * connector, in the dispatcher's order per thread (= per partner ticket), with its idempotency key.
 *
 * Opening a ticket is special: the connector's answer is reported back into the bot as a
 * `partner-connector` webhook event (opened / refused / failed), the same path a partner's
 * asynchronous `ticket.created` takes. It is retried on the schedule below; after the last attempt
 * the customer is told and referred to the partner rather than left waiting.
 */
import type { Logger } from "pino";
import type { Bot } from "../../bot/bot.ts";
import type { DeliveryResult, OutboundDelivery } from "../../bot/events.ts";
import type { ConnectorReport } from "../../bot/partners/webhook/events.ts";
import type { PartnerServices } from "../../bot/partners/service.ts";
import type { ConnectorKind, PartnerOperation } from "../../bot/partners/types.ts";
import type { Deliverer } from "../../bot/runtime/dispatcher.ts";
import type { ConnectorOutcome, PartnerConnector } from "./connector.ts";

export interface PartnerDelivererOptions {
  /** Waits between attempts to open a ticket; after the last one the customer is referred. */
  openRetryDelaysMs?: number[];
  /** Waits between attempts of the other operations (default: the dispatcher's backoff). */
  retryDelaysMs?: number[];
}

export const DEFAULT_OPEN_RETRY_DELAYS_MS = [2_000, 10_000, 30_000, 60_000];

export interface PartnerDelivererHost {
  bot: Pick<Bot, "handle">;
  bridge: () => PartnerServices | undefined;
  now: () => Date;
  log: Logger;
}

export class PartnerDeliverer implements Deliverer {
  readonly platform = "partner" as const;
  private readonly openDelays: number[];

  constructor(
    private readonly host: PartnerDelivererHost,
    private readonly connectors: Record<ConnectorKind, PartnerConnector>,
    private readonly options: PartnerDelivererOptions = {},
  ) {
    this.openDelays = options.openRetryDelaysMs ?? DEFAULT_OPEN_RETRY_DELAYS_MS;
  }

  async deliver(delivery: OutboundDelivery & { existingMessageId?: string }): Promise<DeliveryResult> {
    const bridge = this.host.bridge();
    if (!bridge) return { ok: false, retryable: true, error: "the partner bridge is not set up" };
    const op = await bridge.operations.operationFor(delivery);
    if (op.kind === "skip") {
      this.host.log.debug({ key: delivery.idempotencyKey, reason: op.reason }, "nothing to send to the partner");
      return { ok: true };
    }
    const connector = this.connectors[op.partner.connector];
    if (op.kind === "create") return this.open(connector, op, delivery);
    let outcome: ConnectorOutcome<unknown>;
    if (op.kind === "comment") {
      const sent = await connector.addComment(op.partner, op.ticket, op.comment, delivery.idempotencyKey);
      if (sent.ok && sent.value.commentId) await bridge.operations.rememberOutbound(op.partner.id, sent.value.commentId, op.comment.id);
      outcome = sent;
    } else if (op.kind === "status") outcome = await connector.changeStatus(op.partner, op.ticket, op.change, delivery.idempotencyKey);
    else outcome = await connector.requestCall(op.partner, op.ticket, op.call, delivery.idempotencyKey);
    if (outcome.ok) return { ok: true };
    if (!outcome.retryable)
      this.host.log.error({ key: delivery.idempotencyKey, partner: op.partner.id, error: outcome.error }, "the partner refused an update");
    const delays = this.options.retryDelaysMs;
    return {
      ok: false,
      retryable: outcome.retryable,
      error: outcome.error,
      retryAfterMs: outcome.retryAfterMs ?? (delays?.length ? delays[Math.min(delivery.attempt, delays.length) - 1] : undefined),
    };
  }

  private async open(
    connector: PartnerConnector,
    op: Extract<PartnerOperation, { kind: "create" }>,
    delivery: OutboundDelivery,
  ): Promise<DeliveryResult> {
    const { partner, request } = op;
    const outcome = await connector.createTicket(partner, request, delivery.idempotencyKey);
    if (outcome.ok) {
      if (!outcome.value.pending)
        await this.report(partner.id, delivery, {
          type: "ticket.created",
          reference: request.reference,
          ticket: outcome.value.ticket,
          trackingNumber: outcome.value.trackingNumber,
          url: outcome.value.url,
        });
      return { ok: true, platformMessageId: outcome.value.ticket || undefined };
    }
    if (outcome.refused) {
      await this.report(partner.id, delivery, { type: "ticket.refused", reference: request.reference, reason: outcome.error });
      return { ok: false, retryable: false, error: `refused: ${outcome.error}` };
    }
    if (!outcome.retryable) {
      await this.report(partner.id, delivery, {
        type: "ticket.failed",
        reference: request.reference,
        reason: "not_configured",
        detail: outcome.error,
      });
      return { ok: false, retryable: false, error: outcome.error };
    }
    if (delivery.attempt > this.openDelays.length) {
      await this.report(partner.id, delivery, {
        type: "ticket.failed",
        reference: request.reference,
        reason: "down",
        detail: outcome.error,
      });
      return { ok: false, retryable: false, error: `gave up after ${delivery.attempt} attempts: ${outcome.error}` };
    }
    return {
      ok: false,
      retryable: true,
      error: outcome.error,
      retryAfterMs: outcome.retryAfterMs ?? this.openDelays[delivery.attempt - 1],
    };
  }

  /** Hands the connector's answer to the bot; a failure here throws, so the dispatcher retries the whole send. */
  private async report(partnerId: string, delivery: OutboundDelivery, event: ConnectorReport): Promise<void> {
    await this.host.bot.handle({
      kind: "webhook",
      platform: "partner",
      deliveryId: `${partnerId}:connector:${delivery.idempotencyKey}:${event.type}`,
      receivedAt: this.host.now(),
      actor: null,
      conversation: delivery.message.target,
      source: "partner-connector",
      body: { partner: partnerId, event },
    });
  }
}
