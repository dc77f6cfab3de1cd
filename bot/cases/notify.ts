/**
 * Who hears about a change to a case, and what they read. The case and escalation services write
 * the resulting messages to the outbox in the same transaction as the change.
 *
 * - customer threads: public changes, in the case's language; resolution comes with the buttons
 *   "It works now" / "Reopen"
 * - partner threads: public changes, in English
 * - engineers' threads: every change, internal notes included
 * - engineers' channel (escalation level 1) and the managers' and service-management channels of
 *   the levels raised: the support card with its SLA clock, updated in place on every change
 */
import type { Tx } from "../../db/client.ts";
import { renderSupportCard } from "../escalations/card.ts";
import { readerTimeZone, supportCardState, type SupportCardState } from "../escalations/card-state.ts";
import type { ConversationRef, ThreadRole, Visibility } from "../events.ts";
import type { Language, Platform } from "../../core/vocabulary.ts";
import { renderCaseCard } from "./card.ts";
import { translator, type Translator } from "../i18n/index.ts";
import type { CaseView } from "./view.ts";
import type { Directory, RoutePurpose } from "../people/directory.ts";
import type { QueuedMessage } from "../runtime/outbox.ts";

export type CaseChangeKind =
  | "opened"
  | "comment"
  | "note"
  | "status"
  | "severity"
  | "resolved"
  | "fix_planned"
  | "reopened"
  | "closed"
  | "assigned"
  | "escalated"
  | "acknowledged"
  | "breach";

export interface CaseChange {
  eventId: string;
  kind: CaseChangeKind;
  visibility: Visibility;
  actorName: string;
  body?: string;
  from?: string;
  to?: string;
  /** The escalation level a change is about (escalated, acknowledged). */
  level?: number;
}

export interface NotifyTarget {
  ref: ConversationRef;
  role: ThreadRole | "escalation_channel";
  /** For escalation channels: the level whose card lives there. */
  level?: number;
  /** For escalation channels: who acknowledged, delivery notes — the same on every copy. */
  support?: SupportCardState;
  /** The zone the case's cards show times in to this target's readers (named on the card). */
  zone?: string;
}

/** The audience of each escalation level's channel. */
export const LEVEL_AUDIENCE: Record<number, RoutePurpose> = { 1: "engineers", 2: "managers", 3: "service_management" };

/** The replace key of a level's card: level 1 is the engineers' case card. */
export const supportCardKey = (caseId: string, level: number) => (level <= 1 ? `case:${caseId}:support` : `esc:${caseId}:L${level}`);

/**
 * The change came from this conversation, so its author already reads the handler's reply there.
 * A button pressed on a top-level card (Slack) comes from the channel itself: the case's thread
 * under that card is the same place to the reader, and a notice there would say it twice.
 */
const heardAt = (target: ConversationRef, origin: ConversationRef) =>
  target.platform === origin.platform &&
  target.conversationId === origin.conversationId &&
  (!origin.threadId || (target.threadId ?? "") === origin.threadId);

/** Everyone who follows a case: its linked threads and the channels of the levels raised. */
export async function caseTargets(tx: Tx, directory: Directory, view: CaseView): Promise<NotifyTarget[]> {
  const links = await tx.threadLink.findMany({ where: { caseId: view.id }, orderBy: { createdAt: "asc" } });
  const threads: NotifyTarget[] = links.map((link) => ({
    ref: { platform: link.platform as Platform, conversationId: link.conversationId, threadId: link.threadId || undefined },
    role: link.role as ThreadRole,
  }));
  const zone = await readerTimeZone(tx, directory, view);
  for (const thread of threads) thread.zone = zone;
  const channels: NotifyTarget[] = [];
  for (let level = 1; level <= Math.max(1, view.sla.escalationLevel); level++) {
    const purpose = LEVEL_AUDIENCE[level];
    if (!purpose) continue;
    for (const ref of await directory.routesFor(purpose, view.organizationId)) channels.push({ ref, role: "escalation_channel", level });
  }
  if (channels.length > 0) {
    const support = await supportCardState(tx, directory, view);
    for (const channel of channels) channel.support = support;
  }
  return [...threads, ...channels];
}

