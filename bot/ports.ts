/**
 * What a platform adapter may use of the core, and what it offers in return. An adapter is a
 * `ChatAdapter`: a platform name and a `mount(host)` that registers its routes, its deliverer,
 * its file reader and its start/stop hooks on the `AdapterHost` it is given. The composition
 * root (app/) builds one host per adapter; adapters never see the app itself.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { Clock } from "../core/clock.ts";
import type { Database } from "../db/client.ts";
import type { KnowledgeBase } from "../knowledge/index.ts";
import type { HandleResult } from "./bot.ts";
import type { InboundEvent } from "./events.ts";
import type { Platform } from "../core/vocabulary.ts";
import type { FileReader } from "./files.ts";
import type { EngineerQueue } from "./cases/queue.ts";
import type { FeatureKey } from "./feature-registry.ts";
import type { PeopleService } from "./people/service.ts";
import type { TenantDirectory } from "./people/tenants.ts";
import type { Admission } from "./runtime/deliveries.ts";
import type { DeliveryOutcome } from "./runtime/delivery-notices.ts";
import type { Deliverer } from "./runtime/dispatcher.ts";
import type { ThreadQueries } from "./runtime/threads.ts";

/** A request handler on the shared HTTP server; `params` holds the path's `:name` parts. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, params: Record<string, string>) => void | Promise<void>;

/** Work run when the app starts (after the port is bound) or stops (before the database closes). */
export type LifecycleHook = () => Promise<void> | void;

/** One platform adapter: its platform name and how it mounts itself on a host. */
export interface ChatAdapter<C = undefined> {
  readonly platform: Platform;
  mount(host: AdapterHost<C>): Promise<void> | void;
}

/** What the core answers adapters: they render these, they do not compute them. */
export interface CoreQueries {
  /** Who a platform user is to Switchboard (undefined: not known). */
  people: Pick<PeopleService, "resolve" | "invalidate">;
  /** Which threads the bot takes part in. */
  threads: ThreadQueries;
  /** Which organization a platform's tenant (workspace, Microsoft tenant) belongs to. */
  tenants: TenantDirectory;
  /** An engineer's queue and a person's own cases, as shown on a home tab. */
  queue: EngineerQueue;
  /** Documentation search, as the bot answers questions. */
  documentation: Pick<KnowledgeBase, "search">;
  /** A feature's service (the adapter names the feature it serves); undefined when the app runs without it. */
  feature<S>(key: FeatureKey<S>): S | undefined;
  /** Records a request refused for its signature or token (bot/audit/denied.ts). */
  refusedRequest(platform: Platform, path: string, reason: string, from: string | undefined): Promise<void>;
}

/** Everything an adapter receives when it is mounted. */
/** What a readiness check found: a short status ("ok" when fine) and, when not fine, why. */
export interface ReadinessCheck {
  status: string;
  /** False when this state should take the replica out of the load balancer. */
  ready: boolean;
  /** For the log only. */
  reason?: string | undefined;
}

export interface AdapterHost<C = undefined> {
  /** The adapter's own settings, validated with the rest of the configuration at startup. */
  readonly config: C;
  readonly clock: Clock;
  /** A child logger named for the adapter. */
  readonly log: Logger;
  readonly queries: CoreQueries;
  /** The database, for tables only this adapter reads and writes (never the core's). */
  readonly storage: Database;
  /** Runs an event through the bot (dedupe, identity, handlers, outbox). */
  handle(event: InboundEvent, options?: { admitted?: Admission }): Promise<HandleResult>;
  /** Records an event before the platform is acknowledged; hand the admission to `handle`. */
  admit(event: InboundEvent): Promise<Admission>;
  /** Serves `method path` on the shared HTTP server. */
  route(method: string, path: string, handler: RouteHandler): void;
  onStart(hook: LifecycleHook): void;
  onStop(hook: LifecycleHook): void;
  /** A check /readyz runs under `name` (the platform connection); `ready: false` makes the replica unready. */
  onReadiness(name: string, check: () => ReadinessCheck | Promise<ReadinessCheck>): void;
  /** Delivers the outbox's messages of the deliverer's platform. */
  registerDeliverer(deliverer: Deliverer): void;
  /** Reads files people attach on the reader's platform. */
  registerFileReader(reader: FileReader): void;
  /**
   * Resolves once the outbox message under `key` is delivered or given up — here or, in scaled
   * mode, by another replica — or with "timed-out" after `timeoutMs`.
   */
  delivered(key: string, timeoutMs: number): Promise<DeliveryOutcome>;
}
