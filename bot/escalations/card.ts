/**
 * The support card: the case card as engineers and managers see it, with the SLA clock, the
 * escalation state and the buttons Acknowledge / Take / Reassign / Escalate. It is updated in
 * place on every change, so everyone sees who acknowledged and how the clock stands.
 */
import { renderCaseCard } from "../cases/card.ts";
import type { Card, CardAction } from "../events.ts";
import type { MessageKey, Translator } from "../i18n/index.ts";
import type { CaseView } from "../cases/view.ts";
import { clockIn, type SupportCardState } from "./card-state.ts";
import { describeDue } from "./sla.ts";

const ACTIVE = new Set(["open", "waiting_customer", "waiting_partner"]);


function relative(t: Translator, due: Date, now: Date): string {
  const { minutes, late } = describeDue(due, now);
  const duration = minutes >= 120 ? `${Math.round(minutes / 60)} h` : `${minutes} min`;
  return t(late ? "esc.relative.ago" : "esc.relative.in", { duration });
}

/** The SLA clock in one line: what is due next, paused, or breached; times in `zone`, named. */
export function slaLine(view: CaseView, t: Translator, now: Date, zone = "UTC"): string | undefined {
  const sla = view.sla;
  const clockTime = (date: Date) => clockIn(date, zone);
  if (!sla.policy || !ACTIVE.has(view.status)) return undefined;
  const parts: string[] = [];
  if (sla.pausedAt) parts.push(t("esc.clock.paused"));
  else if (!sla.firstResponseAt && sla.firstResponseDue)
    parts.push(t("esc.clock.firstResponse", { time: clockTime(sla.firstResponseDue), relative: relative(t, sla.firstResponseDue, now) }));
  else if (sla.nextUpdateDue)
    parts.push(t("esc.clock.nextUpdate", { time: clockTime(sla.nextUpdateDue), relative: relative(t, sla.nextUpdateDue, now) }));
  if (!sla.pausedAt && sla.resolutionDue)
    parts.push(t("esc.clock.resolution", { time: clockTime(sla.resolutionDue), relative: relative(t, sla.resolutionDue, now) }));
  if (sla.breaches.length > 0)
    parts.push(t("esc.clock.breached", { metrics: sla.breaches.map((m) => t(`esc.metric.${m}` as MessageKey)).join(", ") }));
  return parts.join(" · ");
}

/**
 * Renders the support card of a case for the channel of escalation `level`. `state` names who
 * acknowledged and when, and the pings that went to a fallback target (bot/escalations/card-state.ts).
 */
export function renderSupportCard(view: CaseView, t: Translator, now: Date, level = 1, state?: SupportCardState): Card {
  const zone = state?.zone ?? "UTC";
  const card = renderCaseCard(view, t, "support", { zone, lang: "en" });
  // The support card says the SLA clock its own way (below), relative times included.
  card.facts = card.facts?.filter((fact) => fact.label !== t("case.fact.sla"));
  const value = { case: view.ref };
  const levelName = (n: number) => t(`esc.level.${Math.min(3, Math.max(1, n)) as 1 | 2 | 3}`);
  if (level > 1) card.title = t("esc.card.title", { level: levelName(level), case: view.ref, title: view.title });
  const clock = slaLine(view, t, now, zone);
  if (clock) card.facts = [...(card.facts ?? []), { label: t("esc.fact.sla"), value: clock }];
  const escalation = view.sla.escalationLevel;
  const active = ACTIVE.has(view.status);
  if (escalation > 0 && active) {
    const acknowledged = view.sla.acknowledgedLevel >= escalation;
    const by = state?.acknowledged;
    const status = !acknowledged
      ? t("esc.unacked", { level: escalation })
      : by
        ? t("esc.ack.by", { level: escalation, name: by.name, time: by.time })
        : t("esc.ack.level", { level: escalation });
    card.facts = [...(card.facts ?? []), { label: t("esc.fact.escalation"), value: `${levelName(escalation)} — ${status}` }];
  }
  const raised = state?.raised;
  if (raised && active)
    card.facts = [
      ...(card.facts ?? []),
      {
        label: t("esc.fact.raised"),
        value: t("esc.raisedBy", { level: levelName(raised.level), name: raised.name, time: raised.time, reason: raised.reason }),
      },
    ];
  const reassigned = state?.reassigned;
  if (reassigned && active && view.assigneeName === reassigned.to)
    card.facts = [...(card.facts ?? []), { label: t("esc.fact.reassigned"), value: t("esc.reassignedBy", reassigned) }];
  const resolved = state?.resolved;
  if (resolved && (view.status === "resolved" || view.status === "closed"))
    card.facts = [...(card.facts ?? []), { label: t("esc.fact.resolved"), value: t("esc.resolvedBy", resolved) }];
  for (const note of state?.deliveryNotes ?? []) card.facts = [...(card.facts ?? []), { label: t("esc.fact.delivery"), value: note }];
  const actions: CardAction[] = [];
  if (active) {
    if (escalation > 0 && view.sla.acknowledgedLevel < escalation)
      actions.push({ id: "esc.ack", label: t("esc.action.ack"), value: { ...value, level: String(escalation) }, style: "primary" });
    if (!view.assigneeId) actions.push({ id: "case.take", label: t("esc.action.take"), value });
    actions.push({ id: "esc.reassign", label: t("esc.action.reassign"), value });
    if (escalation < 3) actions.push({ id: "esc.escalate", label: t("esc.action.escalate"), value, style: "danger" });
  }
  actions.push({ id: "case.view", label: t("case.action.view"), value });
  card.actions = actions;
  return card;
}
