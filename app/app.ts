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
import type { LanguageDetector } from "../bot/language.ts";
import { FileReaders } from "../bot/files.ts";
import { createTriage, detectLanguage } from "../bot/triage/index.ts";
import { registerCaseTimers } from "../bot/cases/timers.ts";
import { createPortalServices } from "../bot/portal/service.ts";
import { createReplacementFeature } from "../bot/replacements/service.ts";
import { registerReplacementTimers } from "../bot/replacements/timers.ts";
import { createItToolServices, registerItToolTimers } from "../bot/it-tools/service.ts";
import { createPartnerServices } from "../bot/partners/service.ts";
import { loadPolicies } from "../bot/escalations/policies.ts";
import { EscalationService } from "../bot/escalations/service.ts";
import { registerEscalationTimers } from "../bot/escalations/timers.ts";
import { PingFallbacks } from "../bot/escalations/fallback.ts";
import { OutboxDispatcher, type DispatcherOptions } from "../bot/runtime/dispatcher.ts";
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
import { applyMigrations } from "../db/migrate.ts";
import { databaseReady } from "../db/readiness.ts";
import type { Config } from "./config.ts";
import { HttpServer, sendJson, type HttpTimeouts, type RouteHandler } from "../adapters/http/server.ts";
import { bearerMatches, refuseMetrics } from "../adapters/http/metrics-access.ts";
import { createMetrics, escalationLevelOf, type Metrics } from "./metrics.ts";
import { connectWakeBus, type WakeBus } from "./wake-bus.ts";
import { withStartupLock } from "../db/startup-lock.ts";
import { mountAdapters } from "./adapters.ts";

export const DEMO_DATA_FILE = projectFile("demo/demo-data.json");
/** The outbox key of a reply to an inbound event (bot/runtime/outbox.ts replyKey). */
const REPLY_KEY = /^[a-z]+:.+:out:\d+$/;
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
  /** Replaces the language detector (the triage component provides a better one). */
  detectLanguage?: LanguageDetector;
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
   * Scaled mode: another replica delivered a reply (or gave up on it), by its outbox key. An
   * adapter that waits for its replies to go out listens here too, not only to its deliverer.
   */
  onPeerDelivered(listener: (idempotencyKey: string) => void): void;
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
  const migration = await applyMigrations(config.databaseUrl);
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
  });
  const catalog = loadCatalog(config.catalogFile ?? DEMO_CATALOG_FILE);
  // Replicas starting together on one PostgreSQL take turns here (db/startup-lock.ts).
  await withStartupLock(config.databaseUrl, async () => {
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
  const wakeBus = config.redisUrl
    ? connectWakeBus(config.redisUrl, config.scaling.redisPrefix, log.child({ component: "wake-bus" }), { timerWindowMs: timerPollMs })
    : undefined;
  const dispatcher = new OutboxDispatcher(db, clock, log.child({ component: "outbox" }), {
    leaseMs: config.scaling.outboxLeaseMs,
    giveUpAfterMs: config.outboxGiveUpAfterMs,
    ...options.dispatcher,
    onDelivered: (message, result, latencyMs) => {
      metrics.outboxDelivered.inc({ platform: message.platform, outcome: result.ok ? "sent" : result.retryable ? "retry" : "dead" });
      if (result.ok) {
        metrics.outboxLatency.observe({ platform: message.platform }, (clock.now().getTime() - message.createdAt.getTime()) / 1000);
        // Escalation notifications are counted when they reach the engineers (app/metrics.ts).
        const level = escalationLevelOf(message.idempotencyKey, message.message);
        if (level !== undefined) metrics.escalations.inc({ level: String(level) });
      }
      // Replies (`<platform>:<delivery>:out:<n>`) may be awaited by the replica that handled the event.
      if (wakeBus && (result.ok || !result.retryable) && REPLY_KEY.test(message.idempotencyKey))
        wakeBus.replyDelivered(message.idempotencyKey);
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
  wakeBus?.onTimer((dueAt) => scheduler.wakeForPeer(dueAt));
  const llm = createLanguageModel(config.llm);
  const knowledgeLog = log.child({ component: "knowledge" });
  const knowledge = await openKnowledgeBase(db, { catalog, llm, logger: knowledgeLog });
  const directory = new Directory(db, clock);
  const kick = () => dispatcher.kick();
  const wake = (dueAt: Date) => scheduler.wake(dueAt);
  const cases = new CaseService(db, clock, directory, kick, wake);
  const escalations = new EscalationService(db, clock, directory, loadPolicies(config.escalationPoliciesFile), kick, wake);
  cases.useLifecycle(escalations);
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
    detectLanguage: options.detectLanguage ?? detectLanguage,
    languages: new SpokenLanguages(states),
    triage: createTriage(catalog, {
      llm,
      onLlmError: (error) => log.warn({ err: error }, "language model refinement failed; using the rules"),
    }),
    knowledge,
    llm,
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
  const { portal, replacementFeature } = await withStartupLock(config.databaseUrl, async () => ({
    portal: await createPortalServices(services, { seedDemo: config.seedDemoData, documentsFile: config.documentsFile }),
    replacementFeature: await createReplacementFeature(db, clock, directory, kick, wake, { catalog, seedDemo: config.seedDemoData, log }),
  }));
  services.portal = portal;
  Object.assign(services, replacementFeature);
  registerReplacementTimers(scheduler, replacementFeature.replacements);
  services.itTools = createItToolServices(services, {
    log,
    wake: (dueAt) => scheduler.wake(dueAt),
    networkCheckFile: config.networkCheckFile,
  });
  registerItToolTimers(scheduler, services, services.itTools);
  services.partners = createPartnerServices(services);
  const bot = new Bot(services, log.child({ component: "bot" }), {
    onHandled: (event, outcome) => metrics.inboundEvents.inc({ platform: event.platform, kind: event.kind, outcome }),
    replayBudgetMs: config.inbound.replayTimeoutMs,
    extraMiddleware: options.botMiddleware,
  });

  const http = new HttpServer(log.child({ component: "http" }), options.http);
  let ready = false;
  http.route("GET", "/healthz", (_req, res) => sendJson(res, 200, { status: "ok" }));
  http.route("GET", "/readyz", async (_req, res) => {
    // Terse: the causes go to the log, not to whoever asks (the port may be public).
    const checks: Record<string, string> = {};
    checks.database = (await databaseReady(db, log)) ? "ok" : "unreachable";
    checks.migrations = migration.applied.length + migration.alreadyApplied > 0 ? "applied" : "missing";
    if (wakeBus) {
      // Reported, but not a reason to leave the load balancer: without Redis the replicas still
      // serve everything, they only notice each other's work at the next poll (docs/scaling.md).
      checks.redis = await wakeBus.check().then(
        () => "ok",
        (error: Error) => {
          log.warn({ err: error }, "readiness: Redis unreachable; replicas poll the database instead");
          return "unreachable";
        },
      );
    }
    const ok = ready && checks.database === "ok";
    sendJson(res, ok ? 200 : 503, { status: ok ? "ready" : "not ready", checks });
  });
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
    onPeerDelivered: (listener) => wakeBus?.onReplyDelivered(listener),
    onStart: (hook) => void startHooks.push(hook),
    onStop: (hook) => void stopHooks.push(hook),
    async start() {
      const port = await http.listen(config.port, config.host);
      if (metricsHttp) {
        app.metricsPort = await metricsHttp.listen(config.metrics.port ?? 0, config.metrics.host);
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
        const ingest = syncKnowledgeDirectory(db, knowledgeDir, { catalog, llm, logger: knowledgeLog })
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
