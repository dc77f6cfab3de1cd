/**
 * Inbound idempotency. Platforms redeliver (Slack retries with the same event_id, Teams resends
 * an activity, partners repeat webhooks); each delivery id is processed once, even when two
 * copies arrive at the same moment — the primary key decides which one wins.
 *
 * A delivery is first recorded as `processing` with a lease and the normalized event. If the
 * process dies before it is marked `done`, the lease runs out and the event is resumed (at start
 * and periodically); handlers derive their idempotency keys from the delivery id, so resuming
 * never doubles a case, a comment or a message.
 *
 * Every attempt is counted. An attempt that failed on the infrastructure (database, disk,
 * network) is given back with a short backoff, so the next one may go ahead; one that was
 * interrupted (crash, hang) counts when its lease is taken over. At the limit the delivery is
 * **quarantined**: kept with its event and last error, no longer resumed, so one poison event
 * never holds up the others, start-up or readiness.
 */
import { Prisma, type Database } from "../../db/client.ts";
import { toDate, toNumber } from "../../db/fast-sql.ts";
import type { Clock } from "../../core/clock.ts";
import { inboundEventSchema, type InboundEvent } from "../events.ts";

export type Admission = "new" | "duplicate" | "resumed" | "quarantined";

const LEASE_MS = 60_000;
/** Attempts before a delivery is quarantined (INBOUND_MAX_ATTEMPTS). */
export const DEFAULT_MAX_ATTEMPTS = 5;
/** Backoff after a failed attempt: 1 s, 2 s, 4 s … capped. */
const BACKOFF_CAP_MS = 30_000;

/** A delivery kept aside after too many failed attempts (listed by the "quarantine" command). */
export interface QuarantinedDelivery {
  platform: string;
  deliveryId: string;
  receivedAt: Date;
  attempts: number;
  error: string | null;
  /** The conversation the event came from, when its event could be read. */
  conversationId: string | undefined;
}

