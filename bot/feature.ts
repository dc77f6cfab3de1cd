/**
 * The feature contract. A feature is a folder under bot/ whose `index.ts` declares, as data, what
 * the kernel needs to know of it: its name, its messages, its help lines, its commands (trigger
 * words, what follows the verb, who may use them), its buttons and intents, its timers, its seed
 * data, and `create(core)`, which builds its service. The one list of features is
 * app/features.ts; the router, the help, the message catalog and the timer table are built from
 * it, so no kernel file names a feature. docs/architecture.md has the rules and the recipes.
 */
import type { Logger } from "pino";
import type { Tx } from "../db/client.ts";
import type { Context } from "./context.ts";
import type { Action, Intent, Role } from "../core/vocabulary.ts";
import type { Reading } from "./understanding/index.ts";
import type { FeatureKey, HelpLine } from "./feature-registry.ts";
import { registerMessages, type Translator } from "./i18n/index.ts";
import type { MessageCatalog } from "./i18n/define.ts";
import type {
  ActionHandler,
  CommandHandler,
  ConversationHandler,
  ConversationStage,
  EventHandler,
  FilesHandler,
  IntentHandler,
} from "./router.ts";
import type { DueTimer } from "./runtime/timers.ts";
import { addCaseCardButtons, type CaseCardButtons } from "./cases/card-buttons.ts";
import type { Services } from "./services.ts";

export type { HelpLine, HelpSection } from "./feature-registry.ts";

/** A command typed in chat: `rma`, `parts <part> <model>`, `close CS-10422`. */
export interface CommandDeclaration {
  /** The trigger words in English and Spanish; the first is the canonical verb. */
  words: readonly string[];
  /** What must follow the words: nothing (options at most), a case number, or free text. */
  slots: "none" | "case" | "text";
  /** Who the command is for; the services still decide what each person may do. */
  roles: readonly Role[] | "everyone";
  handler: CommandHandler;
  /**
   * The action the command is (bot/understanding). A free-text command's word may start a sentence
   * that is something else ("update on CS-10005?"): with an action, such a sentence is read first.
   */
  action?: Action | readonly Action[];
}

/** Handles a sentence the understanding read as one action (bot/understanding). */
export type ReadingHandler = (ctx: Context, reading: Reading) => Promise<void>;

/**
 * Something a person may ask for in their own words. The examples (English and Spanish, as people
 * write them) are what the understanding learns the action from; the command words above stay the
 * strict short forms.
 */
export interface ActionDeclaration {
  action: Action;
  /** Who may ask for it; other roles' sentences are never read as this action. */
  roles: readonly Role[] | "everyone";
  /**
   * Changes data or tells other people (an order, a visit, an escalation): taken from a sentence
   * only on clear evidence, otherwise confirmed with a button first.
   */
  changes?: boolean;
  examples: readonly string[];
  handler: ReadingHandler;
}

/** A button, by the action id its cards carry. */
export interface ButtonDeclaration {
  id: string;
  handler: ActionHandler;
}

/** A plain sentence whose intent the triage recognized. */
export interface IntentDeclaration {
  intent: Intent;
  handler: IntentHandler;
}

/** A signed webhook's events, by the source the adapter gives them. */
export interface WebhookDeclaration {
  source: string;
  handler: EventHandler;
}

/** A kind of row in the timer table and what firing one does. */
export interface TimerDeclaration<S> {
  kind: string;
  fire(service: S, tx: Tx, timer: DueTimer, firedAt: Date, core: Services): Promise<void>;
}

/** The installation's settings a feature may read. */
export interface FeatureSettings {
  /** A demo installation: seed the feature's demo data into an empty database. */
  seedDemo: boolean;
  /** Where the document links come from (DOCUMENTS_FILE); the demo list otherwise. */
  documentsFile?: string;
  /** The endpoints of the network check (NETWORK_CHECK_FILE); the defaults otherwise. */
  networkCheckFile?: string;
}

/** What `create` and `seed` receive: the kernel's services and the installation's settings. */
export interface FeatureCore {
  services: Services;
  settings: FeatureSettings;
  log: Logger;
  /** Wakes the outbox after messages were committed. */
  committed(): void;
  /** Wakes the timer scheduler for a timer due at `dueAt`. */
  wake(dueAt: Date): void;
}

/** What a feature's `index.ts` declares. */
export interface FeatureDeclaration<S> {
  readonly name: string;
  /** The features whose public index.ts this one imports (docs/architecture.md). */
  uses?: readonly string[];
  messages: MessageCatalog<Record<string, string>>;
  readonly help?: readonly HelpLine[];
  commands?: readonly CommandDeclaration[];
  buttons?: readonly ButtonDeclaration[];
  intents?: readonly IntentDeclaration[];
  /** What people ask for in their own words (bot/understanding). */
  actions?: readonly ActionDeclaration[];
  webhooks?: readonly WebhookDeclaration[];
  /** Messages with files; returns false to have the text routed as usual. */
  files?: FilesHandler;
  /** Something pasted the feature reads (a list of serials); returns whether it took the message. */
  pasted?: (ctx: Context) => Promise<boolean>;
  /** Looks at plain sentences before the conversation does; calls `next` for the rest. */
  beforeConversation?: (next: ConversationHandler) => ConversationHandler;
  /**
   * Looks at a plain sentence once the triage has read it, before the kernel's own decisions
   * (cancel, a remark on a recent case, the intents); the features' stages run in list order.
   */
  afterTriage?: ConversationStage;
  /** Buttons the feature adds to every case card, after the case's own and before "view". */
  caseCardButtons?: CaseCardButtons;
  timers?: readonly TimerDeclaration<S>[];
  /** The refusal shown (worded with `t`) when the app runs without the feature. */
  unavailable(t: Translator): Error;
  /** Demo data for an empty database; run once at start-up, replicas taking turns. */
  seed?(core: FeatureCore): Promise<void>;
  create(core: FeatureCore): S | Promise<S>;
}

/** A declared feature: its declaration and the accessor handlers use to reach its service. */
export interface Feature<S = unknown> extends FeatureDeclaration<S>, FeatureKey<S> {
  /** The feature's service, or its "unavailable" refusal when the app was built without it. */
  of(ctx: Context): S;
}

/**
 * Declares a feature. Its messages join the catalog and its case-card buttons join the case card
 * here, so whatever loads the declaration can translate the feature's keys and show its buttons.
 */
export function defineFeature<S>(declaration: FeatureDeclaration<S>): Feature<S> {
  registerMessages(declaration.messages);
  if (declaration.caseCardButtons) addCaseCardButtons(declaration.caseCardButtons);
  const feature: Feature<S> = { ...declaration, of: (ctx) => ctx.services.features.require(feature, ctx.t) };
  return feature;
}
