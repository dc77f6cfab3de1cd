/**
 * Escalation commands and buttons: escalate a case (customers and engineers), acknowledge a ping,
 * reassign to another engineer (the managers' views are in escalation-views.ts).
 */
import { policy } from "../authz.ts";
import type { Context } from "../context.ts";
import { forbidden, invalid } from "../errors.ts";
import type { ActionEvent } from "../events.ts";
import type { CommandArgs } from "../router.ts";
import { parseCaseRef } from "../cases/refs.ts";
import type { TriageResult } from "../triage/index.ts";
import { showCase } from "../cases/handlers.ts";
import { matchByName } from "../people/names.ts";

const levelName = (ctx: Context, level: number) => ctx.t(`esc.level.${Math.min(3, Math.max(1, level)) as 1 | 2 | 3}`);

function caseOf(event: ActionEvent): number {
  const number = parseCaseRef(event.value.case ?? "");
  if (number === undefined) throw invalid("error.malformed");
  return number;
}

async function escalateCase(ctx: Context, number: number, reason: string): Promise<void> {
  const { view, level } = await ctx.services.escalations.escalate(ctx.person, number, reason, ctx.origin);
  ctx.reply({
    text: policy.isCustomer(ctx.person)
      ? ctx.t("esc.customer.escalated", { case: view.ref })
      : ctx.t("esc.engineer.escalated", { case: view.ref, level: levelName(ctx, level) }),
  });
}

/** `escalate CS-10422 <reason>` */
export async function escalateCommand(ctx: Context, args: CommandArgs): Promise<void> {
  if (args.caseNumber === undefined) throw invalid("error.missingText", { usage: "escalate CS-10422 <why>" });
  await escalateCase(ctx, args.caseNumber, args.rest);
}

/** A plain sentence asking to escalate: the case it names, or the case of this thread. */
export async function escalateIntent(ctx: Context, triage: TriageResult): Promise<void> {
  const named = parseCaseRef(triage.entities.case_id[0] ?? "");
  const number = named ?? (await ctx.services.cases.findByThread(ctx.person, ctx.event.conversation))?.number;
  if (number === undefined) {
    const open = await ctx.services.cases.list(ctx.person, { mine: true, limit: 1 });
    if (!open[0]) throw invalid("error.missingText", { usage: "escalate CS-10422 <why>" });
    await escalateCase(ctx, open[0].number, ctx.text);
    return;
  }
  await escalateCase(ctx, number, ctx.text);
}

export async function escalateAction(ctx: Context, event: ActionEvent): Promise<void> {
  await escalateCase(ctx, caseOf(event), event.inputs?.reason?.trim() || "");
}

/** Acknowledge button and `ack CS-10422`. */
export async function acknowledgeAction(ctx: Context, event: ActionEvent): Promise<void> {
  const number = caseOf(event);
  const view = await ctx.services.escalations.acknowledge(ctx.person, number, Number(event.value.level ?? "1"), ctx.origin);
  ctx.reply({ text: ctx.t("esc.acknowledged", { case: view.ref, level: view.sla.acknowledgedLevel }), visibility: "internal" });
}

export async function acknowledgeCommand(ctx: Context, args: CommandArgs): Promise<void> {
  const view = await ctx.services.cases.get(ctx.person, args.caseNumber!);
  const acknowledged = await ctx.services.escalations.acknowledge(
    ctx.person,
    view.number,
    Math.max(1, view.sla.escalationLevel),
    ctx.origin,
  );
  ctx.reply({
    text: ctx.t("esc.acknowledged", { case: acknowledged.ref, level: acknowledged.sla.acknowledgedLevel }),
    visibility: "internal",
  });
}

/** `reassign CS-10422 marta` — a manager's (or engineer's) override of the assignment. */
export async function reassignCommand(ctx: Context, args: CommandArgs): Promise<void> {
  const wanted = args.rest.trim().replace(/^@/, "");
  if (!wanted) throw invalid("error.missingText", { usage: "reassign CS-10422 <engineer>" });
  const engineers = await ctx.services.db.prisma.person.findMany({
    where: { role: { in: ["engineer", "manager"] } },
    select: { id: true, key: true, name: true, email: true },
    orderBy: { name: "asc" },
  });
  // Accents and case never matter ("Sofia" is Sofía); the best kind of match wins, the first by name on a tie.
  const [match] = matchByName(engineers, wanted);
  if (!match) throw invalid("esc.unknownEngineer", { name: args.rest.trim() });
  const view = await ctx.services.cases.assign(ctx.person, args.caseNumber!, match.id, ctx.origin);
  ctx.reply({ text: ctx.t("esc.assigned", { case: view.ref, name: match.name }), visibility: "internal" });
}

/** The Reassign button: a small form with the engineers to choose from. */
export async function reassignAction(ctx: Context, event: ActionEvent): Promise<void> {
  const number = caseOf(event);
  // The form lists the vendor's engineers with their ids: only for a conversation read by
  // support alone (a customer, or anyone in a customer's or partner's thread, is refused).
  if ((await ctx.audience()) !== "support") throw forbidden("error.engineersOnly");
  const chosen = event.inputs?.assignee?.trim();
  if (chosen) {
    const view = await ctx.services.cases.assign(ctx.person, number, chosen, ctx.origin);
    ctx.reply({ text: ctx.t("esc.assigned", { case: view.ref, name: view.assigneeName ?? "" }), visibility: "internal" });
    return;
  }
  const engineers = await ctx.services.db.prisma.person.findMany({
    where: { role: { in: ["engineer", "manager"] } },
    orderBy: { name: "asc" },
  });
  ctx.reply({
    visibility: "internal",
    card: {
      title: `${ctx.t("esc.action.reassign")} CS-${number}`,
      inputs: [
        {
          id: "assignee",
          label: ctx.t("esc.input.assignee"),
          kind: "choice",
          required: true,
          choices: engineers.map((e) => ({ value: e.id, label: e.name })),
        },
      ],
      actions: [{ id: "esc.reassign", label: ctx.t("esc.action.reassign"), value: { case: `CS-${number}` }, style: "primary" }],
    },
  });
}

export { showCase };