function changeText(view: CaseView, change: CaseChange, t: Translator, forCustomer: boolean): string | undefined {
  const base = { case: view.ref, author: change.actorName, body: change.body ?? "" };
  const level = change.level ? t(`esc.level.${Math.min(3, Math.max(1, change.level)) as 1 | 2 | 3}`) : "";
  switch (change.kind) {
    case "comment":
      return t("case.update.comment", base);
    case "note":
      return t("case.update.note", base);
    case "status":
      return t("case.update.status", { ...base, status: t(`case.status.${view.status}`) });
    case "severity":
      return t("case.update.severity", { ...base, from: change.from ?? "", to: change.to ?? "" });
    case "resolved":
      return t(forCustomer ? "case.update.resolved" : "case.update.resolvedInternal", {
        ...base,
        resolution: view.resolutionType ? t(`case.resolution.${view.resolutionType}`) : "",
      });
    case "fix_planned":
      return t("case.update.fixPlanned", { ...base, version: change.to ?? "" });
    case "reopened":
      return t("case.update.reopened", base);
    case "closed":
      return t("case.update.closed", base);
    case "escalated":
      return t("esc.raised", { case: view.ref, level, reason: change.body ?? "" });
    case "acknowledged":
      return t("esc.acknowledged", { case: view.ref, level: change.level ?? 1 });
    case "breach":
      return change.body;
    default:
      return undefined;
  }
}

/** Plans the outbox messages for one change. `except` is the conversation the change came from. */
export function planCaseNotifications(
  view: CaseView,
  change: CaseChange,
  targets: NotifyTarget[],
  except: ConversationRef | undefined,
  now: Date,
): QueuedMessage[] {
  const messages: QueuedMessage[] = [];
  targets.forEach((target, index) => {
    // Every copy of the support card is updated, the one whose button was pressed included.
    if (except && target.role !== "escalation_channel" && heardAt(target.ref, except)) return;
    const key = `case:${view.id}:${change.eventId}:${index}`;
    if (target.role === "escalation_channel") {
      const level = target.level ?? 1;
      const t = translator("en");
      // A level's channel first hears of the case when it is raised there (or opened, for level 1).
      const announce = (change.kind === "opened" && level === 1) || (change.kind === "escalated" && change.level === level);
      messages.push({
        key,
        caseId: view.id,
        // Counted as an escalation notification once it reaches the channel (app/metrics.ts).
        meta: announce ? { purpose: "escalation-announcement", escalationLevel: level } : undefined,
        message: {
          target: target.ref,
          visibility: "internal",
          card: renderSupportCard(view, t, now, level, target.support),
          text: announce
            ? change.kind === "opened"
              ? t("case.new.engineers", { case: view.ref, organization: view.organizationName, title: view.title })
              : changeText(view, change, t, false)
            : undefined,
          replaceKey: supportCardKey(view.id, level),
          linkCase: announce && level === 1 ? { caseId: view.id, role: "engineers" } : undefined,
          lang: "en",
        },
      });
      return;
    }
    if (change.visibility === "internal" && target.role !== "engineers") return;
    const lang: Language = target.role === "customer" ? view.language : "en";
    const t = translator(lang);
    const text = changeText(view, change, t, target.role === "customer");
    if (!text) return;
    const withCard = target.role === "customer" && (change.kind === "resolved" || change.kind === "closed");
    messages.push({
      key,
      caseId: view.id,
      message: {
        target: target.ref,
        visibility: target.role === "engineers" ? "internal" : "public",
        text,
        card: withCard ? renderCaseCard(view, t, "customer", { zone: target.zone ?? "UTC", lang }) : undefined,
        lang,
      },
    });
  });
  return messages;
}
