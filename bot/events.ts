/**
 * The normalized event model. Adapters translate each platform delivery into one `InboundEvent`
 * and render each `OutboundMessage` in their own format; the core sees nothing else.
 */
import { z } from "zod";
import { PLATFORMS, type Language, type Platform, type Role } from "../core/vocabulary.ts";

/** Where a message lives: a conversation and, optionally, a thread inside it. */
export const conversationRefSchema = z.object({
  platform: z.enum(PLATFORMS),
  conversationId: z.string().min(1).max(512),
  /** Slack thread_ts, Teams reply-chain id; empty or absent = the conversation itself. */
  threadId: z.string().max(512).optional(),
  /** Slack team id or Teams tenant id. */
  tenantId: z.string().max(256).optional(),
  kind: z.enum(["personal", "group", "channel"]).optional(),
  /** Platform details a later proactive message needs (e.g. Teams serviceUrl). */
  extra: z.record(z.string()).optional(),
});
export type ConversationRef = z.infer<typeof conversationRefSchema>;

/** Who sent the event, as the platform knows them. */
export const actorSchema = z.object({
  platform: z.enum(PLATFORMS),
  externalId: z.string().min(1).max(256),
  displayName: z.string().max(256).optional(),
  email: z.string().max(320).optional(),
  /**
   * The workspaces or tenants the platform vouches the person belongs to (Slack team and
   * enterprise ids, the Teams tenant id). Linking by e-mail needs one of them to be the person's
   * organization's, so the same address in another tenant links nobody.
   */
  tenantIds: z.array(z.string().min(1).max(256)).max(4).optional(),
  /** That tenant is the one the bot is installed in (the vendor's own): vendor staff may link from it. */
  vendorTenant: z.boolean().optional(),
});
export type Actor = z.infer<typeof actorSchema>;

const common = {
  platform: z.enum(PLATFORMS),
  /** The platform's own id of this delivery (Slack event_id, Teams activity id, …). */
  deliveryId: z.string().min(1).max(512),
  /** Redelivery information from the platform (e.g. X-Slack-Retry-Num). */
  retry: z.object({ attempt: z.number().int().min(0), reason: z.string().optional() }).optional(),
  receivedAt: z.coerce.date(),
  actor: actorSchema.nullable(),
  conversation: conversationRefSchema,
  /** The language the person set in the client, when the platform tells it. */
  locale: z.string().max(32).optional(),
};

export const MAX_TEXT_LENGTH = 40_000;
/** Most files one message may list; the core reads one (more is refused with a reply). */
export const MAX_FILES_PER_MESSAGE = 10;

/**
 * A file a person attached to a message, as plain data: the event is recorded and may be handled
 * after a restart, so the file is read later through the platform's `FileReader` (bot/files.ts),
 * never carried in the event.
 */
export const sharedFileSchema = z.object({
  name: z.string().min(1).max(255),
  mimeType: z.string().max(255).optional(),
  /** Bytes, when the platform says (Slack does; Teams does not). */
  size: z.number().int().min(0).optional(),
  /** Where the platform's reader downloads it (Slack url_private_download, Teams downloadUrl). */
  url: z.string().url().max(2048),
});
export type SharedFile = z.infer<typeof sharedFileSchema>;

export const inboundEventSchema = z.discriminatedUnion("kind", [
  z.object({
    ...common,
    kind: z.literal("message"),
    text: z.string().max(MAX_TEXT_LENGTH * 4),
    /** Platform message id, so a later reply can thread under it. */
    messageId: z.string().max(512).optional(),
    mentioned: z.boolean().optional(),
    /** Files attached to the message (a CSV of devices to register, a screenshot, …). */
    files: z.array(sharedFileSchema).max(MAX_FILES_PER_MESSAGE).optional(),
  }),
  z.object({
    ...common,
    kind: z.literal("action"),
    actionId: z.string().min(1).max(128),
    value: z.record(z.string()),
    /** Values of the card's inputs (forms, modals). */
    inputs: z.record(z.string()).optional(),
    /** The message that carried the button, so the card can be updated in place. */
    messageId: z.string().max(512).optional(),
    /**
     * The platform takes the updated card in its HTTP response (Teams Action.Execute invoke):
     * in-place updates are returned to the adapter instead of going through the outbox.
     */
    respondInline: z.boolean().optional(),
  }),
  z.object({
    ...common,
    kind: z.literal("command"),
    command: z.string().min(1).max(64),
    text: z.string().max(MAX_TEXT_LENGTH),
  }),
  z.object({
    ...common,
    kind: z.literal("webhook"),
    source: z.string().min(1).max(128),
    body: z.unknown(),
  }),
  z.object({
    ...common,
    kind: z.literal("install"),
  }),
]);
export type InboundEvent = z.infer<typeof inboundEventSchema>;
export type InboundKind = InboundEvent["kind"];
export type MessageEvent = Extract<InboundEvent, { kind: "message" }>;
export type ActionEvent = Extract<InboundEvent, { kind: "action" }>;
export type CommandEvent = Extract<InboundEvent, { kind: "command" }>;

