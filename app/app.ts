/**
 * The composition root: configuration → database (migrated) → services → bot → dispatcher,
 * scheduler and HTTP endpoints. Everything a process runs is built here, once.
 */
import { readFileSync } from "node:fs";
import { projectFile } from "../core/project-files.ts";
import type { Logger } from "pino";
import { Bot } from "../bot/bot.ts";
import type { Context } from "../bot/context.ts";
import type { Middleware } from "../bot/pipeline.ts";
import { DEMO_CATALOG_FILE, loadCatalog, type Catalog } from "../core/catalog.ts";
import { systemClock, type AdjustableClock, type Clock } from "../core/clock.ts";
import { createDemoClock } from "./demo-clock.ts";
import { FileReaders } from "../bot/files.ts";
import { createTriage } from "../bot/triage/index.ts";
import { detectLanguage } from "../core/text/language.ts";
import { registerCaseTimers } from "../bot/cases/timers.ts";
import { loadPolicies } from "../bot/escalations/policies.ts";
import { EscalationService } from "../bot/escalations/service.ts";
import { registerEscalationTimers } from "../bot/escalations/timers.ts";
import { PingFallbacks } from "../bot/escalations/fallback.ts";
import { OutboxDispatcher, type DispatcherOptions } from "../bot/runtime/dispatcher.ts";
import { DeliveryNotices } from "../bot/runtime/delivery-notices.ts";
import { TimerScheduler, type SchedulerOptions } from "../bot/runtime/scheduler.ts";
import { CaseService } from "../bot/cases/service.ts";
import { ConversationStates } from "../bot/runtime/conversation-state.ts";
import { SpokenLanguages } from "../bot/people/spoken-language.ts";
import { InboundDeliveries } from "../bot/runtime/deliveries.ts";
import { Directory } from "../bot/people/directory.ts";
import { DeniedLog } from "../bot/audit/denied.ts";
import { importData, parseImportFile, syncCatalog } from "../bot/people/importer.ts";
import type { Services } from "../bot/services.ts";
import { PeopleService } from "../bot/people/service.ts";
import { UndeliveredMessages } from "../bot/runtime/undelivered.ts";
import { openDatabase, type Database } from "../db/client.ts";
import { createLanguageModel } from "../core/llm.ts";
import { openKnowledgeBase, syncKnowledgeDirectory } from "../knowledge/index.ts";
import { applyMigrations, MigrationError } from "../db/migrate.ts";
import { databaseStartupError, listenStartupError } from "./startup-errors.ts";
import { readinessRoute } from "./readiness.ts";
import type { ReadinessCheck } from "../bot/ports.ts";
import type { Config } from "./config.ts";
import { HttpServer, sendJson, type HttpTimeouts, type RouteHandler } from "../adapters/http/server.ts";
import { bearerMatches, refuseMetrics } from "../adapters/http/metrics-access.ts";
import { createMetrics, type Metrics } from "./metrics.ts";
import { notifiedLevel } from "../bot/runtime/outbox-meta.ts";
import { llmFailureReason, meterKnowledge, meterLanguageModel } from "./instrumentation.ts";
import type { WakeBus } from "./wake-bus.ts";
import { withStartupLock } from "../db/startup-lock.ts";
import { mountAdapters } from "./adapters.ts";
import { FeatureRegistry } from "../bot/feature-registry.ts";
import type { FeatureCore } from "../bot/feature.ts";
import { features } from "./features.ts";
import { buildFeatures } from "./build-features.ts";

export const DEMO_DATA_FILE = projectFile("demo/demo-data.json");
/** Documentation of the demo products, ingested when no KNOWLEDGE_DIR is set on a demo installation. */
export const DEMO_DOCS_DIR = projectFile("demo/docs");

export interface AppOptions {
  log: Logger;
  clock?: Clock;
  /**
   * The shell's demo clock (only when the shell runs and no chat platform is connected): the app
   * runs on it and `/clock` moves it forward. Takes the place of `clock`.
   */
  demoClock?: AdjustableClock;
  dispatcher?: DispatcherOptions;
  scheduler?: SchedulerOptions;
  /** Metrics shared with the logger (main counts error lines into them); new ones otherwise. */
  metrics?: Metrics;
  /** Connection limits of the HTTP servers (adapters/http/server.ts DEFAULT_TIMEOUTS otherwise). */
  http?: Partial<HttpTimeouts>;
  /** Extra middleware run before the router (tests inject faults here; production passes none). */
  botMiddleware?: Middleware<Context>[];
}

