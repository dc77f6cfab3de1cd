/**
 * Routes an event to its handler: button actions by id, webhooks by source, and text by command
 * shortcut. Commands are strict on purpose — the verb, then a case number where one is needed —
 * so that plain sentences ("help me, the bar is dead") go to the conversation handler instead of
 * being mistaken for a command. In a case's thread the number may be left out, when what follows
 * the verb is what the command takes ("close", "severity sev2"; bot/cases/thread.ts).
 */
import type { Context } from "./context.ts";
import type { ActionEvent, SharedFile } from "./events.ts";
import type { Middleware } from "./pipeline.ts";
import { parseCaseRef, stripCaseRef } from "./cases/refs.ts";
import { caseOfThread, fitsCaseThread } from "./cases/thread.ts";
import type { TriageResult } from "./triage/index.ts";
import type { Action, Intent } from "../core/vocabulary.ts";
import { startsASentence } from "./understanding/index.ts";

export interface CommandArgs {
  /** The canonical verb, e.g. "comment". */
  verb: string;
  /** What follows the verb, without the case reference. */
  rest: string;
  caseNumber: number | undefined;
}

export type CommandHandler = (ctx: Context, args: CommandArgs) => Promise<void>;
/** Handles a plain sentence whose intent the triage recognized. */
export type IntentHandler = (ctx: Context, triage: TriageResult) => Promise<void>;
export type ActionHandler = (ctx: Context, event: ActionEvent) => Promise<void>;
export type EventHandler = (ctx: Context) => Promise<void>;
/** The files of a message; returns false to have the message's text routed as usual. */
export type FilesHandler = (ctx: Context, files: SharedFile[]) => Promise<boolean>;
/**
 * A step a feature adds to the conversation once the triage has read the sentence, before the
 * kernel's own decisions; returns whether it took the sentence.
 */
export type ConversationStage = (ctx: Context, triage: TriageResult) => Promise<boolean>;
/** Plain sentences; gets the router to hand recognized intents to their handlers. */
export type ConversationHandler = (ctx: Context, router: Router) => Promise<void>;

export interface CommandSpec {
  verb: string;
  handler: CommandHandler;
  /** The actions the command does (bot/understanding): a sentence that starts with its word may be another. */
  actions: readonly Action[];
  /** "none": the verb alone (plus options); "case": a case number must follow the verb. */
  needs: "none" | "case" | "text";
}

