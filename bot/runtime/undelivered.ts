/**
 * Messages the outbox gave up on (status `dead`): refused by the platform for good, or still
 * undelivered when OUTBOX_GIVE_UP_AFTER ran out. Support staff list them in chat (`outbox dead`)
 * to tell the people concerned by other means; the log and the `switchboard_outbox_dead` gauge
 * say the same to operators.
 */
import { policy, type Viewer } from "../authz.ts";
import type { Database } from "../../db/client.ts";
import { forbidden } from "../errors.ts";
import type { OutboundMessage } from "../events.ts";
import type { Platform } from "../../core/vocabulary.ts";

export interface UndeliveredMessage {
  platform: Platform;
  conversationId: string;
  /** The start of the text, or the card's title. */
  summary: string;
  attempts: number;
  lastError: string;
  queuedAt: Date;
}

/** Lists undelivered messages, newest first. */
export class UndeliveredMessages {
  constructor(private readonly db: Database) {}

  async list(viewer: Viewer, limit = 20): Promise<{ total: number; messages: UndeliveredMessage[] }> {
    if (!policy.isSupport(viewer)) throw forbidden("outbox.supportOnly");
    const [total, rows] = await Promise.all([
      this.db.prisma.outbox.count({ where: { status: "dead" } }),
      this.db.prisma.outbox.findMany({ where: { status: "dead" }, orderBy: { createdAt: "desc" }, take: limit }),
    ]);
    return {
      total,
      messages: rows.map((row) => ({
        platform: row.platform as Platform,
        conversationId: row.conversationId,
        summary: summarize(JSON.parse(row.payload) as OutboundMessage),
        attempts: row.attempts,
        lastError: row.lastError ?? "",
        queuedAt: row.createdAt,
      })),
    };
  }
}

function summarize(message: OutboundMessage): string {
  const text = (message.text ?? message.card?.title ?? "").replace(/\s+/g, " ").trim();
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
