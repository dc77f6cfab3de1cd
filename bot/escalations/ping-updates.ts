/**
 * The personal pings of an escalation ("You were assigned CS-10002 …" in an assignee's Slack DM or
 * Teams personal chat) are sent with a replace key, as the channel cards are. Every Ack, Take,
 * Reassign or Resolve then updates each ping already delivered, in place, saying who did it and
 * when; a ping that went to a fallback channel instead carries no key and is left as it was.
 */
import type { Tx } from "../../db/client.ts";
import { translator, type Translator } from "../i18n/index.ts";
import type { CaseChange } from "../cases/notify.ts";
import type { CaseView } from "../cases/view.ts";
import type { Directory } from "../people/directory.ts";
import type { QueuedMessage } from "../runtime/outbox.ts";
import type { Platform } from "../../core/vocabulary.ts";
import { clockIn, lastAcknowledgement, readerTimeZone } from "./card-state.ts";

/** The replace key of the case's personal pings; the chat itself tells the copies apart. */
export const personalPingKey = (caseId: string) => `case:${caseId}:personal-ping`;

/** What the assignee's ping says when it is first sent. */
export const assignedPingText = (view: CaseView, t: Translator) =>
  t("esc.assigned.you", { case: view.ref, severity: view.severity, organization: view.organizationName, title: view.title });

const UPDATED_ON = new Set<CaseChange["kind"]>(["acknowledged", "assigned", "resolved"]);

/** The updates of every personal ping of the case already delivered, for one change. */
export async function planPingUpdates(
  tx: Tx,
  directory: Directory,
  view: CaseView,
  change: CaseChange,
  now: Date,
): Promise<QueuedMessage[]> {
  if (!UPDATED_ON.has(change.kind)) return [];
  const pings = await tx.messageRef.findMany({ where: { replaceKey: personalPingKey(view.id) }, orderBy: { conversationId: "asc" } });
  if (pings.length === 0) return [];
  const t = translator("en");
  const zone = await readerTimeZone(tx, directory, view);
  const lines = [assignedPingText(view, t)];
  // The acknowledgement stays on the ping whatever comes after it; the other changes are the latest.
  const acknowledged = await lastAcknowledgement(tx, view.id);
  if (acknowledged)
    lines.push(
      t("esc.ack.by", { level: Math.max(1, view.sla.acknowledgedLevel), name: acknowledged.name, time: clockIn(acknowledged.at, zone) }),
    );
  const time = clockIn(now, zone);
  if (change.kind === "assigned")
    lines.push(
      change.to === change.actorName
        ? t("esc.ping.taken", { name: change.actorName, time })
        : t("esc.ping.reassigned", { to: change.to ?? "", name: change.actorName, time }),
    );
  if (change.kind === "resolved") lines.push(t("esc.ping.resolved", { name: change.actorName, time }));
  return pings.map((ping, i) => ({
    key: `case:${view.id}:${change.eventId}:ping:${i}`,
    caseId: view.id,
    message: {
      target: {
        platform: ping.platform as Platform,
        conversationId: ping.conversationId,
        threadId: ping.threadId || undefined,
        kind: "personal",
      },
      visibility: "internal",
      text: lines.join("\n"),
      replaceKey: personalPingKey(view.id),
      lang: "en",
    },
  }));
}