export class InboundDeliveries {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly leaseMs = LEASE_MS,
    readonly maxAttempts = DEFAULT_MAX_ATTEMPTS,
  ) {}

  /** Records the delivery; tells whether to process it. */
  async admit(event: InboundEvent): Promise<Admission> {
    const now = this.clock.now();
    const lease = new Date(now.getTime() + this.leaseMs);
    // Every event passes here, so it runs on the driver directly (db/fast-sql.ts).
    const inserted = await this.db.fast
      .query(Prisma.sql`INSERT INTO "InboundDelivery" (platform, "deliveryId", status, "leaseUntil", "receivedAt", event, attempts)
      VALUES (${event.platform}, ${event.deliveryId}, 'processing', ${lease}, ${now}, ${JSON.stringify(event)}, 1)
      ON CONFLICT (platform, "deliveryId") DO NOTHING RETURNING "deliveryId"`);
    if (inserted.length > 0) return "new";
    // Taken over only when the last attempt stopped without finishing (its lease ran out, or it
    // failed and gave the lease back). One that ran out of attempts is quarantined instead.
    const taken = await this.db.fast.query(Prisma.sql`UPDATE "InboundDelivery"
      SET "leaseUntil" = ${lease}, attempts = attempts + 1,
        status = CASE WHEN attempts + 1 > ${this.maxAttempts} THEN 'quarantined' ELSE status END,
        error = CASE WHEN attempts + 1 > ${this.maxAttempts} THEN COALESCE(error, 'interrupted on every attempt') ELSE error END
      WHERE platform = ${event.platform} AND "deliveryId" = ${event.deliveryId} AND status = 'processing' AND "leaseUntil" < ${now}
      RETURNING status`);
    if (taken.length === 0) return "duplicate";
    return taken[0]!.status === "quarantined" ? "quarantined" : "resumed";
  }

  /** Marks the delivery processed; the stored event is dropped, the id is kept for dedupe. */
  async complete(event: InboundEvent, error?: string): Promise<void> {
    // A quarantined delivery keeps its event and error for the operators.
    await this.db.fast.query(Prisma.sql`UPDATE "InboundDelivery" SET status = 'done', event = NULL, error = ${error ?? null}
      WHERE platform = ${event.platform} AND "deliveryId" = ${event.deliveryId} AND status = 'processing'`);
  }

  /**
   * Records a failed attempt (the work was not done): the lease is given back after a backoff so
   * the platform's retry or the resume sweep runs it again — or, at the limit, the delivery is
   * quarantined. Tells which.
   */
  async fail(event: InboundEvent, error: string): Promise<"retry" | "quarantined"> {
    const now = this.clock.now().getTime();
    const rows = await this.db.fast.query(Prisma.sql`SELECT attempts FROM "InboundDelivery"
      WHERE platform = ${event.platform} AND "deliveryId" = ${event.deliveryId} AND status = 'processing'`);
    if (rows.length === 0) return "retry";
    // The first admission inserts with 0 attempts; that attempt is counted here.
    const attempts = Math.max(1, toNumber(rows[0]!.attempts));
    const quarantined = attempts >= this.maxAttempts;
    const retryAt = new Date(now + Math.min(BACKOFF_CAP_MS, 1_000 * 2 ** (attempts - 1)));
    await this.db.fast.query(Prisma.sql`UPDATE "InboundDelivery"
      SET attempts = ${attempts}, error = ${error.slice(0, 1_000)}, "leaseUntil" = ${retryAt},
        status = ${quarantined ? "quarantined" : "processing"}
      WHERE platform = ${event.platform} AND "deliveryId" = ${event.deliveryId} AND status = 'processing'`);
    return quarantined ? "quarantined" : "retry";
  }

  /** Deliveries kept aside after too many failed attempts, newest first. */
  async quarantined(limit = 20): Promise<{ total: number; rows: QuarantinedDelivery[] }> {
    const [count] = await this.db.fast.query(Prisma.sql`SELECT COUNT(*) AS n FROM "InboundDelivery" WHERE status = 'quarantined'`);
    const rows = await this.db.fast.query(Prisma.sql`SELECT platform, "deliveryId", "receivedAt", attempts, error, event
      FROM "InboundDelivery" WHERE status = 'quarantined' ORDER BY "receivedAt" DESC LIMIT ${limit}`);
    return {
      total: toNumber(count?.n ?? 0),
      rows: rows.map((row) => {
        let conversationId: string | undefined;
        try {
          conversationId = (JSON.parse(String(row.event)) as InboundEvent).conversation.conversationId;
        } catch {
          conversationId = undefined;
        }
        return {
          platform: String(row.platform),
          deliveryId: String(row.deliveryId),
          receivedAt: toDate(row.receivedAt),
          attempts: toNumber(row.attempts),
          error: row.error === null ? null : String(row.error),
          conversationId,
        };
      }),
    };
  }

  /**
   * Embedded mode only: one process owns the database file, so a delivery still leased at start
   * was left by this installation's previous run (a crash) and nobody else can be working on it.
   * Its lease is ended so the start-up resume takes it now instead of after the lease.
   */
  async reclaimAfterCrash(): Promise<number> {
    const reclaimed = await this.db.fast.query(Prisma.sql`UPDATE "InboundDelivery" SET "leaseUntil" = ${new Date(0)}
      WHERE status = 'processing' AND "leaseUntil" >= ${this.clock.now()} RETURNING "deliveryId"`);
    return reclaimed.length;
  }

  /** Deliveries whose processing was interrupted (lease expired) or failed (backoff over), to be resumed. */
  async interrupted(limit = 100): Promise<InboundEvent[]> {
    const rows = await this.db.prisma.$queryRaw<
      { platform: string; deliveryId: string; event: string | null }[]
    >`SELECT platform, "deliveryId", event
      FROM "InboundDelivery" WHERE status = 'processing' AND "leaseUntil" < ${this.clock.now()} ORDER BY "receivedAt" LIMIT ${limit}`;
    const events: InboundEvent[] = [];
    for (const row of rows) {
      let parsed: ReturnType<typeof inboundEventSchema.safeParse> | undefined;
      try {
        parsed = row.event ? inboundEventSchema.safeParse(JSON.parse(row.event)) : undefined;
      } catch {
        parsed = undefined;
      }
      if (parsed?.success) events.push(parsed.data);
      // An event that cannot be read back can never be resumed: set aside, not retried forever.
      else
        await this.db.fast.query(Prisma.sql`UPDATE "InboundDelivery" SET status = 'quarantined', error = 'the recorded event cannot be read'
          WHERE platform = ${row.platform} AND "deliveryId" = ${row.deliveryId} AND status = 'processing'`);
    }
    return events;
  }

  /** Forgets delivery ids older than the platforms' redelivery windows. */
  async prune(olderThanMs = 7 * 24 * 3_600_000): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - olderThanMs);
    return this.db.prisma.$executeRaw`DELETE FROM "InboundDelivery" WHERE status = 'done' AND "receivedAt" < ${cutoff}`;
  }
}