export interface App {
  config: Config;
  log: Logger;
  db: Database;
  catalog: Catalog;
  services: Services;
  bot: Bot;
  dispatcher: OutboxDispatcher;
  scheduler: TimerScheduler;
  http: HttpServer;
  metrics: Metrics;
  /** The bound port of the separate metrics server (METRICS_PORT), once started; undefined without one. */
  metricsPort: number | undefined;
  /** Scaled mode: the Redis wake-up channel between replicas (REDIS_URL); undefined otherwise. */
  wakeBus: WakeBus | undefined;
  /**
   * Outbox messages delivered or given up, here or (scaled mode, replies) by another replica:
   * what adapters wait on through their host's `delivered(key)`.
   */
  deliveryNotices: DeliveryNotices;
  /**
   * A check /readyz runs (an adapter's platform connection): its status is shown under `name`,
   * and `ready: false` makes the replica unready. The reason goes to the log, never to the caller.
   */
  onReadiness(name: string, check: () => ReadinessCheck | Promise<ReadinessCheck>): void;
  /** Work to run when the app starts (after the port is bound) — adapters connect here. */
  onStart(hook: () => Promise<void> | void): void;
  /** Work to run when the app stops, before the database closes — adapters disconnect here. */
  onStop(hook: () => Promise<void> | void): void;
  /** Starts background work and listens on the configured port; returns the bound port. */
  start(): Promise<number>;
  /** Graceful stop: no new requests, in-flight work drained, connections closed. */
  stop(): Promise<void>;
}

