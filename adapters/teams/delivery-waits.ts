/**
 * Lets a turn wait, briefly, for what the outbox delivers on its behalf.
 *
 * - Replies: the CloudAdapter answers Teams when the turn ends; ending it once the reply is out
 *   keeps the HTTP answer after the reply (as a bot that replies in the turn behaves) and, under
 *   load, slows Teams' deliveries to the pace replies go out instead of growing a backlog.
 * - Card updates: a button whose handler changes a card through the outbox (its `replaceKey`, e.g.
 *   the support card on an acknowledged escalation) rather than inline still gets the new card in
 *   its invoke response, taken from the update the outbox just sent.
 * The outbox still does the sending, so exactly once holds; a wait that runs out changes nothing.
 */
import type { AdaptiveCard } from "./adaptive-card.ts";

/** How long a turn waits at most; past it the reply still goes out, just after the HTTP answer. */
export const REPLY_WAIT_MS = 2_000;
/** Teams gives an invoke a few seconds; a card update not seen by then is left to the PUT alone. */
export const CARD_WAIT_MS = 1_500;
/** After the turn's own replies are out, how long a card update may still trail them. */
const CARD_GRACE_MS = 150;
/** Deliveries remembered for a turn that starts waiting after its reply already went out. */
const RECENT_LIMIT = 10_000;

export class DeliveryWaits {
  private readonly waiting = new Map<string, () => void>();
  private readonly recent = new Set<string>();
  private readonly cardWaiting = new Map<string, (card: AdaptiveCard | undefined) => void>();
  private readonly recentCards = new Map<string, { at: number; card: AdaptiveCard }>();

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

  /** Called by the deliverer after it replaced a sent message's card (PUT). */
  cardUpdated(messageId: string, card: AdaptiveCard): void {
    const resolve = this.cardWaiting.get(messageId);
    if (resolve) return resolve(card);
    if (this.recentCards.size >= RECENT_LIMIT) this.recentCards.clear();
    this.recentCards.set(messageId, { at: Date.now(), card });
  }

  /**
   * The card `messageId` was updated with since `since` (ms), waiting until `replies` are out plus
   * a short grace, at most CARD_WAIT_MS. Undefined when no update came.
   */
  cardUpdateOf(messageId: string, since: number, replies: Promise<void>): Promise<AdaptiveCard | undefined> {
    const recent = this.recentCards.get(messageId);
    if (recent && recent.at >= since) {
      this.recentCards.delete(messageId);
      return Promise.resolve(recent.card);
    }
    return new Promise((resolve) => {
      let grace: NodeJS.Timeout | undefined;
      const done = (card: AdaptiveCard | undefined) => {
        clearTimeout(cap);
        clearTimeout(grace);
        if (this.cardWaiting.get(messageId) === done) this.cardWaiting.delete(messageId);
        resolve(card);
      };
      const cap = setTimeout(() => done(undefined), CARD_WAIT_MS);
      this.cardWaiting.set(messageId, done);
      void replies.then(() => (grace = setTimeout(() => done(undefined), CARD_GRACE_MS)));
    });
  }
}
