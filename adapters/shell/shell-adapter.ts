/**
 * The shell adapter: a conversation with the bot in the terminal, as a demo person, with no
 * credentials and no network. Lines become message events; a number presses a button; messages
 * for other conversations (the engineers' channel, an admin channel, another person) are shown
 * with their destination so the whole flow of a case can be followed from one terminal.
 */
import readline from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Deliverer } from "../../bot/runtime/dispatcher.ts";
import type { ActionEvent, DeliveryResult, InboundEvent, MessageEvent, OutboundDelivery } from "../../bot/events.ts";
import { formatText, renderCard, type NumberedAction } from "./render.ts";

export interface ShellOptions {
  input: Readable;
  output: Writable;
  /** The shell identity to start as (see the demo import file). */
  person?: string;
  color?: boolean;
  /** Processes an event; resolves with the idempotency keys of the replies it queued. */
  handle(event: InboundEvent): Promise<string[]>;
  /** Called on /quit or end of input. */
  onExit?(): void;
}

const ROLE_IDENTITIES: Record<string, string> = {
  employee: "employee",
  empleado: "empleada",
  empleada: "empleada",
  admin: "admin",
  engineer: "engineer",
  ingeniero: "engineer",
  manager: "manager",
  partner: "partner",
};

export class ShellAdapter implements Deliverer {
  readonly platform = "shell" as const;
  private person: string;
  private readonly session = Date.now().toString(36);
  private counter = 0;
  private nextAction = 1;
  private nextMessage = 1;
  private readonly actions = new Map<number, NumberedAction>();
  private readonly delivered = new Set<string>();
  private rl: readline.Interface | undefined;
  private readonly color: boolean;
  /** Lines are handled one at a time, in order, each after the replies of the previous one. */
  private queue: Promise<void> = Promise.resolve();
  private readonly waiters = new Map<string, () => void>();

  constructor(private readonly options: ShellOptions) {
    this.person = options.person ?? "employee";
    this.color = options.color ?? false;
  }

  /** The conversation the current demo person talks in. */
  get conversationId(): string {
    return `dm:${this.person}`;
  }

  start(): void {
    this.rl = readline.createInterface({ input: this.options.input, output: this.options.output, terminal: false });
    this.write(
      formatText(
        `Switchboard shell — you are *${this.person}*. Type *help* to begin, */as engineer* to switch person, */quit* to leave.`,
        this.color,
      ),
    );
    this.rl.on("line", (line) => {
      this.queue = this.queue.then(() => this.onLine(line));
    });
    this.rl.on("close", () => {
      void this.queue.then(() => this.options.onExit?.());
    });
  }

  stop(): void {
    this.rl?.close();
  }

  /** Delivers a message: shown once per idempotency key, labelled when it is for elsewhere. */
  async deliver(delivery: OutboundDelivery & { existingMessageId?: string }): Promise<DeliveryResult> {
    if (this.delivered.has(delivery.idempotencyKey)) return { ok: true, platformMessageId: delivery.existingMessageId };
    this.delivered.add(delivery.idempotencyKey);
    this.waiters.get(delivery.idempotencyKey)?.();
    const { message } = delivery;
    const messageId = delivery.existingMessageId ?? `shell-msg-${this.nextMessage++}`;
    const here = message.target.conversationId === this.conversationId;
    const label = here
      ? ""
      : `→ ${message.target.conversationId.startsWith("dm:") ? message.target.conversationId.slice(3) : `#${message.target.conversationId}`}${message.visibility === "internal" ? " (internal)" : ""}\n`;
    const parts: string[] = [];
    if (delivery.existingMessageId) parts.push("(updated)");
    if (message.text) parts.push(formatText(message.text, this.color));
    if (message.card) {
      const rendered = renderCard(message.card, this.nextAction, messageId, this.color);
      this.nextAction += rendered.actions.length;
      for (const action of rendered.actions) this.actions.set(action.number, action);
      parts.push(rendered.text);
    }
    this.write(`${label}${parts.join("\n")}`.replace(/^/gm, here ? "" : "   ").replace(/^ {3}→/, "→"));
    return { ok: true, platformMessageId: messageId };
  }

  private write(text: string): void {
    this.options.output.write(`${text}\n`);
  }

  private async onLine(raw: string): Promise<void> {
    const line = raw.trim();
    if (!line) return;
    if (line === "/quit" || line === "/exit") {
      this.stop();
      return;
    }
    if (line === "/whoami") {
      this.write(`You are ${this.person}.`);
      return;
    }
    const as = /^\/as\s+(\S+)/i.exec(line);
    if (as) {
      const wanted = as[1]!.toLowerCase();
      this.person = ROLE_IDENTITIES[wanted] ?? wanted;
      this.write(`You are now ${this.person}.`);
      return;
    }
    const pressed = /^\d+$/.test(line) ? this.actions.get(Number(line)) : undefined;
    try {
      const keys = await this.options.handle(pressed ? await this.actionEvent(pressed) : this.messageEvent(line));
      await this.delivery(keys);
    } catch (error) {
      this.write(`(could not process that: ${(error as Error).message})`);
    }
  }

  /** Waits until the replies are shown (the dispatcher delivers them), at most a few seconds. */
  private async delivery(keys: string[], timeoutMs = 5_000): Promise<void> {
    const pending = keys.filter((key) => !this.delivered.has(key));
    if (pending.length === 0) return;
    await Promise.race([
      Promise.all(pending.map((key) => new Promise<void>((resolve) => this.waiters.set(key, resolve)))),
      new Promise((resolve) => setTimeout(resolve, timeoutMs).unref()),
    ]);
    for (const key of pending) this.waiters.delete(key);
  }

  private base() {
    this.counter += 1;
    return {
      platform: "shell" as const,
      deliveryId: `shell-${this.session}-${this.counter}`,
      receivedAt: new Date(),
      actor: { platform: "shell" as const, externalId: this.person, displayName: this.person },
      conversation: { platform: "shell" as const, conversationId: this.conversationId, kind: "personal" as const },
    };
  }

  private messageEvent(text: string): MessageEvent {
    return { ...this.base(), kind: "message", text };
  }

  private async actionEvent(pressed: NumberedAction): Promise<ActionEvent> {
    const inputs: Record<string, string> = {};
    if (!pressed.action.withoutInputs) for (const input of pressed.inputs ?? []) inputs[input.id] = await this.ask(`${input.label}: `);
    return {
      ...this.base(),
      kind: "action",
      actionId: pressed.action.id,
      value: pressed.action.value,
      inputs,
      messageId: pressed.messageId,
    };
  }

  private ask(question: string): Promise<string> {
    return new Promise((resolve) => {
      if (!this.rl) return resolve("");
      this.rl.question(question, resolve);
    });
  }
}
