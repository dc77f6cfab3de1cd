/**
 * The outbox dispatcher: delivers queued messages through the adapters with retries, exponential
 * backoff and the message's idempotency key.
 *
 * A batch is claimed with a lease (status `sending`, `leaseUntil`); if the process dies after
 * sending but before recording, the lease runs out and the message is sent again with the same
 * idempotency key, which receivers use to show it once. Messages of one thread go out in the
 * order they were written: a message waits while an older one of its thread is in flight or
 * backing off.
 *
 * Threads are delivered side by side (`concurrency` at a time, across batches), and a batch does
 * not hold up the next: once each of its threads has a worker, the next claim goes ahead. A
 * platform that stops answering one conversation (a request hanging until the adapter's timeout)
 * then delays that thread only; every thread's deliveries are recorded as soon as it is done.
 *
 * Giving up is a matter of time, not of attempts: a message the platform refuses for good is dead
 * at once; one that keeps failing is retried with backoff until it is `giveUpAfterMs` old (24 h by
 * default). When the platform says "later" (a rate limit), the attempt is not counted and its
 * Retry-After is respected. Dead messages are logged, counted in /metrics and listed in chat
 * (bot/handlers/outbox.ts).
 */
import type { Logger } from "pino";
import { Prisma, type Database } from "../../db/client.ts";
import { newId } from "../../db/ids.ts";
import { toDate, toNumber } from "../../db/fast-sql.ts";
import type { Clock } from "../../core/clock.ts";
import type { DeliveryResult, OutboundDelivery, OutboundMessage } from "../events.ts";
import type { Platform } from "../../core/vocabulary.ts";
import { readMeta, type OutboxMeta } from "./outbox-meta.ts";

/** What an adapter implements to deliver messages of its platform. */
export interface Deliverer {
  readonly platform: Platform;
  /** `existingMessageId` is set when the message replaces one already sent (same replaceKey). */
  deliver(delivery: OutboundDelivery & { existingMessageId?: string }): Promise<DeliveryResult>;
}

export interface DispatcherOptions {
  batchSize?: number;
  leaseMs?: number;
  /** A message still undelivered this long after it was written is given up (default 24 h). */
  giveUpAfterMs?: number;
  /** Polling interval while idle; in-process writes wake the dispatcher at once. */
  idlePollMs?: number;
  /** Threads delivered at the same time. */
  concurrency?: number;
  /** Fault injection for tests: runs after a send, before the result is recorded. */
  afterSend?: (delivery: OutboundDelivery) => void | Promise<void>;
  /** Observes each recorded delivery (metrics). */
  onDelivered?: (delivery: ClaimedMessage, result: DeliveryResult, latencyMs: number) => void;
  /**
   * Scaled mode: called after a batch let go of its messages (sent, failed or put back), and at
   * stop. Messages other replicas wrote in the same threads may have been waiting behind these
   * (per-thread order), so app/wake-bus.ts tells them to look again rather than at their next poll.
   */
  onReleased?: () => void;
}

/**
 * Called when a message carrying a `fallback` is given up on, before it is marked dead: it sends
 * the message on to its next target in its own transaction (bot/escalations/fallback.ts).
 */
export type FallbackHook = (message: ClaimedMessage, error: string) => Promise<void>;

export interface ClaimedMessage extends OutboundDelivery {
  platform: Platform;
  threadKey: string;
  replaceKey: string | null;
  /** What the message is for, as planned (bot/runtime/outbox-meta.ts). */
  meta: OutboxMeta;
  createdAt: Date;
}

interface RawOutbox {
  id: string;
  idempotencyKey: string;
  payload: string;
  attempts: unknown;
  platform: string;
  conversationId: string;
  threadId: string;
  replaceKey: string | null;
  meta: string | null;
  createdAt: unknown;
}

/** How long a message may stay undelivered before it is given up, unless configured. */
export const DEFAULT_GIVE_UP_AFTER_MS = 24 * 3_600_000;
/** The wait after a rate limit that named no time. */
const THROTTLED_WAIT_MS = 5_000;

