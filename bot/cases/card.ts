/** The case card: the same facts for everyone, with the buttons that fit who is looking. */
import type { Card, CardAction } from "../events.ts";
import type { Translator } from "../i18n/index.ts";
import type { CaseView } from "./view.ts";
import { featureCaseButtons } from "./card-buttons.ts";
import { shorten } from "../../core/text/shorten.ts";
import { localizeDescription, reportedModelIn } from "./description.ts";
import { formatZoned, type ReaderTime } from "../handlers/reader-zone.ts";

export type CardAudience = "customer" | "support" | "partner";

/** The status in words, e.g. "waiting for the customer". */
export function statusLabel(t: Translator, status: CaseView["status"]): string {
  return t(`case.status.${status}`);
}

const ACTIVE = new Set<CaseView["status"]>(["open", "waiting_customer", "waiting_partner"]);

/** What the case's SLA clock awaits next, with its due time in the reader's zone; none when paused or done. */
function slaDue(view: CaseView, t: Translator, time: ReaderTime): string | undefined {
  const { sla } = view;
  if (!sla.policy || sla.pausedAt || !ACTIVE.has(view.status)) return undefined;
  if (!sla.firstResponseAt && sla.firstResponseDue)
    return t("case.sla.firstResponse", { time: formatZoned(sla.firstResponseDue, time.zone, time.lang) });
  if (sla.resolutionDue) return t("case.sla.resolution", { time: formatZoned(sla.resolutionDue, time.zone, time.lang) });
  return undefined;
}

/** The buttons for a case, by audience and status. */
export function caseActions(view: CaseView, t: Translator, audience: CardAudience): CardAction[] {
  const value = { case: view.ref };
  const actions: CardAction[] = [];
  if (audience === "customer") {
    if (view.status === "resolved") {
      actions.push({ id: "case.works", label: t("case.action.works"), value, style: "primary" });
      actions.push({ id: "case.reopen", label: t("case.action.reopen"), value });
    } else if (view.status === "closed") {
      actions.push({ id: "case.reopen", label: t("case.action.reopen"), value });
    } else {
      actions.push({ id: "case.escalate", label: t("case.action.escalate"), value, style: "danger" });
    }
  } else if (audience === "support" && view.status !== "closed") {
    if (!view.assigneeId) actions.push({ id: "case.take", label: t("case.action.take"), value, style: "primary" });
  }
  actions.push(...featureCaseButtons(view, t, audience));
  actions.push({ id: "case.view", label: t("case.action.view"), value });
  return actions;
}

/**
 * Renders a case as a card, in the reader's language; its times are in the reader's zone
 * (`time`, from readerZone), named.
 */
export function renderCaseCard(view: CaseView, t: Translator, audience: CardAudience, time: ReaderTime): Card {
  const facts = [
    { label: t("case.fact.status"), value: statusLabel(t, view.status) },
    { label: t("case.fact.severity"), value: view.severity },
  ];
  if (audience !== "customer") facts.push({ label: t("case.fact.organization"), value: view.organizationName });
  if (view.deviceSerial) facts.push({ label: t("case.fact.device"), value: `${view.deviceModel ?? ""} ${view.deviceSerial}`.trim() });
  // A model the person named that is none of their registered devices, as the intake wrote it down.
  const reportedModel = view.deviceSerial ? undefined : reportedModelIn(view.description);
  if (reportedModel) facts.push({ label: t("case.fact.reportedModel"), value: reportedModel });
  if (view.siteName) facts.push({ label: t("case.fact.site"), value: view.siteName });
  facts.push({ label: t("case.fact.requester"), value: view.requesterName });
  facts.push({ label: t("case.fact.assignee"), value: view.assigneeName ?? t("case.unassigned") });
  const due = slaDue(view, t, time);
  if (due) facts.push({ label: t("case.fact.sla"), value: due });
  if (view.resolutionType) {
    facts.push({
      label: t("case.fact.resolution"),
      value: `${t(`case.resolution.${view.resolutionType}`)}${view.resolution ? ` — ${view.resolution}` : ""}`,
    });
  }
  return {
    title: t("case.card.title", { case: view.ref, title: view.title }),
    body: view.description !== view.title ? shorten(localizeDescription(view.description, t), 600) : undefined,
    facts,
    actions: caseActions(view, t, audience),
    context: [`${t("case.fact.opened")} ${formatZoned(view.createdAt, time.zone, time.lang)}`],
  };
}
