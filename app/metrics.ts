/**
 * Prometheus metrics (prom-client), served at GET /metrics. Each replica serves its own counters
 * (sum them across replicas); the outbox backlog and dead messages are read from the shared database at each
 * scrape, so every replica reports the same value (take the max). Where each one moves:
 * inbound events — the bot's onHandled; outbox deliveries, latency and escalations — the
 * dispatcher's onDelivered (app/app.ts); timers — the scheduler's onFired; errors — every
 * error-level log line (app/logger.ts), by the logger's component.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { OutboundMessage } from "../bot/events.ts";

export interface Metrics {
  registry: Registry;
  inboundEvents: Counter<"platform" | "kind" | "outcome">;
  outboxDelivered: Counter<"platform" | "outcome">;
  outboxLatency: Histogram<"platform">;
  outboxBacklog: Gauge;
  outboxDead: Gauge;
  /** Inbound events set aside after repeated failures (rows in quarantine now). */
  inboundQuarantined: Gauge;
  timersFired: Counter<"kind">;
  timerLateness: Histogram;
  escalations: Counter<"level">;
  errors: Counter<"component">;
  /** Language model calls by the feature that made them, the operation and how they ended. */
  llmCalls: Counter<"feature" | "operation" | "outcome">;
  /** Times a feature went on without the language model (its own result instead), by reason. */
  llmFallbacks: Counter<"feature" | "reason">;
  /** Documentation questions by outcome (answered, abstained). */
  knowledgeQueries: Counter<"outcome">;
  /** Documentation questions answered with "I couldn't find this", by reason. */
  knowledgeAbstentions: Counter<"reason">;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  // No prefix: process_* and nodejs_* keep the names stock dashboards and alerts look for.
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    inboundEvents: new Counter({
      name: "switchboard_inbound_events_total",
      help: "Inbound events by platform, kind and outcome (processed, duplicate, failed)",
      labelNames: ["platform", "kind", "outcome"],
      registers: [registry],
    }),
    outboxDelivered: new Counter({
      name: "switchboard_outbox_deliveries_total",
      help: "Outbox delivery attempts by platform and outcome",
      labelNames: ["platform", "outcome"],
      registers: [registry],
    }),
    outboxLatency: new Histogram({
      name: "switchboard_outbox_delivery_seconds",
      help: "Time from writing a message to the outbox to its successful delivery",
      labelNames: ["platform"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
    outboxBacklog: new Gauge({ name: "switchboard_outbox_backlog", help: "Messages waiting in the outbox", registers: [registry] }),
    outboxDead: new Gauge({
      name: "switchboard_outbox_dead",
      help: "Messages the outbox gave up on (refused by the platform, or undelivered past OUTBOX_GIVE_UP_AFTER)",
      registers: [registry],
    }),
    inboundQuarantined: new Gauge({
      name: "switchboard_inbound_quarantined",
      help: "Inbound events set aside after repeated failures (see the quarantine command)",
      registers: [registry],
    }),
    timersFired: new Counter({
      name: "switchboard_timers_fired_total",
      help: "Timers fired by kind",
      labelNames: ["kind"],
      registers: [registry],
    }),
    timerLateness: new Histogram({
      name: "switchboard_timer_lateness_seconds",
      help: "How late timers fired after their due time",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30],
      registers: [registry],
    }),
    escalations: new Counter({
      name: "switchboard_escalations_total",
      help: "Escalation notifications by level",
      labelNames: ["level"],
      registers: [registry],
    }),
    errors: new Counter({
      name: "switchboard_errors_total",
      help: "Errors by component",
      labelNames: ["component"],
      registers: [registry],
    }),
    llmCalls: new Counter({
      name: "switchboard_llm_calls_total",
      help: "Language model calls by feature, operation (chat, json, embed) and outcome (ok, timeout, invalid_output, error)",
      labelNames: ["feature", "operation", "outcome"],
      registers: [registry],
    }),
    llmFallbacks: new Counter({
      name: "switchboard_llm_fallbacks_total",
      help: "Times a feature used its own result because the language model failed, by feature and reason",
      labelNames: ["feature", "reason"],
      registers: [registry],
    }),
    knowledgeQueries: new Counter({
      name: "switchboard_knowledge_queries_total",
      help: "Documentation questions by outcome (answered, abstained)",
      labelNames: ["outcome"],
      registers: [registry],
    }),
    knowledgeAbstentions: new Counter({
      name: "switchboard_knowledge_abstentions_total",
      help: "Documentation questions the bot could not answer, by reason",
      labelNames: ["reason"],
      registers: [registry],
    }),
  };
}
