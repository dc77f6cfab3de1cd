/**
 * Which threads the bot takes part in: a case thread (ThreadLink) or a thread it has written in
 * (the outbox). Adapters ask this for messages in a channel thread that did not mention the bot:
 * other people's threads are none of its business. One indexed query per question.
 */
import type { Database } from "../../db/client.ts";
import type { Platform } from "../../core/vocabulary.ts";

export interface ThreadQueries {
  /** Whether the bot linked a case to the thread or has written (or is writing) in it. */
  isEngaged(platform: Platform, conversationId: string, threadId: string): Promise<boolean>;
}

/** The thread look-ups on the database. */
export function threadQueries(db: Database): ThreadQueries {
  return {
    async isEngaged(platform, conversationId, threadId) {
      const rows = await db.prisma.$queryRaw<{ hit: number }[]>`
        SELECT 1 AS hit FROM "ThreadLink" WHERE platform = ${platform} AND "conversationId" = ${conversationId} AND "threadId" = ${threadId}
        UNION ALL
        SELECT 1 AS hit FROM "Outbox" WHERE status IN ('pending', 'sending', 'sent') AND platform = ${platform}
          AND "conversationId" = ${conversationId} AND "threadId" = ${threadId}
        LIMIT 1`;
      return rows.length > 0;
    },
  };
}
