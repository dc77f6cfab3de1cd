/**
 * Slack payloads → the core's InboundEvent. Pure: the schemas say which fields we read (anything
 * missing is refused with the reason), and the functions only map. Delivery ids:
 * - events: Slack's `event_id`, identical on every retry, so a retry is processed once;
 * - buttons: the interaction's `trigger_id` (unique per press; the core's actions are idempotent);
 * - slash commands: `trigger_id`;
 * - modal submissions: the view id (a modal is submitted once, however often the button is hit).
 */
import { z } from "zod";
import { MAX_TEXT_LENGTH, type Actor, type ConversationRef, type InboundEvent, type SharedFile } from "../../bot/events.ts";
import { slackFileSchema } from "./files.ts";

export const envelopeSchema = z.object({ event_id: z.string().min(1).max(512), team_id: z.string().optional() });

export const messageSchema = z.object({
  type: z.enum(["message", "app_mention"]),
  subtype: z.string().optional(),
  user: z.string().min(1).max(256),
  text: z.string().default(""),
  ts: z.string().min(1).max(64),
  thread_ts: z.string().max(64).optional(),
  channel: z.string().min(1).max(256),
  channel_type: z.string().optional(),
  team: z.string().optional(),
  user_team: z.string().optional(),
  bot_id: z.string().optional(),
  parent_user_id: z.string().optional(),
  /** Shared files (`file_share` messages). */
  files: z.array(slackFileSchema).optional(),
});
export type SlackMessage = z.infer<typeof messageSchema>;

export const actionBodySchema = z.object({
  trigger_id: z.string().min(1).max(512),
  user: z.object({ id: z.string().min(1), team_id: z.string().optional() }),
  channel: z.object({ id: z.string().min(1) }).optional(),
  container: z.object({ type: z.string(), message_ts: z.string().optional(), thread_ts: z.string().optional() }).optional(),
  message: z.object({ ts: z.string(), thread_ts: z.string().optional() }).optional(),
  view: z.object({ id: z.string(), type: z.string() }).optional(),
  actions: z.array(z.object({ action_id: z.string().min(1), value: z.string().optional(), type: z.string() })).min(1),
});
export type SlackActionBody = z.infer<typeof actionBodySchema>;

export const commandSchema = z.object({
  command: z.string().min(1).max(64),
  text: z.string().default(""),
  user_id: z.string().min(1),
  channel_id: z.string().min(1),
  team_id: z.string().optional(),
  trigger_id: z.string().min(1).max(512),
});
export type SlackCommand = z.infer<typeof commandSchema>;

export const viewSubmissionSchema = z.object({
  user: z.object({ id: z.string().min(1), team_id: z.string().optional() }),
  view: z.object({ id: z.string().min(1), callback_id: z.string(), private_metadata: z.string().optional(), state: z.unknown() }),
});
export type SlackViewSubmission = z.infer<typeof viewSubmissionSchema>;

/** Delivery context the receiver gives with a payload. */
export interface DeliveryInfo {
  retryNum?: number;
  retryReason?: string;
  receivedAt: Date;
}

/** The kind of conversation, from Slack's channel type or the id's prefix. */
export function conversationKind(channel: string, channelType?: string): ConversationRef["kind"] {
  if (channelType === "im" || channel.startsWith("D")) return "personal";
  if (channelType === "mpim") return "group";
  return "channel";
}

/**
 * Slack's message markup → the plain text a person typed: links keep their address, channel
 * references their name, and the three escaped characters are restored. User mentions stay
 * (`<@U…>`), the core's command parser drops them.
 */
export function plainText(text: string): string {
  return text
    .replace(/<#C[A-Z0-9]+\|([^<>]*)>/g, "#$1")
    .replace(/<!(here|channel|everyone)(\|[^<>]*)?>/g, "@$1")
    .replace(/<mailto:([^|<>]+)(\|[^<>]*)?>/g, "$1")
    .replace(/<(https?:[^|<>]+)(\|[^<>]*)?>/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** The text handed to the core: the bot's own mention removed, at most MAX_TEXT_LENGTH. */
export function messageText(raw: string, botUserId: string): { text: string; truncated: boolean } {
  const text = plainText(raw.replace(new RegExp(`<@${botUserId}(\\|[^<>]*)?>`, "g"), " "))
    .replace(/[ \t]+/g, " ")
    .trim();
  return text.length > MAX_TEXT_LENGTH ? { text: text.slice(0, MAX_TEXT_LENGTH), truncated: true } : { text, truncated: false };
}

function base(deliveryId: string, actor: Actor, conversation: ConversationRef, info: DeliveryInfo, locale?: string) {
  return {
    platform: "slack" as const,
    deliveryId,
    receivedAt: info.receivedAt,
    ...(info.retryNum !== undefined ? { retry: { attempt: info.retryNum, reason: info.retryReason } } : {}),
    actor,
    conversation,
    ...(locale ? { locale } : {}),
  };
}

/**
 * A DM, a mention or a thread reply. In a channel the answer goes to the message's thread (a new
 * thread under a top-level mention); in a DM it goes where the message was.
 */
export function messageEvent(
  eventId: string,
  message: SlackMessage,
  text: string,
  actor: Actor,
  info: DeliveryInfo,
  locale?: string,
  files: SharedFile[] = [],
): InboundEvent {
  const kind = conversationKind(message.channel, message.channel_type);
  const threadId = message.thread_ts ?? (kind === "personal" ? undefined : message.ts);
  const conversation: ConversationRef = {
    platform: "slack",
    conversationId: message.channel,
    ...(threadId ? { threadId } : {}),
    tenantId: message.user_team ?? message.team,
    kind,
  };
  return {
    ...base(eventId, actor, conversation, info, locale),
    kind: "message",
    text,
    messageId: message.ts,
    mentioned: message.type === "app_mention",
    ...(files.length > 0 ? { files } : {}),
  };
}

/** A slash command (or a form standing for one); answered in `conversation`. */
export function commandEvent(
  deliveryId: string,
  command: string,
  text: string,
  actor: Actor,
  conversation: ConversationRef,
  info: DeliveryInfo,
  locale?: string,
): InboundEvent {
  return { ...base(deliveryId, actor, conversation, info, locale), kind: "command", command, text };
}

/** A button press (or a modal with a card's inputs, then `inputs` is set). */
export function actionEvent(
  deliveryId: string,
  action: { actionId: string; value: Record<string, string>; inputs?: Record<string, string>; messageId?: string },
  actor: Actor,
  conversation: ConversationRef,
  info: DeliveryInfo,
  locale?: string,
): InboundEvent {
  return {
    ...base(deliveryId, actor, conversation, info, locale),
    kind: "action",
    actionId: action.actionId,
    value: action.value,
    ...(action.inputs ? { inputs: action.inputs } : {}),
    ...(action.messageId ? { messageId: action.messageId } : {}),
    respondInline: false,
  };
}
