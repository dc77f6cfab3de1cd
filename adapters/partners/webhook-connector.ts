/**
 * The generic signed-webhook connector: the contract a partner's ticket system (or the loopback
 * simulator) implements, documented in README.md. Both directions are signed the same way as the
 * device-status webhook (adapters/webhook/signature.ts): `X-Switchboard-Timestamp` and
 * `X-Switchboard-Signature: v1=<HMAC-SHA256 of "<timestamp>.<raw body>">` with the partner's
 * secret (PARTNER_WEBHOOK_SECRET_<PARTNER>, else the shared PARTNER_WEBHOOK_SECRET), inside a
 * 300 s replay window. A partner's path accepts only its own secret, so one partner cannot act as
 * another. Every call carries an `Idempotency-Key`,
 * stable across retries, so a partner shows each ticket, comment and status change once.
 *
 * The generic HTTP deliverer of adapters/webhook posts chat messages in one envelope to one URL;
 * a ticket system needs typed calls on its own paths, so this connector posts those itself, with
 * the same signing, idempotency header and retry classification.
 */
import type { Clock } from "../../core/clock.ts";
import { MAX_PARTNER_EVENTS, partnerEventProblems, partnerEventSchema, type PartnerEvent } from "../../bot/partners/webhook/events.ts";
import type { OutboundComment, PartnerRecord, TicketRequest } from "../../bot/partners/types.ts";
import { decodeUtf8 } from "../http/server.ts";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, sign, verify } from "../webhook/signature.ts";
import type { CallRequest, ConnectorOutcome, OpenedTicket, PartnerConnector, ReceiveResult, StatusChange } from "./connector.ts";

export const PARTNER_HEADER = "x-switchboard-partner";

export interface WebhookConnectorOptions {
  /**
   * The secret of a partner (its own, else the shared fallback): signs what we send it and
   * verifies what it sends; undefined when the partner has none.
   */
  secretFor(partnerId: string): string | undefined;
  clock: Clock;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const REFUSALS = {
  missing: "missing X-Switchboard-Timestamp or X-Switchboard-Signature header",
  stale: "X-Switchboard-Timestamp is outside the 300 s replay window (check the sender's clock)",
  mismatch:
    "signature does not match the body (sign `<timestamp>.<raw body>` with HMAC-SHA256 and this partner's secret: PARTNER_WEBHOOK_SECRET_<PARTNER>, else PARTNER_WEBHOOK_SECRET)",
} as const;

export class WebhookConnector implements PartnerConnector {
  readonly kind = "webhook" as const;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: WebhookConnectorOptions) {
    this.fetch = options.fetch ?? fetch;
  }

  async createTicket(partner: PartnerRecord, request: TicketRequest, key: string): Promise<ConnectorOutcome<OpenedTicket>> {
    const answer = await this.post<{ id?: string; ticket?: string; trackingNumber?: string; url?: string; status?: string }>(
      partner,
      "/tickets",
      key,
      {
        type: "ticket.create",
        ...request,
      },
    );
    if (!answer.ok) return answer;
    const ticket = answer.value.body.id ?? answer.value.body.ticket;
    if (answer.value.status === 202 && !ticket) return { ok: true, value: { ticket: "", pending: true } };
    if (!ticket) return { ok: false, retryable: true, error: `${partner.name} answered ${answer.value.status} without a ticket id` };
    return { ok: true, value: { ticket: String(ticket), trackingNumber: answer.value.body.trackingNumber, url: answer.value.body.url } };
  }

  async addComment(
    partner: PartnerRecord,
    ticket: string,
    comment: OutboundComment,
    key: string,
  ): Promise<ConnectorOutcome<{ commentId?: string }>> {
    const answer = await this.post<{ id?: string }>(partner, `/tickets/${encodeURIComponent(ticket)}/comments`, key, {
      type: "comment.create",
      ticket,
      comment: { ...comment, origin: { system: "switchboard", id: comment.id } },
    });
    return answer.ok
      ? { ok: true, value: { commentId: answer.value.body.id === undefined ? undefined : String(answer.value.body.id) } }
      : answer;
  }

  async changeStatus(partner: PartnerRecord, ticket: string, change: StatusChange, key: string): Promise<ConnectorOutcome<void>> {
    const answer = await this.post(partner, `/tickets/${encodeURIComponent(ticket)}/status`, key, {
      type: "ticket.status",
      ticket,
      ...change,
    });
    return answer.ok ? { ok: true, value: undefined } : answer;
  }

