/**
 * GET /readyz: whether this replica should get traffic. Terse on purpose — the port may be
 * public, so the answer names each check and its state (`ok`, `unreachable`, `unauthorized`…)
 * and the causes go to the log.
 */
import type { Logger } from "pino";
import type { RouteHandler } from "../adapters/http/server.ts";
import { sendJson } from "../adapters/http/server.ts";
import type { Database } from "../db/client.ts";
import type { MigrationReport } from "../db/migrate.ts";
import { databaseReady } from "../db/readiness.ts";
import type { WakeBus } from "./wake-bus.ts";
import type { ReadinessCheck } from "../bot/ports.ts";

/** The /readyz handler over the database, the migrations, Redis and the checks adapters added. */
export function readinessRoute(parts: {
  db: Database;
  log: Logger;
  migration: MigrationReport;
  wakeBus: WakeBus | undefined;
  checks: ReadonlyMap<string, () => ReadinessCheck | Promise<ReadinessCheck>>;
  /** False before the start finished and once stopping. */
  serving: () => boolean;
}): RouteHandler {
  const { db, log, migration, wakeBus } = parts;
  return async (_req, res) => {
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
    let adaptersReady = true;
    for (const [name, check] of parts.checks) {
      const found = await check();
      checks[name] = found.status;
      if (found.status !== "ok")
        log.warn({ check: name, status: found.status, reason: found.reason }, `readiness: ${name} ${found.status}`);
      adaptersReady &&= found.ready;
    }
    const ok = parts.serving() && checks.database === "ok" && adaptersReady;
    sendJson(res, ok ? 200 : 503, { status: ok ? "ready" : "not ready", checks });
  };
}
