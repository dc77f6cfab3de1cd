/**
 * Delivers outbox messages to Teams through the Bot Connector: a reply threads under the activity
 * that caused it, a later state of a card updates the sent activity (PUT), anything else is a
 * proactive post with the stored conversation reference.
 *
 * Failures are classified for the dispatcher: 429 (and 503 with Retry-After) waits for
 * Retry-After without counting an attempt; 403/404 mean the bot was
 * removed or the conversation deleted, which is recorded so nothing queued for it is retried;
 * 5xx, timeouts and network errors are retried with backoff.
 */
import type { Activity } from "botbuilder";
import type { Logger } from "pino";
import type { ConversationRef, DeliveryResult, OutboundDelivery, OutboundMessage } from "../../bot/events.ts";
import type { Deliverer } from "../../bot/runtime/dispatcher.ts";
import { renderAdaptiveCard, toTeamsMarkdown, type AdaptiveCard } from "./adaptive-card.ts";
import type { TeamsCloudAdapter } from "./cloud-adapter.ts";
import type { TeamsConversations } from "./conversations.ts";
import type { DeliveryWaits } from "./delivery-waits.ts";
import { addressOf } from "./inbound.ts";

const CALL_TIMEOUT_MS = 15_000;
/** How the core addresses a person rather than a conversation (Directory.personalConversations). */
const PERSON_PREFIX = "user:";

/** Where a message goes, resolved from the stored reference or what the target carries. */
interface Destination {
  /** The Teams conversation (a `user:<id>` target resolves to the person's personal chat). */
  conversationId: string;
  serviceUrl: string;
  kind: NonNullable<ConversationRef["kind"]>;
  bot: Partial<Activity>["from"] | undefined;
  /** From the reference table: a refusal there is recorded as "gone". */
  stored: boolean;
}

/** The Bot Connector activity of a message: markdown text and/or one Adaptive Card. */
export function toActivity(message: OutboundMessage): Partial<Activity> {
  const activity: Partial<Activity> = { type: "message" };
  if (message.text) {
    activity.text = toTeamsMarkdown(message.text);
    activity.textFormat = "markdown";
  }
  if (message.card) {
    activity.attachments = [{ contentType: "application/vnd.microsoft.card.adaptive", content: renderAdaptiveCard(message.card) }];
  }
  if (message.lang) activity.locale = message.lang === "es" ? "es-ES" : "en-US";
  return activity;
}

/** Teams' channel ids end in @thread.tacv2 (@thread.skype for old teams); group chats in @thread.v2. */
function guessKind(conversationId: string): Destination["kind"] {
  if (/@thread\.(tacv2|skype)$/.test(conversationId)) return "channel";
  return /@thread\.v2$/.test(conversationId) ? "group" : "personal";
}

export class TeamsDeliverer implements Deliverer {
  readonly platform = "teams" as const;

  constructor(
    private readonly adapter: TeamsCloudAdapter,
    private readonly conversations: TeamsConversations,
    private readonly waits: DeliveryWaits,
    private readonly log: Logger,
  ) {}

