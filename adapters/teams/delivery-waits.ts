/**
 * Lets a turn wait, briefly, until the outbox has delivered its replies. The CloudAdapter answers
 * Teams when the turn ends; ending it once the reply is out keeps the HTTP answer after the reply
 * (as a bot that replies in the turn behaves) and, under load, slows Teams' deliveries to the
 * pace replies go out instead of growing a backlog. The outbox still sends, so exactly once holds.
 */

/** How long a turn waits at most; past it the reply still goes out, just after the HTTP answer. */
export const REPLY_WAIT_MS = 2_000;
/** Deliveries remembered for a turn that starts waiting after its reply already went out. */
const RECENT_LIMIT = 10_000;

export class DeliveryWaits {
  private readonly waiting = new Map<string, () => void>();
  private readonly recent = new Set<string>();

  /** Called by the deliverer once an attempt for the key is over (sent or not). */
  settled(key: string): void {
    const resolve = this.waiting.get(key);
    if (resolve) {
      this.waiting.delete(key);
      resolve();
      return;
    }
    if (this.recent.size >= RECENT_LIMIT) this.recent.clear();
    this.recent.add(key);
  }

  /** Resolves when every key has settled, or after `timeoutMs`. */
  async waitFor(keys: string[], timeoutMs = REPLY_WAIT_MS): Promise<void> {
    const pending = keys.filter((key) => !this.recent.delete(key));
    if (pending.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(pending.map((key) => new Promise<void>((resolve) => this.waiting.set(key, resolve)))),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
    for (const key of pending) this.waiting.delete(key);
  }
}