/** A button on a card. `value` comes back verbatim in the action event. */
export interface CardAction {
  id: string;
  label: string;
  value: Record<string, string>;
  style?: "primary" | "danger";
  /** A link button instead of an action. */
  url?: string;
  /**
   * The button does not take the card's inputs (e.g. "We have no agreement with Microsoft" next
   * to a required agreement field): pressed as is — no form, no prompt, no required-field check.
   */
  withoutInputs?: boolean;
}

/** A form field on a card (Slack modal input, Adaptive Card Input.*, shell prompt). */
export interface CardInput {
  id: string;
  label: string;
  kind: "text" | "multiline" | "choice";
  choices?: { value: string; label: string }[];
  value?: string;
  placeholder?: string;
  required?: boolean;
}

export interface CardFact {
  label: string;
  value: string;
}

/** A platform-neutral card: rendered as Block Kit, an Adaptive Card, or terminal text. */
export interface Card {
  title: string;
  subtitle?: string;
  body?: string;
  facts?: CardFact[];
  inputs?: CardInput[];
  actions?: CardAction[];
  /** Small print under the card: sources, clocks, hints. */
  context?: string[];
}

export type Visibility = "public" | "internal";

/** What the core asks an adapter to deliver. */
export interface OutboundMessage {
  target: ConversationRef;
  text?: string;
  card?: Card;
  /** `internal` messages only ever go to engineers' conversations. */
  visibility: Visibility;
  /**
   * A logical key for messages that change later (a case card, an escalation ping): a message
   * with the same key and target updates the message already sent instead of posting a new one.
   */
  replaceKey?: string;
  /** Update this platform message (the one whose button was pressed) instead of posting. */
  updateMessageId?: string;
  lang?: Language;
  /**
   * After delivery, link the sent message's thread to this case, so replies under it (a Slack
   * thread, a Teams reply chain) are understood as being about the case.
   */
  linkCase?: { caseId: string; role: ThreadRole };
  /**
   * An escalation ping that must not be lost: when the platform refuses it for good (the bot was
   * removed, the channel archived), it goes to the next target of its level instead, and the
   * audit and the case's cards say so (bot/escalations/fallback.ts).
   */
  fallback?: PingFallback;
}

/** Where an escalation ping goes when its own target cannot be reached. */
export interface PingFallback {
  caseId: string;
  caseNumber: number;
  /** Who the ping was for, as people read it: "Lee Chen", "#support-engineers". */
  recipient: string;
  /** The next targets, in order: each is tried when the one before it is refused too. */
  next: { target: ConversationRef; label: string }[];
}

export type ThreadRole = "customer" | "engineers" | "partner";

/** An outbound message as stored in the outbox and handed to an adapter. */
export interface OutboundDelivery {
  id: string;
  idempotencyKey: string;
  attempt: number;
  message: OutboundMessage;
}

/**
 * The result an adapter reports for one delivery. `throttled`: the platform said "later" (a rate
 * limit, a 503 with Retry-After) — nothing is wrong with the message, so it costs no attempt.
 */
export type DeliveryResult =
  { ok: true; platformMessageId?: string } | { ok: false; retryable: boolean; error: string; retryAfterMs?: number; throttled?: boolean };

/** Formats a thread-aware conversation key, e.g. for conversation state and links. */
export function conversationKey(ref: ConversationRef): string {
  return `${ref.platform}:${ref.conversationId}:${ref.threadId ?? ""}`;
}
