/**
 * Writing to the outbox. Anything that must reach a person is inserted here in the same
 * transaction as the change that caused it; the dispatcher (bot/runtime/dispatcher.ts) delivers
 * it afterwards with retries. The idempotency key makes a second insert of the same message a
 * no-op, so a retried or resumed event never sends twice.
 */
import { Prisma, type Tx } from "../../db/client.ts";
import { newId } from "../../db/ids.ts";
import type { InboundEvent, OutboundMessage } from "../events.ts";
import { storedMeta, type OutboxMeta } from "./outbox-meta.ts";

/** The outbox key of the n-th reply to an event: stable across redeliveries and resumes. */
export function replyKey(event: Pick<InboundEvent, "platform" | "deliveryId">, index: number): string {
  return `${event.platform}:${event.deliveryId}:out:${index}`;
}

export interface QueuedMessage {
  /** Unique per message; derived from what caused it (delivery id, case event id …). */
  key: string;
  message: OutboundMessage;
  caseId?: string | null;
  /** What the message is for (read after delivery: metrics, waits); none for most messages. */
  meta?: OutboxMeta;
}

/** Inserts messages into the outbox inside the caller's transaction (one statement). */
export async function enqueueMessages(tx: Tx, items: QueuedMessage[], now: Date): Promise<void> {
  const statement = enqueueStatement(items, now);
  if (statement) await tx.$executeRaw(statement);
}

/** The statement that inserts messages into the outbox (for the hot paths of db/fast-sql.ts). */
export function enqueueStatement(items: QueuedMessage[], now: Date): Prisma.Sql | undefined {
  if (items.length === 0) return undefined;
  const rows = items.map(({ key, message, caseId, meta }) => {
    const at = now.getTime();
    return Prisma.sql`(${newId(at)}, ${key}, ${message.target.platform}, ${message.target.conversationId}, ${message.target.threadId ?? ""},
      ${JSON.stringify(message)}, 'pending', 0, ${now}, ${message.replaceKey ?? null}, ${caseId ?? null}, ${storedMeta(meta)}, ${now})`;
  });
  return Prisma.sql`INSERT INTO "Outbox" (id, "idempotencyKey", platform, "conversationId", "threadId", payload, status, attempts,
      "nextAttemptAt", "replaceKey", "caseId", meta, "createdAt")
    VALUES ${Prisma.join(rows)}
    ON CONFLICT ("idempotencyKey") DO NOTHING`;
}