  async deliver(delivery: OutboundDelivery & { existingMessageId?: string }): Promise<DeliveryResult> {
    const { target } = delivery.message;
    const person = target.conversationId.startsWith(PERSON_PREFIX) ? target.conversationId.slice(PERSON_PREFIX.length) : undefined;
    const stored = person ? await this.conversations.personalOf(person) : await this.conversations.get(target.conversationId);
    if (stored?.status === "gone")
      return {
        ok: false,
        retryable: false,
        error: `Teams conversation ${stored.conversationId} is gone: ${stored.goneReason ?? "removed"}`,
      };
    const destination: Destination | undefined = stored
      ? { conversationId: stored.conversationId, serviceUrl: stored.serviceUrl, kind: stored.kind, bot: stored.reference.bot, stored: true }
      : person
        ? undefined
        : await this.fallback(target);
    if (!destination) {
      // The person may write or install the app soon; the dispatcher gives up after its last attempt.
      this.log.warn({ conversation: target.conversationId }, "no Teams conversation reference yet; will retry");
      return {
        ok: false,
        retryable: true,
        error: `no conversation reference for ${target.conversationId}: the bot must be installed there first`,
      };
    }
    const address = addressOf({ conversationId: destination.conversationId, threadId: target.threadId, kind: destination.kind });
    const activity: Partial<Activity> = {
      ...toActivity(delivery.message),
      from: destination.bot,
      conversation: { id: address } as Activity["conversation"],
      // The outbox key travels with the message, so a resend after a crash (sent, not yet
      // recorded) can be recognized as the same message by whoever reads the conversation.
      channelData: { switchboard: { idempotencyKey: delivery.idempotencyKey } },
    };
    try {
      const connector = await this.adapter.connectorFor(destination.serviceUrl);
      const options = { timeout: CALL_TIMEOUT_MS };
      if (delivery.existingMessageId) {
        try {
          await connector.conversations.updateActivity(
            address,
            delivery.existingMessageId,
            { ...activity, id: delivery.existingMessageId },
            options,
          );
          const card = activity.attachments?.[0]?.content as AdaptiveCard | undefined;
          if (card) this.waits.cardUpdated(delivery.existingMessageId, card);
          return { ok: true, platformMessageId: delivery.existingMessageId };
        } catch (error) {
          // The message itself was deleted: post the new state instead of losing it.
          if (statusOf(error) !== 404) throw error;
          this.log.info({ conversation: address, message: delivery.existingMessageId }, "card to update is gone; posting it anew");
        }
      }
      // Only a reply in the conversation it came from threads under its activity.
      const replyToId = person ? undefined : target.extra?.replyToId;
      const response = replyToId
        ? await connector.conversations.replyToActivity(address, replyToId, activity, options)
        : await connector.conversations.sendToConversation(address, activity, options);
      return { ok: true, platformMessageId: response.id };
    } catch (error) {
      return this.failure(error, destination);
    }
  }

  /** A target the bot has no reference for: its own serviceUrl, or the one of its tenant. */
  private async fallback(target: ConversationRef): Promise<Destination | undefined> {
    const serviceUrl =
      target.extra?.serviceUrl || (target.tenantId ? await this.conversations.serviceUrlOfTenant(target.tenantId) : undefined);
    if (!serviceUrl) return undefined;
    return {
      conversationId: target.conversationId,
      serviceUrl,
      kind: target.kind ?? guessKind(target.conversationId),
      bot: undefined,
      stored: false,
    };
  }

  private async failure(error: unknown, destination: Destination): Promise<DeliveryResult> {
    const status = statusOf(error);
    const code = (error as { code?: string }).code;
    const detail = `${status ?? "network"}${code ? ` ${code}` : ""}: ${(error as Error).message?.slice(0, 200) ?? String(error)}`;
    const log = this.log.child({ conversation: destination.conversationId, status, code });
    const retryAfter = Number(headerOf(error, "retry-after"));
    // 429, or 503 with Retry-After: the Bot Connector says "later", which costs no attempt.
    if (status === 429 || (status === 503 && Number.isFinite(retryAfter) && retryAfter >= 0)) {
      return {
        ok: false,
        retryable: true,
        throttled: true,
        error: detail,
        retryAfterMs: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : undefined,
      };
    }
    if (status === 403 || status === 404) {
      log.warn("Teams refused the conversation (bot removed or conversation deleted); recorded, not retried");
      if (destination.stored) await this.conversations.markGone(destination.conversationId, detail);
      return { ok: false, retryable: false, error: detail };
    }
    if (status === 401)
      log.error(
        "the Bot Connector refused the bot's credentials: check MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID",
      );
    if (status === 400 || status === 413) {
      log.error({ err: error }, "the Bot Connector rejected the message");
      return { ok: false, retryable: false, error: detail };
    }
    return { ok: false, retryable: true, error: detail };
  }
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === "number" ? status : undefined;
}

function headerOf(error: unknown, name: string): string | undefined {
  const headers = (error as { response?: { headers?: { get?(name: string): string | undefined } } }).response?.headers;
  return headers?.get?.(name) ?? undefined;
}
