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
 * Whether a reply is out is the core's to say (the host's `delivered`, which also hears of
 * replies another replica delivered); the card updates are Teams' own.
 */
import type { AdaptiveCard } from "./adaptive-card.ts";

/** The host's `delivered`: resolves once the message is out or given up, or after `timeoutMs`. */
export type DeliveredWait = (key: string, timeoutMs: number) => Promise<unknown>;

/** How long a turn waits at most; past it the reply still goes out, just after the HTTP answer. */
export const REPLY_WAIT_MS = 2_000;
/** Teams gives an invoke a few seconds; a card update not seen by then is left to the PUT alone. */
export const CARD_WAIT_MS = 1_500;
/** After the turn's own replies are out, how long a card update may still trail them. */
const CARD_GRACE_MS = 150;
/** Card updates remembered for a turn that starts waiting after its card was already replaced. */
const RECENT_LIMIT = 10_000;

export class DeliveryWaits {
  private readonly cardWaiting = new Map<string, (card: AdaptiveCard | undefined) => void>();
  private readonly recentCards = new Map<string, { at: number; card: AdaptiveCard }>();

  constructor(private readonly delivered: DeliveredWait) {}

  /** Resolves when every key is delivered or given up, or after `timeoutMs`. */
  async waitFor(keys: string[], timeoutMs = REPLY_WAIT_MS): Promise<void> {
    await Promise.all(keys.map((key) => this.delivered(key, timeoutMs)));
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