export class OutboxDispatcher {
  private readonly deliverers = new Map<Platform, Deliverer>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private kicked = false;
  private immediate = false;
  private stopped = true;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly giveUpAfterMs: number;
  private readonly idlePollMs: number;
  private readonly concurrency: number;
  private fallback: FallbackHook | undefined;
  /** Threads being delivered now, across batches, and who waits for one to finish. */
  private busyThreads = 0;
  private slotWaiters: (() => void)[] = [];
  /** Batches still delivering after the loop moved on. */
  private readonly inFlight = new Set<Promise<void>>();
  /** Claims made so far: a batch that ends after a later claim may have held messages back from it. */
  private claims = 0;
  /** Successful deliveries waiting to be recorded, and the write recording them. */
  private unrecorded: { message: ClaimedMessage; platformMessageId?: string }[] = [];
  private recording: Promise<void> | undefined;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: DispatcherOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 100;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.giveUpAfterMs = options.giveUpAfterMs ?? DEFAULT_GIVE_UP_AFTER_MS;
    this.idlePollMs = options.idlePollMs ?? 1_000;
    this.concurrency = options.concurrency ?? 16;
  }

  register(deliverer: Deliverer): void {
    this.deliverers.set(deliverer.platform, deliverer);
  }

  /** Where refused escalation pings go next (set once the escalation service exists). */
  setFallback(hook: FallbackHook): void {
    this.fallback = hook;
  }

  start(): void {
    this.stopped = false;
    this.kick();
  }

  /** Stops and waits for the batches in flight (graceful shutdown drains them). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
    await Promise.all([...this.inFlight]);
    // What this process leaves in the outbox is for the other replicas now.
    this.options.onReleased?.();
  }

  /** New messages were committed: deliver now rather than at the next poll. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.kicked = true;
      return;
    }
    // A pending immediate run already covers this kick. (Re-arming it on every kick would
    // starve delivery while commits arrive less than a millisecond apart.)
    if (this.timer && this.immediate) return;
    if (this.timer) clearTimeout(this.timer);
    this.immediate = true;
    this.timer = setTimeout(() => this.loop(), 0);
  }

  /** Delivers everything due now and waits until it is recorded; returns how many messages were attempted. For tests. */
  async runOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const batch = await this.startBatch();
      total += batch.attempted;
      await batch.done;
      if (batch.attempted < this.batchSize) return total;
    }
  }

  /**
   * The loop's turn: claims and starts batches while there is due work, without waiting for a
   * batch to finish — only for each of its threads to have a worker, and for a free worker
   * before the next claim.
   */
  private async pump(): Promise<void> {
    for (;;) {
      await this.freeSlot();
      if (this.stopped) return;
      const claim = this.claims + 1;
      const batch = await this.startBatch();
      if (batch.attempted === 0) return;
      const tracked = batch.done
        .catch((error: unknown) => this.log.error({ err: error }, "outbox dispatch failed; retrying shortly"))
        .finally(() => {
          this.inFlight.delete(tracked);
          // A claim made meanwhile skipped the messages waiting behind this batch's threads.
          if (this.claims > claim) this.kick();
        });
      this.inFlight.add(tracked);
      await batch.started;
      if (batch.attempted < this.batchSize) return;
    }
  }

  private async freeSlot(): Promise<void> {
    while (this.busyThreads >= this.concurrency) await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
  }

  private async takeSlot(): Promise<void> {
    await this.freeSlot();
    this.busyThreads += 1;
  }

  private giveSlot(): void {
    this.busyThreads -= 1;
    for (const wake of this.slotWaiters.splice(0)) wake();
  }

  private loop(): void {
    this.timer = undefined;
    this.immediate = false;
    if (this.stopped || this.running) return;
    this.running = (async () => {
      try {
        do {
          this.kicked = false;
          await this.pump();
        } while (this.kicked && !this.stopped);
      } catch (error) {
        this.log.error({ err: error }, "outbox dispatch failed; retrying shortly");
      }
    })().finally(() => {
      this.running = undefined;
      if (!this.stopped) {
        this.immediate = this.kicked;
        this.timer = setTimeout(() => this.loop(), this.kicked ? 0 : this.idlePollMs);
      }
    });
  }

  private async claim(): Promise<ClaimedMessage[]> {
    const platforms = [...this.deliverers.keys()];
    if (platforms.length === 0) return [];
    const now = this.clock.now();
    const lease = new Date(now.getTime() + this.leaseMs);
    this.claims += 1;
    const lock = this.db.provider === "postgresql" ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
    const rows = (await this.db.fast
      .query(Prisma.sql`UPDATE "Outbox" SET status = 'sending', "leaseUntil" = ${lease}, attempts = attempts + 1
      WHERE id IN (
        SELECT o.id FROM "Outbox" o
        WHERE o.status IN ('pending', 'sending') AND o.platform IN (${Prisma.join(platforms)})
          AND ((o.status = 'pending' AND o."nextAttemptAt" <= ${now}) OR (o.status = 'sending' AND o."leaseUntil" < ${now}))
          -- An older message of the same thread that is backing off or in flight goes first.
          -- (Two NOT EXISTS with equalities, rather than one with an OR, keep both on the index.)
          AND NOT EXISTS (SELECT 1 FROM "Outbox" p WHERE p.status = 'pending' AND p.platform = o.platform
            AND p."conversationId" = o."conversationId" AND p."threadId" = o."threadId" AND p."nextAttemptAt" > ${now} AND p.id < o.id)
          AND NOT EXISTS (SELECT 1 FROM "Outbox" p WHERE p.status = 'sending' AND p.platform = o.platform
            AND p."conversationId" = o."conversationId" AND p."threadId" = o."threadId" AND p."leaseUntil" >= ${now} AND p.id < o.id)
        ORDER BY o.id LIMIT ${this.batchSize} ${lock})
      RETURNING id, "idempotencyKey", payload, attempts, platform, "conversationId", "threadId", "replaceKey", meta, "createdAt"`)) as unknown as RawOutbox[];
    return rows
      .map((row) => ({
        id: row.id,
        idempotencyKey: row.idempotencyKey,
        attempt: toNumber(row.attempts),
        message: JSON.parse(row.payload) as OutboundMessage,
        platform: row.platform as Platform,
        threadKey: `${row.platform}\u0000${row.conversationId}\u0000${row.threadId}`,
        replaceKey: row.replaceKey,
        meta: readMeta(row.meta),
        createdAt: toDate(row.createdAt),
      }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /**
   * Claims a batch and starts delivering it: `started` resolves once every thread of it has a
   * worker, `done` once all are delivered (or failed) and recorded.
   */
  private async startBatch(): Promise<{ attempted: number; started: Promise<void>; done: Promise<void> }> {
    const claimed = await this.claim();
    if (claimed.length === 0) return { attempted: 0, started: Promise.resolve(), done: Promise.resolve() };
    const existing = await this.existingMessageIds(claimed);
    const threads = new Map<string, ClaimedMessage[]>();
    for (const message of claimed) threads.set(message.threadKey, [...(threads.get(message.threadKey) ?? []), message]);
    let markStarted!: () => void;
    const started = new Promise<void>((resolve) => (markStarted = resolve));
    const done = (async () => {
      const running: Promise<void>[] = [];
      try {
        for (const thread of threads.values()) {
          await this.takeSlot();
          running.push(this.deliverThread(thread, existing).finally(() => this.giveSlot()));
        }
      } finally {
        markStarted();
      }
      const results = await Promise.allSettled(running);
      this.options.onReleased?.();
      const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
      if (failed) throw failed.reason;
    })();
    return { attempted: claimed.length, started, done };
  }

  /** Delivers one thread's messages in order; stops at the first failure and puts the rest back. */
  private async deliverThread(thread: ClaimedMessage[], existing: Map<string, string>): Promise<void> {
    const sent: { message: ClaimedMessage; platformMessageId?: string }[] = [];
    try {
      for (let i = 0; i < thread.length; i++) {
        const message = thread[i]!;
        const result = await this.deliverOne(message, message.message.updateMessageId ?? existing.get(existingKey(message)));
        if (result.ok) {
          sent.push({ message, platformMessageId: result.platformMessageId });
          if (message.replaceKey && result.platformMessageId) existing.set(existingKey(message), result.platformMessageId);
          continue;
        }
        await this.recordFailure(message, result);
        // Keep the thread's order: the rest waits until the failed one goes through.
        await this.release(thread.slice(i + 1));
        break;
      }
    } finally {
      await this.recordSoon(sent);
    }
  }

  /**
   * Records deliveries soon after they happen: threads that finish while a write is under way
   * are recorded together by the next one, so a batch still costs a few statements, not one per
   * thread.
   */
  private recordSoon(sent: { message: ClaimedMessage; platformMessageId?: string }[]): Promise<void> {
    if (sent.length === 0) return this.recording ?? Promise.resolve();
    this.unrecorded.push(...sent);
    this.recording ??= (async () => {
      try {
        // Threads finishing in the same turn go into the first write.
        await Promise.resolve();
        while (this.unrecorded.length > 0) await this.recordSent(this.unrecorded.splice(0));
      } finally {
        this.recording = undefined;
      }
    })();
    return this.recording;
  }

  private async deliverOne(message: ClaimedMessage, existingMessageId: string | undefined): Promise<DeliveryResult> {
    const deliverer = this.deliverers.get(message.platform);
    const started = performance.now();
    let result: DeliveryResult;
    try {
      result = deliverer
        ? await deliverer.deliver({ ...message, existingMessageId })
        : { ok: false, retryable: true, error: `no adapter for ${message.platform}` };
    } catch (error) {
      result = { ok: false, retryable: true, error: (error as Error).message };
    }
    await this.options.afterSend?.(message);
    this.options.onDelivered?.(message, result, performance.now() - started);
    return result;
  }

  private async existingMessageIds(messages: ClaimedMessage[]): Promise<Map<string, string>> {
    const keys = [...new Set(messages.filter((m) => m.replaceKey).map((m) => m.replaceKey!))];
    if (keys.length === 0) return new Map();
    const rows = await this.db.prisma.messageRef.findMany({ where: { replaceKey: { in: keys } } });
    return new Map(
      rows.map((row) => [`${row.replaceKey}\u0000${row.platform}\u0000${row.conversationId}\u0000${row.threadId}`, row.messageId]),
    );
  }

  /** Records a batch of successful deliveries in at most three statements, whatever its size. */
  private async recordSent(sent: { message: ClaimedMessage; platformMessageId?: string }[]): Promise<void> {
    if (sent.length === 0) return;
    const now = this.clock.now();
    await this.db.fast.query(Prisma.sql`UPDATE "Outbox" SET status = 'sent', "sentAt" = ${now}, "leaseUntil" = NULL, "lastError" = NULL
      WHERE id IN (${Prisma.join(sent.map((s) => s.message.id))})`);
    const refs = new Map<string, Prisma.Sql>();
    const links: Prisma.Sql[] = [];
    for (const { message, platformMessageId } of sent) {
      if (!platformMessageId) continue;
      const target = message.message.target;
      const threadId = target.threadId ?? "";
      if (message.replaceKey) {
        // The last delivery of a key wins; two rows for one key in a statement would fail ON CONFLICT.
        refs.set(
          existingKey(message),
          Prisma.sql`(${message.replaceKey}, ${target.platform}, ${target.conversationId}, ${threadId}, ${platformMessageId}, ${now})`,
        );
      }
      const link = message.message.linkCase;
      // Replies in the thread under this message are about the case.
      if (link)
        links.push(
          Prisma.sql`(${newId()}, ${link.caseId}, ${target.platform}, ${target.conversationId}, ${threadId || platformMessageId}, ${link.role}, ${now})`,
        );
    }
    if (refs.size > 0)
      await this.db.fast
        .query(Prisma.sql`INSERT INTO "MessageRef" ("replaceKey", platform, "conversationId", "threadId", "messageId", "updatedAt")
        VALUES ${Prisma.join([...refs.values()])}
        ON CONFLICT ("replaceKey", platform, "conversationId", "threadId") DO UPDATE SET "messageId" = excluded."messageId", "updatedAt" = excluded."updatedAt"`);
    if (links.length > 0)
      await this.db.fast.query(Prisma.sql`INSERT INTO "ThreadLink" (id, "caseId", platform, "conversationId", "threadId", role, "createdAt")
        VALUES ${Prisma.join(links)} ON CONFLICT ("caseId", platform, "conversationId", "threadId") DO NOTHING`);
  }

  private async recordFailure(message: ClaimedMessage, result: Extract<DeliveryResult, { ok: false }>): Promise<void> {
    const now = this.clock.now();
    const ageMs = now.getTime() - message.createdAt.getTime();
    if (!result.retryable || ageMs >= this.giveUpAfterMs) {
      this.log.error(
        {
          outbox: message.id,
          key: message.idempotencyKey,
          platform: message.platform,
          conversation: message.message.target.conversationId,
          attempts: message.attempt,
          ageMinutes: Math.round(ageMs / 60_000),
          error: result.error,
        },
        result.retryable ? "message still undelivered after the give-up time; giving up" : "message refused by the platform; giving up",
      );
      if (message.message.fallback && this.fallback) {
        try {
          await this.fallback(message, result.error);
          // The redirected copy was just written: deliver it in this run rather than at the next poll.
          this.kicked = true;
        } catch (error) {
          // The message is still dead, listed and counted; the error says why it went nowhere else.
          this.log.error({ err: error, outbox: message.id }, "could not send the refused ping to its fallback target");
        }
      }
      await this.db.prisma
        .$executeRaw`UPDATE "Outbox" SET status = 'dead', "leaseUntil" = NULL, "lastError" = ${result.error} WHERE id = ${message.id}`;
      return;
    }
    if (result.throttled) {
      // The platform asked us to wait: the claim's attempt is given back, the wait respected.
      const wait = result.retryAfterMs ?? THROTTLED_WAIT_MS;
      this.log.warn({ outbox: message.id, retryInMs: wait, error: result.error }, "platform asked to wait; will retry");
      await this.db.fast.query(Prisma.sql`UPDATE "Outbox" SET status = 'pending', "leaseUntil" = NULL, "lastError" = ${result.error},
        attempts = attempts - 1, "nextAttemptAt" = ${new Date(now.getTime() + wait)} WHERE id = ${message.id}`);
      return;
    }
    const backoff = result.retryAfterMs ?? Math.min(1_000 * 2 ** (message.attempt - 1), 300_000) * (0.8 + Math.random() * 0.4);
    this.log.warn(
      { outbox: message.id, attempts: message.attempt, retryInMs: Math.round(backoff), error: result.error },
      "delivery failed; will retry",
    );
    await this.db.fast.query(Prisma.sql`UPDATE "Outbox" SET status = 'pending', "leaseUntil" = NULL, "lastError" = ${result.error},
      "nextAttemptAt" = ${new Date(now.getTime() + backoff)} WHERE id = ${message.id}`);
  }

  /** Puts claimed-but-unsent messages back, without counting an attempt. */
  private async release(messages: ClaimedMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.db.fast.query(Prisma.sql`UPDATE "Outbox" SET status = 'pending', "leaseUntil" = NULL, attempts = attempts - 1
      WHERE id IN (${Prisma.join(messages.map((m) => m.id))})`);
  }
}

const existingKey = (message: ClaimedMessage) =>
  `${message.replaceKey}\u0000${message.message.target.platform}\u0000${message.message.target.conversationId}\u0000${message.message.target.threadId ?? ""}`;