  async requestCall(partner: PartnerRecord, ticket: string, call: CallRequest, key: string): Promise<ConnectorOutcome<void>> {
    const answer = await this.post(partner, `/tickets/${encodeURIComponent(ticket)}/calls`, key, { type: "call.request", ticket, call });
    return answer.ok ? { ok: true, value: undefined } : answer;
  }

  /** Verifies the signature and timestamp, then parses one event or `{"events": [...]}`. */
  receive(partner: PartnerRecord, request: { timestamp?: string; signature?: string; body: Buffer }, nowSeconds: number): ReceiveResult {
    const secret = this.options.secretFor(partner.id);
    if (!secret)
      return { ok: false, status: 503, error: "partner webhooks are off: set PARTNER_WEBHOOK_SECRET_<PARTNER> or PARTNER_WEBHOOK_SECRET" };
    const check = verify(secret, { timestamp: request.timestamp, signature: request.signature }, request.body, nowSeconds);
    if (!check.ok) return { ok: false, status: 401, error: REFUSALS[check.reason] };
    let payload: unknown;
    try {
      payload = JSON.parse(decodeUtf8(request.body));
    } catch (error) {
      return { ok: false, status: 400, error: `body is not JSON (${(error as Error).message.slice(0, 120)}); nothing was processed` };
    }
    const batch = typeof payload === "object" && payload !== null && Array.isArray((payload as { events?: unknown }).events);
    const items: unknown[] = batch ? (payload as { events: unknown[] }).events : [payload];
    if (items.length > MAX_PARTNER_EVENTS)
      return { ok: false, status: 413, error: `at most ${MAX_PARTNER_EVENTS} events per request; nothing was processed` };
    const events: PartnerEvent[] = [];
    const rejected: { index: number; id?: string; problems: string[] }[] = [];
    items.forEach((item, index) => {
      const parsed = partnerEventSchema.safeParse(item);
      if (parsed.success) events.push(parsed.data);
      else {
        const id = typeof (item as { id?: unknown })?.id === "string" ? (item as { id: string }).id : undefined;
        rejected.push({ index, ...(id ? { id } : {}), problems: partnerEventProblems(parsed.error, batch ? `events[${index}].` : "") });
      }
    });
    return { ok: true, events, rejected };
  }

  private async post<T>(
    partner: PartnerRecord,
    path: string,
    key: string,
    payload: unknown,
  ): Promise<ConnectorOutcome<{ status: number; body: T }>> {
    if (!partner.endpointUrl)
      return { ok: false, retryable: false, error: `${partner.name} has no endpoint URL (partner connect ${partner.id} webhook <url>)` };
    const secret = this.options.secretFor(partner.id);
    if (!secret)
      return {
        ok: false,
        retryable: false,
        error: "no secret for this partner (PARTNER_WEBHOOK_SECRET_<PARTNER> or PARTNER_WEBHOOK_SECRET): nothing is sent unsigned",
      };
    const body = JSON.stringify(payload);
    const timestamp = Math.floor(this.options.clock.now().getTime() / 1000);
    const headers = {
      "content-type": "application/json",
      "idempotency-key": key,
      [PARTNER_HEADER]: partner.id,
      [TIMESTAMP_HEADER]: String(timestamp),
      [SIGNATURE_HEADER]: sign(secret, timestamp, body),
    };
    let response: Response;
    try {
      response = await this.fetch(`${partner.endpointUrl}${path}`, {
        method: "POST",
        headers,
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      return { ok: false, retryable: true, error: `network: ${(error as Error).message}` };
    }
    const text = await response.text().catch(() => "");
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      parsed = {};
    }
    if (response.ok) return { ok: true, value: { status: response.status, body: parsed as T } };
    const retryAfter = Number(response.headers.get("retry-after"));
    const retryable = response.status === 429 || response.status === 408 || response.status >= 500;
    const reason = typeof parsed.error === "string" ? parsed.error : typeof parsed.reason === "string" ? parsed.reason : text.slice(0, 200);
    return {
      ok: false,
      retryable,
      refused: !retryable,
      error: retryable ? `HTTP ${response.status}: ${reason}` : reason || `HTTP ${response.status}`,
      retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
    };
  }
}
