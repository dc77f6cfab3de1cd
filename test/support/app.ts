/**
 * A whole Switchboard app for tests: a fresh database (SQLite or PostgreSQL), logs captured in
 * memory, an optional manual clock, and a recording deliverer standing in for a chat platform.
 */
import { Writable } from "node:stream";
import { createApp, type App, type AppOptions } from "../../app/app.ts";
import { readConfig, type Env } from "../../app/config.ts";
import { createLogger } from "../../app/logger.ts";
import type { Clock } from "../../core/clock.ts";
import type { DeliveryResult, OutboundDelivery, OutboundMessage } from "../../bot/events.ts";
import type { Platform } from "../../core/vocabulary.ts";
import type { Deliverer } from "../../bot/runtime/dispatcher.ts";
import type { Provider } from "../../db/client.ts";
import { createTestDatabase, type TestDatabase } from "./database.ts";

/** Records what the bot sends, as a platform would show it; dedupes by idempotency key. */
export class RecordingDeliverer implements Deliverer {
  readonly deliveries: (OutboundDelivery & { existingMessageId?: string })[] = [];
  private readonly seen = new Set<string>();
  private next = 1;
  /** Make the next deliveries fail (retryable) this many times. */
  failNext = 0;

  constructor(readonly platform: Platform = "shell") {}

  async deliver(delivery: OutboundDelivery & { existingMessageId?: string }): Promise<DeliveryResult> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      return { ok: false, retryable: true, error: "simulated outage" };
    }
    if (!this.seen.has(delivery.idempotencyKey)) {
      this.seen.add(delivery.idempotencyKey);
      this.deliveries.push(delivery);
    }
    return { ok: true, platformMessageId: delivery.existingMessageId ?? `msg-${this.next++}` };
  }

  /** Messages delivered to one conversation. */
  to(conversationId: string): OutboundMessage[] {
    return this.deliveries.filter((d) => d.message.target.conversationId === conversationId).map((d) => d.message);
  }

  /** All text a conversation received, cards included (titles, facts, body, buttons). */
  textOf(conversationId: string): string {
    return this.to(conversationId)
      .map((m) =>
        [
          m.text ?? "",
          m.card?.title ?? "",
          ...(m.card?.facts ?? []).map((f) => `${f.label}: ${f.value}`),
          m.card?.body ?? "",
          ...(m.card?.actions ?? []).map((a) => `[${a.label}]`),
        ].join("\n"),
      )
      .join("\n---\n");
  }

  clear(): void {
    this.deliveries.length = 0;
  }
}

/** Captures log lines in memory (pino writes JSON lines to it). */
export class MemoryLog extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  override _write(chunk: Buffer, _encoding: string, callback: () => void): void {
    for (const line of chunk.toString().split("\n")) if (line.trim()) this.lines.push(JSON.parse(line) as Record<string, unknown>);
    callback();
  }
}

export interface TestApp {
  app: App;
  database: TestDatabase;
  recorder: RecordingDeliverer;
  logs: MemoryLog;
  close(): Promise<void>;
}

export interface TestAppOptions {
  provider?: Provider;
  env?: Env;
  clock?: Clock;
  seedDemo?: boolean;
  start?: boolean;
  app?: Partial<AppOptions>;
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase(options.provider ?? "sqlite");
  await database.db.close();
  const config = readConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_URL: database.url,
    SEED_DEMO_DATA: options.seedDemo === false ? "false" : "true",
    LOG_LEVEL: "debug",
    ...options.env,
  });
  const logs = new MemoryLog();
  const app = await createApp(config, {
    log: createLogger({ level: "debug", destination: logs }),
    clock: options.clock,
    dispatcher: { idlePollMs: 20, ...options.app?.dispatcher },
    scheduler: { idlePollMs: 50, ...options.app?.scheduler },
    ...options.app,
  });
  const recorder = new RecordingDeliverer("shell");
  app.dispatcher.register(recorder);
  if (options.start !== false) await app.start();
  return {
    app,
    database,
    recorder,
    logs,
    async close() {
      await app.stop().catch(() => undefined);
      await database.cleanup();
    },
  };
}

/**
 * Waits until `check` passes (or times out), polling; for effects delivered in the background.
 * The deadline is generous because CI machines are shared: it only matters when a test fails.
 */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  let lastError: unknown;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      lastError = error;
      if (Date.now() - started > timeoutMs) throw lastError;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
