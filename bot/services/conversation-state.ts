/**
 * Short-lived conversation state (an intake in progress, a pending confirmation), keyed by
 * conversation, thread and person, stored in the database so that any replica and any restart
 * continues the same conversation.
 */
import type { Database } from "../../db/client.ts";
import type { Clock } from "../clock.ts";

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

  async get<T>(key: string): Promise<StoredState<T> | undefined> {
    const row = await this.db.prisma.conversationState.findUnique({ where: { key } });
    if (!row || row.expiresAt.getTime() <= this.clock.now().getTime()) return undefined;
    return { kind: row.kind, data: JSON.parse(row.data) as T, updatedAt: row.updatedAt };
  }

  async set<T>(key: string, kind: string, data: T, ttlMs = 24 * 3_600_000): Promise<void> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + ttlMs);
    const json = JSON.stringify(data);
    await this.db.prisma.conversationState.upsert({
      where: { key },
      create: { key, kind, data: json, updatedAt: now, expiresAt },
      update: { kind, data: json, updatedAt: now, expiresAt },
    });
  }

  async clear(key: string): Promise<void> {
    await this.db.prisma.conversationState.deleteMany({ where: { key } });
  }

  /** Removes expired state. */
  async prune(): Promise<number> {
    const result = await this.db.prisma.conversationState.deleteMany({ where: { expiresAt: { lt: this.clock.now() } } });
    return result.count;
  }
}