/** Builds the app; migrations are applied and demo data seeded on an empty database. */
export async function createApp(config: Config, options: AppOptions): Promise<App> {
  const { log } = options;
  const clock = options.demoClock ?? options.clock ?? systemClock;
  const connectTimeoutMs = config.databaseConnectTimeoutMs;
  // A database that refuses, never answers or cannot be opened stops the start with one line.
  const unreachable = (error: unknown): never => {
    throw error instanceof MigrationError ? error : databaseStartupError(error, config.databaseUrl, connectTimeoutMs);
  };
  const migration = await applyMigrations(config.databaseUrl, { connectTimeoutMs }).catch(unreachable);
  if (migration.applied.length > 0) log.info({ applied: migration.applied }, "database migrated");
  const dbLog = log.child({ component: "database" });
  const db = await openDatabase(config.databaseUrl, {
    walLimitBytes: config.sqliteWalLimitBytes,
    onCheckpointError: (message) => dbLog.warn({ detail: message }, "write-ahead log checkpoint did not complete"),
    onSlowWait: (wait) =>
      dbLog.warn(
        { waitedMs: Math.round(wait.waitedMs), statement: wait.statement, outcome: wait.outcome },
        "slow database wait: the file is locked by another connection",
      ),
    // The pools drop the broken connection and reconnect on next use; /readyz says 503 meanwhile.
    onConnectionError: (error) => dbLog.warn({ err: error }, "database connection lost; reconnecting on next use"),
    connectTimeoutMs,
  }).catch(unreachable);
  const catalog = loadCatalog(config.catalogFile ?? DEMO_CATALOG_FILE);
  // Replicas starting together on one PostgreSQL take turns here (db/startup-lock.ts).
  const startupLock = <T>(work: () => Promise<T>) => withStartupLock(config.databaseUrl, work, connectTimeoutMs);
  await startupLock(async () => {
    await syncCatalog(db, catalog);
    if (config.seedDemoData && (await db.prisma.organization.count()) === 0) {
      const report = await importData(db, catalog, parseImportFile(readFileSync(DEMO_DATA_FILE, "utf8")));
      log.info({ created: report.created }, "demo data seeded (set SEED_DEMO_DATA=false to start empty)");
    }
  });

  const metrics = options.metrics ?? createMetrics();
  // Scaled mode: replicas tell each other when to look at the outbox and the timers at once
  // rather than at their next poll (app/wake-bus.ts). The rows stay the source of truth.
  const timerPollMs = options.scheduler?.idlePollMs ?? 1_000;
  // ioredis is loaded only when REDIS_URL is set.
  const wakeBus = config.redisUrl
    ? (await import("./wake-bus.ts")).connectWakeBus(config.redisUrl, config.scaling.redisPrefix, log.child({ component: "wake-bus" }), {
        timerWindowMs: timerPollMs,
      })
    : undefined;
  const deliveryNotices = new DeliveryNotices();
  const dispatcher = new OutboxDispatcher(db, clock, log.child({ component: "outbox" }), {
    leaseMs: config.scaling.outboxLeaseMs,
    giveUpAfterMs: config.outboxGiveUpAfterMs,
    ...options.dispatcher,
    onDelivered: (message, result, latencyMs) => {
      metrics.outboxDelivered.inc({ platform: message.platform, outcome: result.ok ? "sent" : result.retryable ? "retry" : "dead" });
      if (result.ok) {
        metrics.outboxLatency.observe({ platform: message.platform }, (clock.now().getTime() - message.createdAt.getTime()) / 1000);
        // Escalation notifications are counted when they reach the engineers.
        const level = notifiedLevel(message.meta);
        if (level !== undefined) metrics.escalations.inc({ level: String(level) });
      }
      if (result.ok || !result.retryable) {
        deliveryNotices.settled(message.idempotencyKey, result.ok ? "delivered" : "given-up");
        // Replies may be awaited by the replica that handled the event.
        if (wakeBus && message.meta.purpose === "reply") wakeBus.replyDelivered(message.idempotencyKey);
      }
      options.dispatcher?.onDelivered?.(message, result, latencyMs);
    },
    onReleased: wakeBus ? () => wakeBus.outboxReleased() : undefined,
  });
  const scheduler = new TimerScheduler(db, clock, log.child({ component: "timers" }), {
    ...options.scheduler,
    onWake: wakeBus ? (dueAt) => wakeBus.timerScheduled(dueAt) : undefined,
    onFired: (timers, firedAt) => {
      for (const timer of timers) {
        metrics.timersFired.inc({ kind: timer.kind });
        metrics.timerLateness.observe(Math.max(0, firedAt.getTime() - timer.dueAt.getTime()) / 1000);
      }
      dispatcher.kick();
      options.scheduler?.onFired?.(timers, firedAt);
    },
  });
  wakeBus?.onOutbox(() => dispatcher.kick());
  // The peer does not say whether it delivered or gave up; either way nobody should wait longer.
  wakeBus?.onReplyDelivered((key) => deliveryNotices.settled(key, "delivered"));
  wakeBus?.onTimer((dueAt) => scheduler.wakeForPeer(dueAt));
  const llm = createLanguageModel(config.llm);
  const knowledgeLog = log.child({ component: "knowledge" });
  // Knowledge goes on without the model whenever a call fails (lexical ranking, passages alone).
  const knowledgeLlm = meterLanguageModel(llm, "knowledge", metrics, (reason) =>
    metrics.llmFallbacks.inc({ feature: "knowledge", reason }),
  );
  const knowledge = await openKnowledgeBase(db, { catalog, llm: knowledgeLlm, logger: knowledgeLog });
  const directory = new Directory(db, clock);
  const kick = () => dispatcher.kick();
  const wake = (dueAt: Date) => scheduler.wake(dueAt);
  const escalations = new EscalationService(db, clock, directory, loadPolicies(config.escalationPoliciesFile), kick, wake);
  const cases = new CaseService(db, clock, directory, kick, wake, escalations);
  const states = new ConversationStates(db, clock);
  const services: Services = {
    db,
    clock,
    catalog,
    people: new PeopleService(db, clock, log.child({ component: "people" })),
    cases,
    escalations,
    directory,
    deliveries: new InboundDeliveries(db, clock, config.scaling.inboundLeaseMs, config.inbound.maxAttempts),
    states,
    detectLanguage,
    languages: new SpokenLanguages(states),
    triage: createTriage(catalog, {
      llm: meterLanguageModel(llm, "triage", metrics),
      onLlmError: (error) => {
        metrics.llmFallbacks.inc({ feature: "triage", reason: llmFailureReason(error) });
        log.warn({ err: error }, "language model refinement failed; using the rules");
      },
    }),
    knowledge: meterKnowledge(knowledge, metrics),
    // The conversation asks the model to route a sentence the rules could not decide.
    llm: meterLanguageModel(llm, "routing", metrics, (reason) => metrics.llmFallbacks.inc({ feature: "routing", reason })),
    features: new FeatureRegistry(features),
    files: new FileReaders(),
    denied: new DeniedLog(db, clock, log.child({ component: "audit" })),
    undelivered: new UndeliveredMessages(db),
    outboxCommitted: () => dispatcher.kick(),
    demoClock: options.demoClock ? createDemoClock(options.demoClock, scheduler, dispatcher) : undefined,
  };
  registerCaseTimers(scheduler, cases);
  registerEscalationTimers(scheduler, escalations);
  // Escalation pings the platform refuses for good go on to the next target of their level.
  const pingFallbacks = new PingFallbacks(db, clock, directory, kick);
  dispatcher.setFallback((message, error) => pingFallbacks.refused(message, error));
  const featureCore: FeatureCore = {
    services,
    settings: { seedDemo: config.seedDemoData, documentsFile: config.documentsFile, networkCheckFile: config.networkCheckFile },
    log,
    committed: kick,
    wake,
  };
  await startupLock(() => buildFeatures(features, featureCore, scheduler));
  const bot = new Bot(services, log.child({ component: "bot" }), {
    features,
    onHandled: (event, outcome) => metrics.inboundEvents.inc({ platform: event.platform, kind: event.kind, outcome }),
    replayBudgetMs: config.inbound.replayTimeoutMs,
    extraMiddleware: options.botMiddleware,
  });

  const http = new HttpServer(log.child({ component: "http" }), options.http);
  let ready = false;
  const readinessChecks = new Map<string, () => ReadinessCheck | Promise<ReadinessCheck>>();
  http.route("GET", "/healthz", (_req, res) => sendJson(res, 200, { status: "ok" }));
  http.route("GET", "/readyz", readinessRoute({ db, log, migration, wakeBus, checks: readinessChecks, serving: () => ready }));
  const serveMetrics: RouteHandler = async (_req, res) => {
    const backlog = await db.prisma.outbox.count({ where: { status: { in: ["pending", "sending"] } } });
    metrics.outboxBacklog.set(backlog);
    metrics.outboxDead.set(await db.prisma.outbox.count({ where: { status: "dead" } }));
    metrics.inboundQuarantined.set(await db.prisma.inboundDelivery.count({ where: { status: "quarantined" } }));
    const text = await metrics.registry.metrics();
    res.writeHead(200, { "content-type": metrics.registry.contentType });
    res.end(text);
  };
  // On the main port only with METRICS_TOKEN; otherwise it does not exist there (404).
  const metricsToken = config.metrics.token;
  if (metricsToken)
    http.route("GET", "/metrics", (req, res, params) =>
      bearerMatches(req.headers.authorization, metricsToken) ? serveMetrics(req, res, params) : refuseMetrics(res),
    );
  const metricsHttp =
    config.metrics.port !== undefined ? new HttpServer(log.child({ component: "metrics-http" }), options.http) : undefined;
  metricsHttp?.route("GET", "/metrics", serveMetrics);

  let resumeTimer: NodeJS.Timeout | undefined;
  // Deliveries a stopped or dead replica left unfinished (their lease ran out) are resumed by
  // whichever replica sweeps first; every replica sweeps, one sweep at a time.
  let resuming: Promise<void> | undefined;
  const sweep = () => {
    resuming ??= bot
      .resumeInterrupted()
      .then((resumed) => {
        if (resumed > 0) log.warn({ resumed }, "resumed deliveries another replica or an earlier run left unfinished");
      })
      .catch((error: unknown) => log.error({ err: error }, "resume failed"))
      .finally(() => (resuming = undefined));
  };
  const startHooks: (() => Promise<void> | void)[] = [];
  const stopHooks: (() => Promise<void> | void)[] = [];
  const app: App = {
    config,
    log,
    db,
    catalog,
    services,
    bot,
    dispatcher,
    scheduler,
    http,
    metrics,
    metricsPort: undefined,
    wakeBus,
    deliveryNotices,
    onReadiness: (name, check) => void readinessChecks.set(name, check),
    onStart: (hook) => void startHooks.push(hook),
    onStop: (hook) => void stopHooks.push(hook),
    async start() {
      const port = await http.listen(config.port, config.host).catch((error: unknown) => {
        throw listenStartupError(error, "PORT", config.host, config.port);
      });
      if (metricsHttp) {
        app.metricsPort = await metricsHttp.listen(config.metrics.port ?? 0, config.metrics.host).catch((error: unknown) => {
          throw listenStartupError(error, "METRICS_PORT", config.metrics.host, config.metrics.port ?? 0);
        });
        log.info({ port: app.metricsPort, host: config.metrics.host }, "metrics served on their own port");
      } else if (!metricsToken)
        log.info("GET /metrics is off: set METRICS_PORT (its own port) or METRICS_TOKEN (bearer token on the main port)");
      for (const hook of startHooks) await hook();
      // The demo installation answers from the demo documentation unless a folder is configured.
      const knowledgeDir = config.knowledgeDir ?? (config.seedDemoData ? DEMO_DOCS_DIR : undefined);
      if (knowledgeDir) {
        // Incremental: unchanged files are skipped by hash. With no index yet the first answers
        // would all be "I couldn't find this", so that first ingest is waited for; a refresh of
        // an existing index runs in the background and the index reloads when it is done.
        // A folder configured before (the demo pages, on installations that never recorded one) leaves the index.
        const ingest = syncKnowledgeDirectory(db, knowledgeDir, { catalog, llm, logger: knowledgeLog, formerDefault: DEMO_DOCS_DIR })
          .then(async (report) => {
            knowledgeLog.info(
              {
                added: report.added.length,
                updated: report.updated.length,
                removed: report.removed.length,
                skipped: report.skipped.length,
              },
              "documentation ingested",
            );
            await knowledge.refresh();
          })
          .catch((error: unknown) => knowledgeLog.error({ err: error, dir: knowledgeDir }, "documentation ingest failed"));
        if (knowledge.stats().chunks === 0) await ingest;
      }
      // Embedded mode: this process alone owns the file, so what is still leased was left by the
      // last run (a crash) — resume it now rather than after its lease.
      if (db.provider === "sqlite") {
        const reclaimed = await services.deliveries.reclaimAfterCrash();
        if (reclaimed > 0) log.warn({ reclaimed }, "deliveries left in progress by the last run are resumed now");
      }
      // In the background: a poison event (failing or hanging every time) must not hold up
      // start-up or readiness; it is retried by later sweeps and quarantined at the limit.
      sweep();
      dispatcher.start();
      scheduler.start();
      // Deliveries interrupted in another replica are resumed by whoever sees them first; a
      // little jitter keeps replicas started together from sweeping in step.
      resumeTimer = setInterval(sweep, config.scaling.resumeIntervalMs * (0.9 + Math.random() * 0.2));
      resumeTimer.unref();
      ready = true;
      log.info({ port, database: db.safeUrl }, "Switchboard is up");
      // The understanding's model trains on the declared sentences once, now, not on someone's first message.
      setImmediate(() => bot.router.warm()).unref();
      if (db.provider === "postgresql" && !wakeBus)
        log.warn(
          "PostgreSQL without REDIS_URL: fine for one replica; several replicas need Redis to hear of each other's deliveries (docs/scaling.md)",
        );
      return port;
    },
    async stop() {
      // Not ready first (the load balancer stops sending), then drain: the requests in flight,
      // the adapters' queues, a resume sweep, the timer batch and the outbox batch. What is
      // left in the outbox is announced to the other replicas as this one goes.
      ready = false;
      if (resumeTimer) clearInterval(resumeTimer);
      await http.close();
      await metricsHttp?.close();
      for (const hook of stopHooks.reverse()) await hook();
      await resuming;
      await scheduler.stop();
      await dispatcher.stop();
      await wakeBus?.close();
      await services.denied.close();
      await db.close();
    },
  };
  await mountAdapters(app);
  return app;
}
