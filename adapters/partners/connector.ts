/**
 * One interface for every way of reaching a cloud partner: open a ticket, add a comment, change
 * its status, ask for a joint call, and receive the partner's events. Two implementations: the
 * signed-webhook connector (the partner's own ticket system, or the simulator) and thread mode
 * (the partner's engineers talk in a shared Slack/Teams thread, so most of it happens in chat).
 *
 * Connectors only carry operations; what to send and when is decided in bot/partners, and the
 * partner deliverer (deliverer.ts) hands each outbox message's operation to the right connector.
 */
import type { PartnerEvent } from "../../bot/partners/webhook/events.ts";
import type { ConnectorKind, OutboundComment, PartnerOperation, PartnerRecord, TicketRequest } from "../../bot/partners/types.ts";

/** What a partner answered: done, or why not and whether trying again can help. */
export type ConnectorOutcome<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      /** A network error, a timeout, 408, 429 or 5xx: the partner may accept it later. */
      retryable: boolean;
      /** The partner said no (a 4xx with its reason): tell the customer, do not retry. */
      refused?: boolean;
      error: string;
      retryAfterMs?: number;
    };

export interface OpenedTicket {
  /** The partner's ticket id. */
  ticket: string;
  trackingNumber?: string;
  url?: string;
  /** The partner took the request and will send `ticket.created` when the ticket exists. */
  pending?: boolean;
}

export type StatusChange = Extract<PartnerOperation, { kind: "status" }>["change"];
export type CallRequest = Extract<PartnerOperation, { kind: "call" }>["call"];

/** A request to POST /webhooks/partners/:partner, refused with a status and a reason, or its events. */
export type ReceiveResult =
  | { ok: true; events: PartnerEvent[]; rejected: { index: number; id?: string; problems: string[] }[] }
  | { ok: false; status: number; error: string };

export interface PartnerConnector {
  readonly kind: ConnectorKind;
  /** Opens the partner's ticket. The idempotency key makes a resend return the same ticket. */
  createTicket(partner: PartnerRecord, request: TicketRequest, idempotencyKey: string): Promise<ConnectorOutcome<OpenedTicket>>;
  /** Adds a public comment; answers with the partner's id of it (loop prevention remembers it). */
  addComment(
    partner: PartnerRecord,
    ticket: string,
    comment: OutboundComment,
    idempotencyKey: string,
  ): Promise<ConnectorOutcome<{ commentId?: string }>>;
  /** Tells the partner our side's status changed (resolved, closed by the customer, reopened …). */
  changeStatus(partner: PartnerRecord, ticket: string, change: StatusChange, idempotencyKey: string): Promise<ConnectorOutcome<void>>;
  requestCall(partner: PartnerRecord, ticket: string, call: CallRequest, idempotencyKey: string): Promise<ConnectorOutcome<void>>;
  /** Verifies and parses what the partner sent (webhook connectors; thread mode receives chat messages). */
  receive?(partner: PartnerRecord, request: { timestamp?: string; signature?: string; body: Buffer }, nowSeconds: number): ReceiveResult;
}
