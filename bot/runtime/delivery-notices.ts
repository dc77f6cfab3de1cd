/**
 * Tells whoever waits for an outbox message that it is out: delivered, or given up on. Adapters
 * wait on this to pace themselves by their replies (Slack holds acknowledgements back, Teams ends
 * a turn after its reply); the outbox still does the sending, so exactly once holds, and a wait
 * that runs out changes nothing.
 *
 * In scaled mode another replica may deliver the message: its notice arrives over the wake bus
 * and settles the same waits.
 */

/** How a wait ended: the message went out, the outbox gave up on it, or the wait ran out first. */
export type DeliveryOutcome = "delivered" | "given-up" | "timed-out";

/** Settled keys remembered for a wait that starts after its message already went out. */
const RECENT_LIMIT = 10_000;

export class DeliveryNotices {
  private readonly waiting = new Map<string, Set<(outcome: DeliveryOutcome) => void>>();
  private readonly recent = new Map<string, DeliveryOutcome>();

  /** The outbox (this replica's or another's) is done with the message under `key`. */
  settled(key: string, outcome: Exclude<DeliveryOutcome, "timed-out">): void {
    const waiters = this.waiting.get(key);
    if (waiters) {
      this.waiting.delete(key);
      for (const resolve of waiters) resolve(outcome);
      return;
    }
    // The dispatcher can be quicker than the handler that planned the message starts waiting.
    if (this.recent.size >= RECENT_LIMIT) this.recent.clear();
    this.recent.set(key, outcome);
  }

  /** Resolves once the message under `key` is delivered or given up, or after `timeoutMs`. */
  delivered(key: string, timeoutMs: number): Promise<DeliveryOutcome> {
    const early = this.recent.get(key);
    if (early) {
      this.recent.delete(key);
      return Promise.resolve(early);
    }
    return new Promise((resolve) => {
      const waiters = this.waiting.get(key) ?? new Set();
      this.waiting.set(key, waiters);
      const done = (outcome: DeliveryOutcome) => {
        clearTimeout(timer);
        resolve(outcome);
      };
      const timer = setTimeout(() => {
        waiters.delete(done);
        if (waiters.size === 0 && this.waiting.get(key) === waiters) this.waiting.delete(key);
        resolve("timed-out");
      }, timeoutMs);
      timer.unref?.();
      waiters.add(done);
    });
  }
}
