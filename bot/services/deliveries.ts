/**
 * Inbound idempotency. Platforms redeliver (Slack retries with the same event_id, Teams resends
 * an activity, partners repeat webhooks); each delivery id is processed once, even when two
 * copies arrive at the same moment — the primary key decides which one wins.
 *
 * A delivery is first recorded as `processing` with a lease and the normalized event. If the
 * process dies before it is marked `done`, the lease runs out and the event is resumed (at start
 * and periodically); handlers derive their idempotency keys from the delivery id, so resuming
 * never doubles a case, a comment or a message.
 */
import { Prisma, type Database } from "../../db/client.ts";
import type { Clock } from "../clock.ts";
import { inboundEventSchema, type InboundEvent } from "../events.ts";

export type Admission = "new" | "duplicate" | "resumed";

const LEASE_MS = 60_000;

export class InboundDeliveries {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly leaseMs = LEASE_MS,
  ) {}

  /** Records the delivery; tells whether to process it. */
  async admit(event: InboundEvent): Promise<Admission> {
    const now = this.clock.now();
    const lease = new Date(now.getTime() + this.leaseMs);
    // Every event passes here, so it runs on the driver directly (db/fast-sql.ts).
    const inserted = await this.db.fast
      .query(Prisma.sql`INSERT INTO "InboundDelivery" (platform, "deliveryId", status, "leaseUntil", "receivedAt", event)
      VALUES (${event.platform}, ${event.deliveryId}, 'processing', ${lease}, ${now}, ${JSON.stringify(event)})
      ON CONFLICT (platform, "deliveryId") DO NOTHING RETURNING "deliveryId"`);
    if (inserted.length > 0) return "new";
    // Taken over only when the first attempt stopped without finishing (its lease ran out).
    const taken = await this.db.fast.query(Prisma.sql`UPDATE "InboundDelivery" SET "leaseUntil" = ${lease}
      WHERE platform = ${event.platform} AND "deliveryId" = ${event.deliveryId} AND status = 'processing' AND "leaseUntil" < ${now}
      RETURNING "deliveryId"`);
    return taken.length > 0 ? "resumed" : "duplicate";
  }

  /** Marks the delivery processed; the stored event is dropped, the id is kept for dedupe. */
  async complete(event: InboundEvent, error?: string): Promise<void> {
    await this.db.fast.query(Prisma.sql`UPDATE "InboundDelivery" SET status = 'done', event = NULL, error = ${error ?? null}
      WHERE platform = ${event.platform} AND "deliveryId" = ${event.deliveryId}`);
  }

  /** Deliveries whose processing was interrupted (lease expired), to be resumed. */
  async interrupted(limit = 100): Promise<InboundEvent[]> {
    const rows = await this.db.prisma.$queryRaw<{ event: string | null }[]>`SELECT event FROM "InboundDelivery"
      WHERE status = 'processing' AND "leaseUntil" < ${this.clock.now()} ORDER BY "receivedAt" LIMIT ${limit}`;
    const events: InboundEvent[] = [];
    for (const row of rows) {
      const parsed = row.event ? inboundEventSchema.safeParse(JSON.parse(row.event)) : undefined;
      if (parsed?.success) events.push(parsed.data);
    }
    return events;
  }

  /** Forgets delivery ids older than the platforms' redelivery windows. */
  async prune(olderThanMs = 7 * 24 * 3_600_000): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - olderThanMs);
    return this.db.prisma.$executeRaw`DELETE FROM "InboundDelivery" WHERE status = 'done' AND "receivedAt" < ${cutoff}`;
  }
}
