/**
 * The bridge's own entries on a case timeline (kind `partner`: ticket requested, opened, refused,
 * tracking number, joint call …) and who hears about them. Comments, status changes and the
 * resolution go through the case service instead, whose notifications already mirror them.
 *
 * Each entry is written with an origin key, so a redelivered event adds nothing the second time,
 * and its messages are keyed by the entry id, so they are queued once.
 */
import type { ReaderTime } from "../handlers/reader-zone.ts";
import { Prisma, type Tx } from "../../db/client.ts";
import { newId } from "../../db/ids.ts";
import type { Card, ConversationRef } from "../events.ts";
import { translator, type Translator } from "../i18n/index.ts";
import { recordAudit, type AuditEntry } from "../audit/log.ts";
import { caseTargets } from "../cases/notify.ts";
import type { CaseView } from "../cases/view.ts";
import type { Directory } from "../people/directory.ts";
import { enqueueMessages, type QueuedMessage } from "../runtime/outbox.ts";

/** A public entry on the case timeline: the customer sees what happened with the partner. */
export interface BridgeEntry {
  actorId: string | null;
  body: string;
  /** `op` says what the entry is (request, opened, failed, refused, referred, status, tracking, call, call_scheduled). */
  data: { op: string } & Record<string, unknown>;
  originKey: string | null;
}

/** The audit row of an entry; its subject is always the case. */
export type BridgeAudit = Omit<AuditEntry, "subjectType" | "subjectId" | "organizationId">;

/** What each side reads about an entry; a side without a text hears nothing. */
export interface BridgeNotice {
  /** The customer's threads, in the case's language; times in `time.zone` (the case's site's), named. */
  customer?: (t: Translator, time: ReaderTime) => { text?: string; card?: Card };
  /** The engineers' threads, in English. */
  engineers?: (t: Translator) => string;
  /** Shared partner chat threads (thread mode), in English. */
  partnerChat?: (t: Translator) => string;
  /** Deliver the entry to the partner's ticket as an operation (webhook connectors; see operations.ts). */
  partnerTicket?: boolean;
}

/** The outbox key of an entry's message to its n-th target (operations.ts reads the entry id back). */
export const bridgeMessageKey = (entryId: string, index: number) => `partner:evt:${entryId}:${index}`;

/**
 * Records what the bridge did on a case — its timeline entry and audit row — and queues its
 * messages for the case's threads, except `except` (the thread it came from). A redelivery adds
 * no entry and queues nothing, but is audited again.
 */
export async function recordBridgeEvent(
  tx: Tx,
  directory: Directory,
  view: CaseView,
  event: { entry: BridgeEntry; audit: BridgeAudit; notice: BridgeNotice; except?: ConversationRef },
  now: Date,
): Promise<void> {
  const entryId = await writeBridgeEntry(tx, view, event.entry, event.audit, now);
  if (entryId) await notifyBridge(tx, directory, view, entryId, event.notice, event.except, now);
}

/**
 * Adds an entry to the case timeline and its row to the audit log; the entry id, or undefined
 * when this origin already added it (a redelivery; the audit row is written all the same).
 */
export async function writeBridgeEntry(
  tx: Tx,
  view: CaseView,
  entry: BridgeEntry,
  audit: BridgeAudit,
  now: Date,
): Promise<string | undefined> {
  const id = newId(now.getTime());
  const rows = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`INSERT INTO "CaseEvent" (id, "caseId", kind, visibility, "actorId", body,
      data, "originKey", "createdAt")
    VALUES (${id}, ${view.id}, 'partner', 'public', ${entry.actorId}, ${entry.body.slice(0, 8_000)}, ${JSON.stringify(entry.data)},
      ${entry.originKey}, ${now})
    ON CONFLICT ("originKey") DO NOTHING RETURNING id`);
  await recordAudit(tx, { ...audit, subjectType: "case", subjectId: view.ref, organizationId: view.organizationId }, now);
  return rows[0]?.id;
}

const sameThread = (a: ConversationRef, b: ConversationRef) =>
  a.platform === b.platform && a.conversationId === b.conversationId && (a.threadId ?? "") === (b.threadId ?? "");

/** Queues the messages of an entry for the case's threads, except the one it came from. */
export async function notifyBridge(
  tx: Tx,
  directory: Directory,
  view: CaseView,
  entryId: string,
  notice: BridgeNotice,
  except: ConversationRef | undefined,
  now: Date,
): Promise<void> {
  const targets = await caseTargets(tx, directory, view);
  const messages: QueuedMessage[] = [];
  targets.forEach((target, index) => {
    if (target.role === "escalation_channel" || (except && sameThread(target.ref, except))) return;
    const key = bridgeMessageKey(entryId, index);
    if (target.role === "customer" && notice.customer) {
      const content = notice.customer(translator(view.language), { zone: target.zone ?? "UTC", lang: view.language });
      messages.push({ key, caseId: view.id, message: { target: target.ref, ...content, visibility: "public", lang: view.language } });
    } else if (target.role === "engineers" && notice.engineers) {
      messages.push({
        key,
        caseId: view.id,
        message: { target: target.ref, text: notice.engineers(translator("en")), visibility: "internal", lang: "en" },
      });
    } else if (target.role === "partner" && target.ref.platform === "partner" && notice.partnerTicket) {
      // The text is for logs and recordings; the partner deliverer sends the operation it stands for.
      messages.push({
        key,
        caseId: view.id,
        message: { target: target.ref, text: `partner operation ${entryId}`, visibility: "public", lang: "en" },
      });
    } else if (target.role === "partner" && target.ref.platform !== "partner" && notice.partnerChat) {
      messages.push({
        key,
        caseId: view.id,
        message: { target: target.ref, text: notice.partnerChat(translator("en")), visibility: "public", lang: "en" },
      });
    }
  });
  await enqueueMessages(tx, messages, now);
}
