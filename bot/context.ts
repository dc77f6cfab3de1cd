/**
 * The context of one inbound event: the event, a child logger, the services, the person, the
 * reply language, and the verbs handlers use to answer. Replies are collected and written to the
 * outbox when the handler is done, keyed by the delivery id so a resumed event never sends twice.
 */
import type { Logger } from "pino";
import type { Viewer } from "./authz.ts";
import { audienceOf, type Audience } from "./audience.ts";
import type { Card, InboundEvent, OutboundMessage, Visibility } from "./events.ts";
import type { Language } from "../core/vocabulary.ts";
import { translator, type Translator } from "./i18n/index.ts";
import type { Services } from "./services.ts";
import type { TriageResult } from "./triage/index.ts";
import type { Origin } from "./cases/service.ts";
import type { CommandArgs, CommandSpec } from "./router.ts";
import type { Reading } from "./understanding/index.ts";

export interface ReplyContent {
  text?: string;
  card?: Card;
  /** Update this earlier message in place (e.g. the card whose button was pressed). */
  replaceKey?: string;
  /** Update the message whose button was pressed (action events) instead of posting a new one. */
  inPlace?: boolean;
  visibility?: Visibility;
}

export class Context {
  viewer: Viewer | undefined;
  private language: Language = "en";
  private translate: Translator = translator("en");
  readonly outbound: OutboundMessage[] = [];
  /** In-place card updates the adapter returns in its HTTP response (see ActionEvent.respondInline). */
  readonly inline: OutboundMessage[] = [];
  /** The triage of this message, once the conversation handler has run it. */
  triage: TriageResult | undefined;
  /** The command word this message starts with, when the router left the sentence to the conversation. */
  command: { spec: CommandSpec; args: CommandArgs } | undefined;
  /** How the understanding read this message (bot/understanding), once the conversation ran. */
  reading: Reading | undefined;
  /** Free-form values middleware leaves for later middleware and handlers. */
  readonly state: Record<string, unknown> = {};
  /** Replies that close the turn, after whatever the handlers answer (see replyAtEnd). */
  private readonly closing: (ReplyContent | (() => ReplyContent | undefined))[] = [];

  constructor(
    readonly event: InboundEvent,
    readonly services: Services,
    public log: Logger,
  ) {}

  get lang(): Language {
    return this.language;
  }

  set lang(value: Language) {
    this.language = value;
    this.translate = translator(value);
  }

  /** Translates into the reply language. */
  get t(): Translator {
    return this.translate;
  }

  /** A sentence a button carries back ("Do you want to: …"), handled as if it had been typed now. */
  private carried: string | undefined;

  /** The text of a message or command, the sentence a button carries back, "" otherwise. */
  get text(): string {
    if (this.carried !== undefined) return this.carried;
    return this.event.kind === "message" || this.event.kind === "command" ? this.event.text : "";
  }

  /** Handles the rest of this event as the sentence `text` (a button that carries what was said). */
  carry(text: string): void {
    this.carried = text;
  }

  /** Where this action came from, for the services (audit, idempotency, no echo). */
  get origin(): Origin {
    return {
      platform: this.event.platform,
      conversation: this.event.conversation,
      originKey: `${this.event.platform}:${this.event.deliveryId}`,
    };
  }

  /** The viewer, for handlers that run after the identity middleware. */
  get person(): Viewer {
    if (!this.viewer) throw new Error("no person resolved for this event");
    return this.viewer;
  }

  private readers: Promise<Audience> | undefined;

  /**
   * Who reads the replies in this conversation (bot/audience.ts): what every case card, timeline
   * and internal detail in a reply is rendered for. Looked up once per event.
   */
  audience(): Promise<Audience> {
    this.readers ??= audienceOf(this.services, this.event.conversation, this.viewer);
    return this.readers;
  }

  /** Answers in the conversation and thread the event came from. */
  reply(content: ReplyContent): void {
    if (this.leading !== undefined && !content.inPlace && !content.replaceKey) {
      content = { ...content, text: content.text ? `${this.leading}\n${content.text}` : this.leading };
      this.leading = undefined;
    }
    const inline = content.inPlace === true && this.event.kind === "action" && this.event.respondInline === true;
    (inline ? this.inline : this.outbound).push({
      target: this.event.conversation,
      text: content.text,
      card: content.card,
      replaceKey: content.replaceKey,
      updateMessageId: content.inPlace && this.event.kind === "action" ? this.event.messageId : undefined,
      visibility: content.visibility ?? "public",
      lang: this.language,
    });
  }

  /**
   * A short reply that comes after everything else this turn answers, whoever answers it: a
   * feature that lets a sentence go to another handler ("(I still need: since when?)"). A
   * function is called when the turn ends, and may find the reply no longer holds (undefined).
   */
  replyAtEnd(content: ReplyContent | (() => ReplyContent | undefined)): void {
    this.closing.push(content);
  }

  /** A line said at the head of this turn's next reply ("Got it: …" above the next question), in one message with it. */
  private leading: string | undefined;

  lead(text: string): void {
    this.leading = this.leading === undefined ? text : `${this.leading}\n${text}`;
  }

  /** Adds the closing replies to the outbound messages; the reply flush calls it once. */
  closeTurn(): void {
    if (this.leading !== undefined) this.reply({ text: this.leading });
    for (const closing of this.closing.splice(0)) {
      const content = typeof closing === "function" ? closing() : closing;
      if (content) this.reply(content);
    }
  }

  /** Sends a message anywhere (another conversation, the engineers' channel). */
  send(message: OutboundMessage): void {
    this.outbound.push(message);
  }
}
