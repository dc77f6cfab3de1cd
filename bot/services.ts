/** The services a handler may call. Built once in the composition root (app/main.ts). */
import type { Database } from "../db/client.ts";
import type { KnowledgeBase } from "../knowledge/index.ts";
import type { LanguageModel } from "../core/llm.ts";
import type { Triage } from "./triage/index.ts";
import type { EscalationService } from "./escalations/service.ts";
import type { Catalog } from "../core/catalog.ts";
import type { Clock } from "../core/clock.ts";
import type { LanguageDetector } from "./language.ts";
import type { FileReaders } from "./files.ts";
import type { CaseService } from "./cases/service.ts";
import type { ConversationStates } from "./runtime/conversation-state.ts";
import type { SpokenLanguages } from "./people/spoken-language.ts";
import type { InboundDeliveries } from "./runtime/deliveries.ts";
import type { Directory } from "./people/directory.ts";
import type { DeniedLog } from "./audit/denied.ts";
import type { PeopleService } from "./people/service.ts";
import type { UndeliveredMessages } from "./runtime/undelivered.ts";
import type { DemoClock } from "./demo-clock.ts";
import type { FeatureRegistry } from "./feature-registry.ts";

export interface Services {
  db: Database;
  clock: Clock;
  catalog: Catalog;
  people: PeopleService;
  cases: CaseService;
  escalations: EscalationService;
  directory: Directory;
  deliveries: InboundDeliveries;
  states: ConversationStates;
  detectLanguage: LanguageDetector;
  /** The language each person last wrote in, for replies to texts that do not show one. */
  languages: SpokenLanguages;
  /** Documentation search (an empty index answers every question with "I couldn't find this"). */
  knowledge: KnowledgeBase;
  /** Understanding of plain sentences: intent, category, severity, entities, language. */
  triage: Triage;
  /** The optional language model; undefined without OPENAI_API_KEY. */
  llm: LanguageModel | undefined;
  /** The features the app was built with and their services; reach one with `<feature>.of(ctx)`. */
  features: FeatureRegistry;
  /** Reads files attached to messages, through the reader each chat adapter registers. */
  files: FileReaders;
  /** The audit trail of refused actions (rate-limited per actor). */
  denied: DeniedLog;
  /** Messages the outbox gave up on, for support staff. */
  undelivered: UndeliveredMessages;
  /** Wakes the outbox dispatcher after messages were committed outside a service. */
  outboxCommitted(): void;
  /** The shell's demo clock (`/clock`); undefined in production and whenever a chat platform is connected. */
  demoClock?: DemoClock;
}