/** Lower-case, accents removed, leading slash and @mentions dropped, spaces collapsed. */
export function normalizeCommandText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/<@[^<>]+>/g, " ")
    .replace(/^\s*\//, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

export class Router {
  private readonly commands = new Map<string, CommandSpec>();
  private readonly actions = new Map<string, ActionHandler>();
  private readonly webhooks = new Map<string, EventHandler>();
  private readonly intents = new Map<Intent, IntentHandler>();
  private conversation: ConversationHandler | undefined;
  private install: EventHandler | undefined;
  private filesHandler: FilesHandler | undefined;
  private readonly pasteHandlers: ((ctx: Context) => Promise<boolean>)[] = [];
  private readonly warmers: (() => void)[] = [];

  /** Registers a command under its words in every language (the first is the canonical verb). */
  command(words: string[], needs: CommandSpec["needs"], handler: CommandHandler, action?: Action | readonly Action[]): this {
    const verb = words[0]!;
    const actions: readonly Action[] = action === undefined ? [] : typeof action === "string" ? [action] : action;
    for (const word of words) this.commands.set(normalizeCommandText(word), { verb, handler, needs, actions });
    return this;
  }

  /** The canonical verb of the command word a text starts with, whatever follows it. */
  commandVerbOf(text: string): string | undefined {
    return this.findVerb(text)?.spec.verb;
  }

  action(id: string, handler: ActionHandler): this {
    this.actions.set(id, handler);
    return this;
  }

  webhook(source: string, handler: EventHandler): this {
    this.webhooks.set(source, handler);
    return this;
  }

  /** Plain sentences with this intent (see bot/triage and the conversation handler). */
  intent(intent: Intent, handler: IntentHandler): this {
    this.intents.set(intent, handler);
    return this;
  }

  /** The handler registered for an intent, if any. */
  intentHandler(intent: Intent): IntentHandler | undefined {
    return this.intents.get(intent);
  }

  /** Free text that is not a command. */
  otherwise(handler: ConversationHandler): this {
    this.conversation = handler;
    return this;
  }

  /** Messages that carry files; the handler runs before any command or sentence matching. */
  files(handler: FilesHandler): this {
    this.filesHandler = handler;
    return this;
  }

  /**
   * A message that is no command but may be something pasted a feature reads (a list of serials);
   * runs before the conversation and returns whether it took the message.
   */
  pasted(handler: (ctx: Context) => Promise<boolean>): this {
    this.pasteHandlers.push(handler);
    return this;
  }

  /** Work to do once the app is up rather than on the first message (training the understanding). */
  onWarm(work: () => void): this {
    this.warmers.push(work);
    return this;
  }

  /** Runs the warm-up work (the app calls it right after it is ready). */
  warm(): void {
    for (const work of this.warmers) work();
  }

  onInstall(handler: EventHandler): this {
    this.install = handler;
    return this;
  }

  /**
   * Finds the command a text is, if it is one. `threadCase` is the case of the thread the text was
   * written in: there a case command may leave out the number ("close", "severity sev2"), when what
   * follows the verb is what that command takes (bot/cases/thread.ts).
   */
  matchCommand(text: string, threadCase?: number): { spec: CommandSpec; args: CommandArgs } | undefined {
    const found = this.findVerb(text);
    if (!found) return undefined;
    const { spec, afterVerb } = found;
    const caseNumber = parseCaseRef(afterVerb);
    // The case reference must come right after the verb: "close CS-10422", not "close the CS-10422 thing".
    const caseFirst = /^\s*cs(?:\s*[-#])?\s*\d{5,7}\b/i.test(afterVerb);
    if (spec.needs === "case" && !caseFirst) {
      if (threadCase === undefined || !fitsCaseThread(spec.verb, afterVerb)) return undefined;
      return { spec, args: { verb: spec.verb, rest: afterVerb.trim(), caseNumber: threadCase } };
    }
    if (spec.needs === "none" && afterVerb.split(/\s+/).filter(Boolean).length > 2) return undefined;
    return { spec, args: { verb: spec.verb, rest: caseFirst ? stripCaseRef(afterVerb) : afterVerb.trim(), caseNumber } };
  }

  /** The command whose words start the text (the longest phrase wins), and what follows them. */
  private findVerb(text: string): { spec: CommandSpec; afterVerb: string } | undefined {
    // Punctuation stuck to a word does not change it: "ciérralo, gracias", "status?".
    const words = normalizeCommandText(text)
      .split(" ")
      .map((word) => word.replace(/(?<=[a-z0-9])[,.;:!?]+$/, ""));
    for (const length of [3, 2, 1]) {
      const spec = this.commands.get(words.slice(0, length).join(" "));
      if (!spec) continue;
      const original = text
        .replace(/<@[^<>]+>/g, " ")
        .replace(/^\s*\//, "")
        .trim();
      return { spec, afterVerb: original.split(/\s+/).slice(length).join(" ") };
    }
    return undefined;
  }

  /** A case command without its number, written in a case's thread: the thread's case is meant. */
  private async matchInCaseThread(ctx: Context): Promise<{ spec: CommandSpec; args: CommandArgs } | undefined> {
    if (!ctx.viewer || !ctx.event.conversation.threadId || this.findVerb(ctx.text)?.spec.needs !== "case") return undefined;
    const view = await caseOfThread(ctx);
    return view ? this.matchCommand(ctx.text, view.number) : undefined;
  }

  /**
   * Some command words start ordinary sentences too ("update on 10005?", "software keeps
   * crashing", "parts of the bar are loose"). A typed message whose word is a free-text command's
   * and that goes on for a while is a sentence: the conversation reads it, with the command as
   * strong evidence (`ctx.command`), and runs the command when the reading agrees.
   */
  private isSentence(ctx: Context, match: { spec: CommandSpec; args: CommandArgs }): boolean {
    return ctx.event.kind !== "command" && startsASentence(match.spec, match.args.rest);
  }

  middleware(): Middleware<Context> {
    return async (ctx) => {
      const { event } = ctx;
      switch (event.kind) {
        case "action": {
          const handler = this.actions.get(event.actionId);
          if (!handler) {
            ctx.log.warn({ actionId: event.actionId }, "unknown action");
            ctx.reply({ text: ctx.t("error.unknownCommand", { command: event.actionId }) });
            return;
          }
          return handler(ctx, event);
        }
        case "webhook": {
          const handler = this.webhooks.get(event.source);
          if (!handler) {
            ctx.log.warn({ source: event.source }, "webhook without a handler");
            return;
          }
          return handler(ctx);
        }
        case "install":
          return this.install?.(ctx);
        case "command":
        case "message": {
          if (event.kind === "message" && event.files?.length && (await this.filesHandler?.(ctx, event.files))) return;
          const match = this.matchCommand(ctx.text) ?? (await this.matchInCaseThread(ctx));
          if (match && !this.isSentence(ctx, match)) return match.spec.handler(ctx, match.args);
          if (match) ctx.command = match;
          if (event.kind === "message") for (const handler of this.pasteHandlers) if (await handler(ctx)) return;
          if (event.kind === "command" && ctx.text.trim() === "") {
            const help = this.commands.get("help");
            if (help) return help.handler(ctx, { verb: "help", rest: "", caseNumber: undefined });
          }
          return this.conversation?.(ctx, this);
        }
      }
    };
  }
}
