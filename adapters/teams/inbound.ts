/**
 * Bot Framework activities → normalized events. The activity id is the delivery id (Teams resends
 * an activity with the same id, and the core processes each id once); a channel's reply chain is
 * the thread; the person is their Azure AD object id when Teams sends one.
 */
import type { Activity } from "botbuilder";
import { z } from "zod";
import {
  MAX_TEXT_LENGTH,
  type ActionEvent,
  type Actor,
  type ConversationRef,
  type InboundEvent,
  type MessageEvent,
} from "../../bot/events.ts";
import type { PressedAction } from "./adaptive-card.ts";
import { filesOf } from "./files.ts";

/** The fields every activity needs before the CloudAdapter may see it; the rest passes through. */
export const activitySchema = z
  .object({
    type: z.string().min(1).max(64),
    id: z.string().min(1).max(512).optional(),
    channelId: z.string().min(1).max(64),
    serviceUrl: z.string().url().max(2048),
    conversation: z
      .object({ id: z.string().min(1).max(512), conversationType: z.string().max(32).optional(), tenantId: z.string().max(256).optional() })
      .passthrough(),
    from: z
      .object({ id: z.string().min(1).max(256), name: z.string().max(256).optional(), aadObjectId: z.string().max(256).optional() })
      .passthrough()
      .optional(),
    text: z.string().optional(),
  })
  .passthrough();

const THREAD_MARKER = ";messageid=";

/** Splits a Teams conversation id into the conversation and the channel reply chain, if any. */
export function splitConversationId(id: string): { conversationId: string; threadId: string | undefined } {
  const at = id.indexOf(THREAD_MARKER);
  return at < 0
    ? { conversationId: id, threadId: undefined }
    : { conversationId: id.slice(0, at), threadId: id.slice(at + THREAD_MARKER.length) || undefined };
}

/** The id to address a conversation (and a channel reply chain) on the Bot Connector. */
export function addressOf(ref: Pick<ConversationRef, "conversationId" | "threadId" | "kind">): string {
  return ref.threadId && ref.kind === "channel" ? `${ref.conversationId}${THREAD_MARKER}${ref.threadId}` : ref.conversationId;
}

/** personal | group | channel, from Teams' conversationType (the Emulator sends none: personal). */
export function kindOf(activity: Partial<Activity>): NonNullable<ConversationRef["kind"]> {
  const type = activity.conversation?.conversationType;
  if (type === "channel") return "channel";
  if (type === "groupChat" || (type === undefined && activity.conversation?.isGroup === true)) return "group";
  return "personal";
}

/**
 * The tenant an identity may be trusted to belong to: the conversation's and the channel data's
 * tenant when they agree (either one alone when only one is given); none when they contradict.
 */
export function vouchedTenantOf(activity: Partial<Activity>): string | undefined {
  const data = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromData = typeof data?.tenant?.id === "string" && data.tenant.id !== "" ? data.tenant.id : undefined;
  const fromConversation = activity.conversation?.tenantId || undefined;
  if (fromData && fromConversation && fromData !== fromConversation) return undefined;
  return fromConversation ?? fromData;
}

export function tenantOf(activity: Partial<Activity>): string | undefined {
  const data = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromData = typeof data?.tenant?.id === "string" ? data.tenant.id : undefined;
  return activity.conversation?.tenantId ?? fromData;
}

/** Where the activity happened. `extra` carries what a reply needs to thread under it. */
export function conversationOf(activity: Partial<Activity>): ConversationRef {
  const kind = kindOf(activity);
  const split = splitConversationId(activity.conversation?.id ?? "");
  // A new channel post is the root of its own reply chain.
  const threadId = kind === "channel" ? (split.threadId ?? activity.id) : undefined;
  const extra: Record<string, string> = { serviceUrl: activity.serviceUrl ?? "" };
  if (activity.id) extra.replyToId = activity.id;
  return { platform: "teams", conversationId: split.conversationId, threadId, tenantId: tenantOf(activity), kind, extra };
}

export function actorOf(activity: Partial<Activity>): Actor | null {
  const from = activity.from;
  if (!from?.id) return null;
  return { platform: "teams", externalId: from.aadObjectId || from.id, displayName: from.name?.slice(0, 256) || undefined };
}

const ENTITIES: Record<string, string> = {
  "&nbsp;": " ",
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
  "&apos;": "'",
};

/** Teams text as a person typed it: mentions become names, the little HTML Teams adds goes away. */
export function cleanText(raw: string): string {
  return raw
    .replace(/<at(\s[^<>]*)?>([^<]*)<\/at>/gi, "$2")
    .replace(/<br\s*\/?>|<\/(p|div)>/gi, "\n")
    .replace(/<\/?(p|div|span|strong|b|em|i|u|s|code|pre|blockquote|ul|ol|li|a)(\s[^<>]*)?>/gi, "")
    .replace(/&(nbsp|amp|lt|gt|quot|apos|#39);/g, (entity) => ENTITIES[entity] ?? entity)
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Whether the bot was @mentioned (in a channel, Teams only sends the bot messages that mention it). */
export function mentionsBot(activity: Partial<Activity>): boolean {
  const botId = activity.recipient?.id;
  return (activity.entities ?? []).some(
    (entity) => entity.type === "mention" && (entity as { mentioned?: { id?: string } }).mentioned?.id === botId,
  );
}

function base(activity: Partial<Activity>, receivedAt: Date) {
  return {
    platform: "teams" as const,
    deliveryId: activity.id!,
    receivedAt,
    actor: actorOf(activity),
    conversation: conversationOf(activity),
    locale: activity.locale?.slice(0, 32),
  };
}

/** A message event; text beyond the core's limit is cut (`truncated` says so, for the log). */
export function toMessageEvent(activity: Partial<Activity>, receivedAt: Date): { event: MessageEvent; truncated: boolean } {
  const text = cleanText(activity.text ?? "");
  const truncated = text.length > MAX_TEXT_LENGTH;
  const files = filesOf(activity);
  return {
    event: {
      ...base(activity, receivedAt),
      kind: "message",
      text: truncated ? text.slice(0, MAX_TEXT_LENGTH) : text,
      messageId: activity.id,
      mentioned: mentionsBot(activity),
      ...(files.length > 0 ? { files } : {}),
    },
    truncated,
  };
}

/** A button press. `respondInline` for Action.Execute: the refreshed card goes in the invoke response. */
export function toActionEvent(activity: Partial<Activity>, pressed: PressedAction, receivedAt: Date, respondInline: boolean): ActionEvent {
  return {
    ...base(activity, receivedAt),
    kind: "action",
    actionId: pressed.actionId,
    value: pressed.value,
    inputs: pressed.inputs,
    // The card's own message: Teams sends it as the press's replyToId.
    messageId: activity.replyToId,
    respondInline,
  };
}

export function toInstallEvent(activity: Partial<Activity>, receivedAt: Date): InboundEvent {
  return { ...base(activity, receivedAt), kind: "install" };
}
