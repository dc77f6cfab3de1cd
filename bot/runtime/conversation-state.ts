/**
 * Short-lived conversation state (an intake in progress, a pending confirmation), keyed by
 * conversation, thread and person, stored in the database so that any replica and any restart
 * continues the same conversation.
 */
import { Prisma, type Database } from "../../db/client.ts";
import { toDate } from "../../db/fast-sql.ts";
import type { Clock } from "../../core/clock.ts";

export interface StoredState<T> {
  kind: string;
  data: T;
  updatedAt: Date;
}

export class ConversationStates {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  // Every plain message in a conversation reads this; it runs on the driver (db/fast-sql.ts).
  async get<T>(key: string): Promise<StoredState<T> | undefined> {
    const [row] = await this.db.fast.query(
      Prisma.sql`SELECT kind, data, "updatedAt", "expiresAt" FROM "ConversationState" WHERE key = ${key}`,
    );
    if (!row || toDate(row.expiresAt).getTime() <= this.clock.now().getTime()) return undefined;
    return { kind: String(row.kind), data: JSON.parse(String(row.data)) as T, updatedAt: toDate(row.updatedAt) };
  }

  async set<T>(key: string, kind: string, data: T, ttlMs = 24 * 3_600_000): Promise<void> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + ttlMs);
    await this.db.fast.query(Prisma.sql`INSERT INTO "ConversationState" (key, kind, data, "updatedAt", "expiresAt")
      VALUES (${key}, ${kind}, ${JSON.stringify(data)}, ${now}, ${expiresAt})
      ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, data = excluded.data, "updatedAt" = excluded."updatedAt", "expiresAt" = excluded."expiresAt"`);
  }

  async clear(key: string): Promise<void> {
    await this.db.fast.query(Prisma.sql`DELETE FROM "ConversationState" WHERE key = ${key}`);
  }

  /** Removes expired state. */
  async prune(): Promise<number> {
    const result = await this.db.prisma.conversationState.deleteMany({ where: { expiresAt: { lt: this.clock.now() } } });
    return result.count;
  }
}
