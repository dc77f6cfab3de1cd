/**
 * The scaled mode's wake-up channel: Redis pub/sub between replicas (REDIS_URL).
 *
 * The database stays the only source of truth and the only queue: outbox messages and timers are
 * rows, claimed with `FOR UPDATE SKIP LOCKED` (bot/runtime/). Redis carries nothing but hints —
 * "look at the outbox now", "a timer falls due at t" — so a hint that is lost (Redis restarting,
 * a replica not yet subscribed) costs latency up to the idle poll (1 s), never a message or a
 * timer. Why not BullMQ queues, with the measurements: docs/scaling.md.
 *
 * What is published, and why each is needed:
 * - `outbox`: a replica finished a batch (or is stopping). Per-thread order makes a message wait
 *   while an older one of its thread is in flight on another replica; that replica's release is
 *   the moment the waiting one can go. New messages are not announced: the replica that wrote a
 *   message delivers it itself at once (its own kick), and announcing every write would only make
 *   the others race it for the row.
 * - `timer`: this replica scheduled a timer due before the others' next poll. The writer already
 *   sleeps until it; the others wake too, so the timer still fires on time if the writer dies.
 * - `delivered`: this replica delivered replies (their outbox keys). Any replica may deliver any
 *   message, and the one that handled the event may be waiting for its reply — Teams ends the
 *   turn once the reply is out, Slack paces its acknowledgements by undelivered replies — so it
 *   must hear of a delivery done elsewhere, or it waits for nothing.
 * Publishes are coalesced per event-loop turn; a replica ignores its own messages.
 */
import { randomUUID } from "node:crypto";
import { Redis, type RedisOptions } from "ioredis";
import type { Logger } from "pino";

export interface WakeBus {
  /** This replica's id on the channel. */
  readonly id: string;
  /** The channel name (REDIS_PREFIX + "wake"). */
  readonly channel: string;
  /** A batch let go of outbox messages, or this replica is stopping. */
  outboxReleased(): void;
  /** This replica scheduled a timer due at `dueAt`. */
  timerScheduled(dueAt: Date): void;
  /** Another replica released outbox messages. */
  onOutbox(listener: () => void): void;
  /** Another replica scheduled a timer due at `dueAt`. */
  onTimer(listener: (dueAt: Date) => void): void;
  /** This replica delivered (or gave up on) the reply with this outbox key. */
  replyDelivered(idempotencyKey: string): void;
  /** Another replica delivered (or gave up on) replies. */
  onReplyDelivered(listener: (idempotencyKey: string) => void): void;
  /** A round trip to Redis (for /readyz); rejects when Redis does not answer in time. */
  check(timeoutMs?: number): Promise<void>;
  /** Sends what is still coalescing, then disconnects. */
  close(): Promise<void>;
}

export interface WakeBusOptions {
  /** Timers due later than this are found by the other replicas' own poll; not announced. */
  timerWindowMs?: number;
}

/** Connects to Redis (in the background: a Redis that is down delays nothing but the hints). */
export function connectWakeBus(url: string, prefix: string, log: Logger, options: WakeBusOptions = {}): WakeBus {
  const id = randomUUID().slice(0, 8);
  const channel = `${prefix}wake`;
  const timerWindowMs = options.timerWindowMs ?? 1_000;
  const common: RedisOptions = {
    connectionName: `switchboard-${id}`,
    // Keep trying, at most every 5 s; the app works without Redis meanwhile.
    retryStrategy: (times) => Math.min(times * 200, 5_000),
    maxRetriesPerRequest: 1,
  };
  // A hint that cannot go out now is worthless later: fail fast instead of queueing it.
  const publisher = new Redis(url, { ...common, enableOfflineQueue: false });
  const subscriber = new Redis(url, { ...common });
  const outboxListeners: (() => void)[] = [];
  const timerListeners: ((dueAt: Date) => void)[] = [];
  const deliveredListeners: ((idempotencyKey: string) => void)[] = [];

  // Log a lost connection once, not on every reconnection attempt.
  let down = false;
  const onError = (error: Error) => {
    if (down) return;
    down = true;
    log.warn({ err: error }, "Redis unreachable: replicas fall back to polling the database (1 s) until it is back");
  };
  const onReady = () => {
    if (down) log.info("Redis reachable again: replicas wake each other at once");
    down = false;
  };
  publisher.on("error", onError).on("ready", onReady);
  subscriber.on("error", onError);

  subscriber.subscribe(channel).catch((error: unknown) => log.warn({ err: error }, "could not subscribe to the wake-up channel yet"));
  subscriber.on("message", (_channel: string, text: string) => {
    const [kind, from] = text.split("|", 2);
    if (from === id) return;
    const rest = text.slice(`${kind}|${from}|`.length);
    if (kind === "o") for (const listener of outboxListeners) listener();
    else if (kind === "t") for (const listener of timerListeners) listener(new Date(Number(rest)));
    else if (kind === "d") for (const key of JSON.parse(rest) as string[]) for (const listener of deliveredListeners) listener(key);
  });

  let outboxPending = false;
  let timerPending: number | undefined;
  let delivered: string[] = [];
  let flushing: NodeJS.Immediate | undefined;
  const publish = (message: string) =>
    publisher
      .publish(channel, message)
      .catch((error: unknown) => log.debug({ err: error }, "wake-up hint not sent (Redis unavailable); the others will poll"));
  const flush = async () => {
    flushing = undefined;
    const sends: Promise<unknown>[] = [];
    if (outboxPending) sends.push(publish(`o|${id}`));
    if (timerPending !== undefined) sends.push(publish(`t|${id}|${timerPending}`));
    if (delivered.length > 0) sends.push(publish(`d|${id}|${JSON.stringify(delivered)}`));
    outboxPending = false;
    timerPending = undefined;
    delivered = [];
    await Promise.all(sends);
  };
  const schedule = () => {
    flushing ??= setImmediate(() => void flush());
  };

  return {
    id,
    channel,
    outboxReleased() {
      outboxPending = true;
      schedule();
    },
    timerScheduled(dueAt) {
      const at = dueAt.getTime();
      if (at > Date.now() + timerWindowMs) return;
      timerPending = Math.min(timerPending ?? at, at);
      schedule();
    },
    replyDelivered(idempotencyKey) {
      delivered.push(idempotencyKey);
      schedule();
    },
    onOutbox: (listener) => void outboxListeners.push(listener),
    onTimer: (listener) => void timerListeners.push(listener),
    onReplyDelivered: (listener) => void deliveredListeners.push(listener),
    async check(timeoutMs = 1_000) {
      let timer: NodeJS.Timeout | undefined;
      let onReady: (() => void) | undefined;
      // Still connecting (a replica that just started): wait for it, within the same limit.
      const connected =
        publisher.status === "ready" ? Promise.resolve() : new Promise<void>((resolve) => publisher.once("ready", (onReady = resolve)));
      try {
        await Promise.race([
          connected.then(() => publisher.ping()),
          new Promise((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs))),
        ]);
      } finally {
        clearTimeout(timer);
        if (onReady) publisher.off("ready", onReady);
      }
    },
    async close() {
      if (flushing) {
        clearImmediate(flushing);
        await flush();
      }
      // QUIT waits for an answer: only to a connected Redis (one that is down would never give it).
      await Promise.all(
        [publisher, subscriber].map((client) =>
          client.status === "ready" ? client.quit().catch(() => client.disconnect()) : client.disconnect(),
        ),
      );
    },
  };
}
