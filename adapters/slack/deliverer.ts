/**
 * Delivers the outbox's Slack messages with the Web API: `chat.postMessage` into the target
 * channel and thread, or `chat.update` when the message replaces one already sent.
 *
 * Rate limits: the client does not retry by itself (rejectRateLimitedCalls, no retry policy); the
 * outbox is the one retry mechanism. A 429 closes a gate for that method for `Retry-After`
 * seconds — every send waits at the gate rather than drawing more 429s — and the message goes
 * back to the outbox with `retryAfterMs`, as `throttled`: a rate limit costs the message no attempt.
 *
 * Exactly once per idempotency key: the key travels in the message's `metadata`
 * (event_type `switchboard_delivery`). When the outbox re-sends (a crash after the post, before
 * it was recorded; or a timeout whose post did land), the first thing a repeated attempt does is
 * read the thread back (conversations.history / .replies with include_all_metadata, since the
 * message was queued) and, if a message with the key is there, report that one instead of
 * posting again. The first attempt pays nothing for this. When the thread cannot be read back
 * (an outage, a missing history scope), nothing is posted: the message stays in the outbox and
 * the check is tried again later, since an earlier post may well have landed.
 */
import { webApi } from "@slack/bolt";
import type { Logger } from "pino";
import type { DeliveryResult, OutboundDelivery } from "../../bot/events.ts";
import type { Deliverer } from "../../bot/runtime/dispatcher.ts";
import { renderMessage } from "./render.ts";

export const METADATA_EVENT = "switchboard_delivery";

/** Slack errors that no retry will fix: the outbox gives up on the message. */
const PERMANENT = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "msg_too_long",
  "no_text",
  "invalid_blocks",
  "invalid_blocks_format",
  "restricted_action",
  "restricted_action_read_only_channel",
  "restricted_action_thread_only_channel",
  "cannot_reply_to_message",
  "user_not_found",
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
  "missing_scope",
  "team_access_not_granted",
  "ekm_access_denied",
  "invalid_arguments",
]);
/** `chat.update` could not update the message (deleted, too old): post it anew instead. */
const GONE = new Set(["message_not_found", "cant_update_message", "edit_window_closed"]);
/** Sends wait at a closed gate up to this long; a longer Retry-After goes back to the outbox. */
const MAX_GATE_WAIT_MS = 5_000;

type Delivery = OutboundDelivery & { existingMessageId?: string; createdAt?: Date };

