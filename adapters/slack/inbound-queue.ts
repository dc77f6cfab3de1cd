/**
 * Runs acknowledged Slack events through the core, and tells the receiver when to hold the next
 * acknowledgement back.
 *
 * Retries: Slack does not redeliver what we acknowledged, so an event the core could not even
 * record (database unreachable) is retried here a few times; one it recorded but did not finish
 * is also resumed by the core's sweep. Duplicates are harmless: the core processes a delivery id
 * once.
 *
 * Backpressure: acknowledging first (Slack's 3 seconds) means a burst faster than the core can
 * go would pile up as acknowledged events that live only in memory, and as replies waiting in
 * the outbox — seconds of delay nobody sees at the HTTP level. `room()` makes the receiver wait
 * (at most 2 s, inside Slack's deadline) while too many events are in the core or their Slack
 * replies are still undelivered, so the pace of acknowledgements follows the pace of replies.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "pino";
import type { InboundEvent, OutboundMessage } from "../../bot/events.ts";
import type { Admission } from "../../bot/runtime/deliveries.ts";

/** Waits after a failed attempt before the next (the database may be restarting). */
const RETRY_DELAYS_MS = [1_000, 5_000, 30_000, 120_000];
/** Events in the core plus replies awaiting delivery before acknowledgements wait. */
const DEFAULT_LIMIT = 32;
/** A reply not delivered after this long (rate limit, outage) no longer holds acks back. */
const REPLY_PATIENCE_MS = 5_000;

export interface HandleOutcome {
  duplicate: boolean;
  outbound?: OutboundMessage[];
  outboundKeys?: string[];
}

export interface InboundQueueOptions {
  delays?: number[];
  limit?: number;
  /** Resolves when a reply is out (the host's `delivered`); without it replies hold nothing back. */
  delivered?: (key: string, timeoutMs: number) => Promise<unknown>;
}

export class InboundQueue {
  private readonly running = new Set<Promise<void>>();
  /** Outbox keys of Slack replies not yet delivered, with when they were queued (insertion order). */
  private readonly undelivered = new Map<string, number>();
  private readonly stopping = new AbortController();
  private readonly waiting: { wake: () => void; done: boolean }[] = [];

  constructor(
    private readonly handle: (event: InboundEvent, admitted?: Admission) => Promise<HandleOutcome>,
    private readonly log: Logger,
    private readonly options: InboundQueueOptions = {},
    private readonly admit?: (event: InboundEvent) => Promise<Admission>,
  ) {}

  /**
   * Records the event in the core, then starts processing it. Listeners await this before Slack
   * is acknowledged: an event Slack will never resend is then on disk before the 200 goes out,
   * and a crash right after leaves it to the core's resume sweep. A failure to record throws, so
   * the request is answered with an error and Slack retries.
   */
  async recordThenSubmit(event: InboundEvent): Promise<void> {
    const admitted = this.admit ? await this.admit(event) : undefined;
    void this.submit(event, admitted);
  }

  /** Resolves when there is room for another event, or after `maxWaitMs`. */
  room(maxWaitMs: number): Promise<void> {
    if (this.load() < (this.options.limit ?? DEFAULT_LIMIT)) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter = { done: false, wake: () => undefined as void };
      const timer = setTimeout(() => waiter.wake(), maxWaitMs);
      waiter.wake = () => {
        waiter.done = true;
        clearTimeout(timer);
        resolve();
      };
      this.waiting.push(waiter);
    });
  }

  /** Starts processing; returns when done (callers normally do not wait). */
  submit(event: InboundEvent, admitted?: Admission): Promise<void> {
    const run = this.run(event, admitted).finally(() => {
      this.running.delete(run);
      this.wakeOne();
    });
    this.running.add(run);
    return run;
  }

  /** Stops retrying and waits (bounded) for events in flight. */
  async drain(timeoutMs: number): Promise<void> {
    this.stopping.abort();
    for (const waiter of this.waiting.splice(0)) waiter.wake();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.running]), new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
  }

  private load(): number {
    const cutoff = Date.now() - REPLY_PATIENCE_MS;
    for (const [key, at] of this.undelivered) {
      if (at >= cutoff) break;
      this.undelivered.delete(key);
    }
    return this.running.size + this.undelivered.size;
  }

  private wakeOne(): void {
    if (this.load() >= (this.options.limit ?? DEFAULT_LIMIT)) return;
    for (let next = this.waiting.shift(); next; next = this.waiting.shift()) {
      if (next.done) continue;
      next.wake();
      return;
    }
  }

  private async run(event: InboundEvent, admitted?: Admission): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        // A retry after a failure admits again: the first admission may be what failed.
        const result = await this.handle(event, attempt === 0 ? admitted : undefined);
        if (result.duplicate) this.log.info({ delivery: event.deliveryId, retry: event.retry }, "Slack delivery already handled; ignored");
        const now = Date.now();
        const delivered = this.options.delivered;
        result.outboundKeys?.forEach((key, i) => {
          if (!delivered || result.outbound?.[i]?.target.platform !== "slack") return;
          this.undelivered.set(key, now);
          // Delivered, given up, or past patience: either way it no longer holds acks back.
          void delivered(key, REPLY_PATIENCE_MS).then(() => {
            if (this.undelivered.delete(key)) this.wakeOne();
          });
        });
        return;
      } catch (error) {
        const delay = (this.options.delays ?? RETRY_DELAYS_MS)[attempt];
        if (delay === undefined || this.stopping.signal.aborted) {
          this.log.error({ err: error, delivery: event.deliveryId, attempts: attempt + 1 }, "Slack event could not be recorded; giving up");
          return;
        }
        this.log.warn({ err: error, delivery: event.deliveryId, retryInMs: delay }, "Slack event could not be recorded; retrying");
        // Cut short by drain(): the next round gives up, and the core's resume sweep has the rest.
        await sleep(delay, undefined, { signal: this.stopping.signal }).catch(() => undefined);
      }
    }
  }
}
