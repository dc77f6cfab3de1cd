/**
 * Who hears about a change to a case, and what they read. Pure planning: the case service writes
 * the resulting messages to the outbox in the same transaction as the change.
 *
 * - customer threads: public changes, in the case's language; resolution comes with the buttons
 *   "It works now" / "Reopen"
 * - partner threads: public changes, in English
 * - engineers' threads: every change, internal notes included
 * - engineers' channels: the case card, updated in place on every change
 */
import { renderCaseCard } from "../cards/case-card.ts";
import type { ConversationRef, Language, ThreadRole, Visibility } from "../events.ts";
import { translator, type Translator } from "../i18n/index.ts";
import type { CaseView } from "./case-view.ts";
import type { QueuedMessage } from "./outbox.ts";

export type CaseChangeKind = "opened" | "comment" | "note" | "status" | "severity" | "resolved" | "reopened" | "closed" | "assigned";

export interface CaseChange {
  eventId: string;
  kind: CaseChangeKind;
  visibility: Visibility;
  actorName: string;
  body?: string;
  from?: string;
  to?: string;
}

export interface NotifyTarget {
  ref: ConversationRef;
  role: ThreadRole | "engineers_channel";
}

const sameThread = (a: ConversationRef, b: ConversationRef) =>
  a.platform === b.platform && a.conversationId === b.conversationId && (a.threadId ?? "") === (b.threadId ?? "");

function changeText(view: CaseView, change: CaseChange, t: Translator, forCustomer: boolean): string | undefined {
  const base = { case: view.ref, author: change.actorName, body: change.body ?? "" };
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
    case "reopened":
      return t("case.update.reopened", base);
    case "closed":
      return t("case.update.closed", base);
    default:
      return undefined;
  }
}

/** Plans the outbox messages for one change. `except` is the conversation the change came from. */
export function planCaseNotifications(
  view: CaseView,
  change: CaseChange,
  targets: NotifyTarget[],
  except?: ConversationRef,
): QueuedMessage[] {
  const messages: QueuedMessage[] = [];
  targets.forEach((target, index) => {
    if (except && sameThread(target.ref, except)) return;
    const key = `case:${view.id}:${change.eventId}:${index}`;
    if (target.role === "engineers_channel") {
      const t = translator("en");
      messages.push({
        key,
        caseId: view.id,
        message: {
          target: target.ref,
          visibility: "internal",
          card: renderCaseCard(view, t, "support"),
          text:
            change.kind === "opened"
              ? t("case.new.engineers", { case: view.ref, organization: view.organizationName, title: view.title })
              : undefined,
          replaceKey: `case:${view.id}:support`,
          linkCase: change.kind === "opened" ? { caseId: view.id, role: "engineers" } : undefined,
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
        card: withCard ? renderCaseCard(view, t, "customer") : undefined,
        lang,
      },
    });
  });
  return messages;
}