export class SlackDeliverer implements Deliverer {
  readonly platform = "slack" as const;
  private readonly gates = new Map<string, number>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly log: Logger,
    /** The DM channel for a person's user id: the core addresses people by their Slack user id. */
    private readonly dmChannel: (userId: string) => Promise<string> = async (userId) => userId,
  ) {}

  async deliver(delivery: Delivery): Promise<DeliveryResult> {
    const { message } = delivery;
    const { text, blocks: rendered } = renderMessage(message);
    const blocks = rendered.length > 0 ? { blocks: rendered } : {};
    let channel = message.target.conversationId;
    const metadata = { event_type: METADATA_EVENT, event_payload: { key: delivery.idempotencyKey } };
    try {
      // chat.postMessage takes a user id (the app's DM), but chat.update and the read-back need
      // the DM's own channel id.
      if (/^[UW][A-Z0-9]{2,}$/.test(channel)) channel = await this.dmChannel(channel);
      if (delivery.existingMessageId) {
        try {
          // An update without `blocks` would keep the old card's blocks: always send them.
          await this.call("chat.update", { channel, ts: delivery.existingMessageId, text, blocks: rendered, metadata });
          return { ok: true, platformMessageId: delivery.existingMessageId };
        } catch (error) {
          if (!GONE.has(platformError(error) ?? "")) throw error;
          this.log.info({ channel, ts: delivery.existingMessageId }, "the message to update is gone; posting it anew");
        }
      }
      if (delivery.attempt > 1) {
        const found = await this.findSent(channel, message.target.threadId, delivery);
        if (found) {
          this.log.info({ key: delivery.idempotencyKey, ts: found }, "message was already posted by an earlier attempt");
          return { ok: true, platformMessageId: found };
        }
      }
      const result = await this.call("chat.postMessage", {
        channel,
        text,
        ...blocks,
        metadata,
        ...(message.target.threadId ? { thread_ts: message.target.threadId } : {}),
        unfurl_links: false,
      });
      return { ok: true, platformMessageId: (result as { ts?: string }).ts || undefined };
    } catch (error) {
      return this.failure(error, channel);
    }
  }

  /** One Web API call through the method's rate-limit gate. */
  private async call(method: string, args: Record<string, unknown>): Promise<webApi.WebAPICallResult> {
    const wait = (this.gates.get(method) ?? 0) - Date.now();
    if (wait > MAX_GATE_WAIT_MS) throw new GateClosed(method, wait);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    try {
      return await this.client.apiCall(method, args);
    } catch (error) {
      const retryAfter =
        (error as { code?: string; retryAfter?: number }).code === webApi.ErrorCode.RateLimitedError
          ? (error as { retryAfter: number }).retryAfter
          : undefined;
      if (retryAfter !== undefined) {
        this.gates.set(method, Math.max(this.gates.get(method) ?? 0, Date.now() + retryAfter * 1000));
        this.log.warn({ method, retryAfterS: retryAfter }, "Slack rate limit: holding this method");
      }
      throw error;
    }
  }

  /** The ts of a message already posted with this delivery's key, if an earlier attempt landed. */
  private async findSent(channel: string, threadTs: string | undefined, delivery: Delivery): Promise<string | undefined> {
    try {
      return await this.readBack(channel, threadTs, delivery);
    } catch (error) {
      if (error instanceof GateClosed || (error as { code?: string }).code === webApi.ErrorCode.RateLimitedError) throw error;
      // Posting now could show the message twice (an outage where posts land but answers fail
      // did exactly that); wait until the thread can be checked.
      const code = platformError(error);
      if (code === "missing_scope")
        this.log.error(
          { channel },
          "cannot check for an earlier post: the Slack app lacks the channels:history, groups:history, im:history or mpim:history scope",
        );
      else this.log.warn({ err: error, channel }, "could not read the conversation back to check for an earlier post; will try again");
      throw new ReadBackFailed(code ?? (error as Error)?.message ?? String(error));
    }
  }

  private async readBack(channel: string, threadTs: string | undefined, delivery: Delivery): Promise<string | undefined> {
    const since = delivery.createdAt instanceof Date ? delivery.createdAt.getTime() : Date.now() - 86_400_000;
    const oldest = ((since - 60_000) / 1000).toFixed(6);
    const common = { channel, oldest, limit: 200, include_all_metadata: true };
    const result = threadTs
      ? await this.call("conversations.replies", { ...common, ts: threadTs })
      : await this.call("conversations.history", common);
    const messages =
      (result as { messages?: { ts?: string; metadata?: { event_type?: string; event_payload?: { key?: unknown } } }[] }).messages ?? [];
    return messages.find((m) => m.metadata?.event_type === METADATA_EVENT && m.metadata.event_payload?.key === delivery.idempotencyKey)?.ts;
  }

  private failure(error: unknown, channel: string): DeliveryResult {
    if (error instanceof GateClosed)
      return { ok: false, retryable: true, throttled: true, error: error.message, retryAfterMs: error.waitMs };
    if (error instanceof ReadBackFailed) return { ok: false, retryable: true, error: `${error.message} (${channel})` };
    const e = error as { code?: string; retryAfter?: number; statusCode?: number; message?: string };
    if (e.code === webApi.ErrorCode.RateLimitedError)
      return { ok: false, retryable: true, throttled: true, error: "rate_limited", retryAfterMs: (e.retryAfter ?? 1) * 1000 };
    const code = platformError(error);
    if (code) return { ok: false, retryable: !PERMANENT.has(code), error: `slack: ${code} (${channel})` };
    // Network failures and 5xx: try again later; the key check above keeps it to one message.
    return { ok: false, retryable: true, error: `slack: ${e.message ?? String(error)}` };
  }
}

class GateClosed extends Error {
  constructor(
    method: string,
    readonly waitMs: number,
  ) {
    super(`slack: ${method} rate-limited for ${Math.ceil(waitMs / 1000)} s more`);
  }
}

/** The thread could not be read back, so whether an earlier attempt posted is unknown. */
class ReadBackFailed extends Error {
  constructor(reason: string) {
    super(`slack: could not check for an earlier post: ${reason}`);
  }
}

function platformError(error: unknown): string | undefined {
  const e = error as { code?: string; data?: { error?: string } };
  return e.code === webApi.ErrorCode.PlatformError ? e.data?.error : undefined;
}
