/**
 * What an outbox message is for, written where it is planned and read after it is delivered —
 * so nothing downstream parses idempotency keys. Stored as JSON on the outbox row.
 */
import { z } from "zod";

export const outboxMetaSchema = z.object({
  /**
   * `reply`: the answer to an inbound event (the replica that handled it may wait for it);
   * `escalation-ping`: a reminder to a level's audience; `escalation-announcement`: the first
   * word a level's channel hears of a case (when it opens, for level 1, or is raised there).
   */
  purpose: z.enum(["reply", "escalation-ping", "escalation-announcement"]).optional(),
  /** The escalation level an escalation ping or announcement notifies. */
  escalationLevel: z.number().int().min(1).optional(),
});

export type OutboxMeta = z.infer<typeof outboxMetaSchema>;

/** The stored JSON of a row's metadata (null without any). */
export function storedMeta(meta: OutboxMeta | undefined): string | null {
  return meta && Object.keys(meta).length > 0 ? JSON.stringify(meta) : null;
}

/** A row's metadata; a value this version does not understand reads as none. */
export function readMeta(stored: string | null | undefined): OutboxMeta {
  if (!stored) return {};
  const parsed = outboxMetaSchema.safeParse(JSON.parse(stored));
  return parsed.success ? parsed.data : {};
}

/** The escalation level a delivered message notified, if it is an escalation notification. */
export function notifiedLevel(meta: OutboxMeta): number | undefined {
  return meta.purpose === "escalation-ping" || meta.purpose === "escalation-announcement" ? meta.escalationLevel : undefined;
}
