/**
 * Which channel threads the bot takes part in. In a channel the bot hears every message (scope
 * channels:history) but answers only when spoken to — a mention — or inside a thread it is part
 * of: a case thread (ThreadLink) or a thread it has written in (the outbox). Other people's
 * threads are none of its business, as Slack users expect of an app.
 *
 * Read-only, on tables the core writes; one indexed query per un-mentioned thread reply, and
 * threads found are remembered in memory.
 */
import type { Database } from "../../db/client.ts";

const MAX_REMEMBERED = 50_000;

export class EngagedThreads {
  private readonly known = new Set<string>();

  constructor(private readonly db: Database) {}

  /** Marks a thread as one the bot is part of (it was mentioned there, or started it). */
  remember(channel: string, threadTs: string): void {
    if (this.known.size >= MAX_REMEMBERED) this.known.clear();
    this.known.add(`${channel}\u0000${threadTs}`);
  }

  async isEngaged(channel: string, threadTs: string): Promise<boolean> {
    if (this.known.has(`${channel}\u0000${threadTs}`)) return true;
    const rows = await this.db.prisma.$queryRaw<{ hit: number }[]>`
      SELECT 1 AS hit FROM "ThreadLink" WHERE platform = 'slack' AND "conversationId" = ${channel} AND "threadId" = ${threadTs}
      UNION ALL
      SELECT 1 AS hit FROM "Outbox" WHERE status IN ('pending', 'sending', 'sent') AND platform = 'slack'
        AND "conversationId" = ${channel} AND "threadId" = ${threadTs}
      LIMIT 1`;
    if (rows.length === 0) return false;
    this.remember(channel, threadTs);
    return true;
  }
}
