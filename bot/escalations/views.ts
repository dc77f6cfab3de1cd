/**
 * `escalations` / `escalados` and `breaches` / `incumplimientos` — the managers' views: per case
 * its level, who was pinged and how often, who acknowledged and when, the time to acknowledge, and
 * the time left on the response and resolution clocks, in the reader's time zone (named).
 */
import type { Context } from "../context.ts";
import { formatAhead } from "../demo-clock.ts";
import type { EscalationSummary } from "./service.ts";
import { formatLocal, readerZone } from "../handlers/reader-zone.ts";

/** `escalations` — open escalations, highest level first, with an Acknowledge button for the unacknowledged. */
export async function showEscalations(ctx: Context): Promise<void> {
  const rows = await ctx.services.escalations.openEscalations(ctx.person);
  if (rows.length === 0) return void ctx.reply({ text: ctx.t("esc.list.empty"), visibility: "internal" });
  const zone = await readerZone(ctx);
  ctx.reply({
    visibility: "internal",
    card: {
      title: ctx.t("esc.list.title", { count: rows.length }),
      body: rows.map((row) => describe(ctx, row, zone)).join("\n\n"),
      context: [ctx.t("escView.zone", { zone })],
      actions: rows
        .filter((r) => !r.acknowledged)
        .slice(0, 5)
        .map((r) => ({ id: "esc.ack", label: `${ctx.t("esc.action.ack")} ${r.ref}`, value: { case: r.ref, level: String(r.level) } })),
    },
  });
}

/** `breaches` — active cases past an SLA threshold. */
export async function showBreaches(ctx: Context): Promise<void> {
  const rows = await ctx.services.escalations.breaches(ctx.person);
  if (rows.length === 0) return void ctx.reply({ text: ctx.t("esc.breaches.empty"), visibility: "internal" });
  const zone = await readerZone(ctx);
  ctx.reply({
    visibility: "internal",
    card: {
      title: ctx.t("esc.breaches.title", { count: rows.length }),
      body: rows
        .map((row) => {
          const metrics = row.breaches.map((m) => ctx.t(`esc.metric.${m as "first_response"}`)).join(", ");
          return `${describe(ctx, row, zone)}\n${ctx.t("esc.clock.breached", { metrics })}`;
        })
        .join("\n\n"),
      context: [ctx.t("escView.zone", { zone })],
    },
  });
}

function describe(ctx: Context, row: EscalationSummary, zone: string): string {
  const now = ctx.services.clock.now();
  const time = (at: Date) => formatLocal(at, zone, ctx.lang);
  const levelName = ctx.t(`esc.level.${Math.min(3, Math.max(1, row.level)) as 1 | 2 | 3}`);
  const pinged = row.levels.map((l) =>
    ctx.t("escView.pingedLevel", {
      level: l.level,
      targets: l.pinged
        .map((ref) => (ref.conversationId.startsWith("dm:") ? ref.conversationId.slice(3) : `#${ref.conversationId}`))
        .join(", "),
      pings: l.pings,
    }),
  );
  if (row.assigneeName) pinged.push(ctx.t("escView.assignee", { name: row.assigneeName }));
  const acked = row.levels.filter((l) => l.acknowledgedAt).sort((a, b) => a.acknowledgedAt!.getTime() - b.acknowledgedAt!.getTime())[0];
  const clock = (metric: "first_response" | "resolution", due: Date | null, metAt: Date | null) => {
    const name = ctx.t(`esc.metric.${metric}`);
    const label = name.charAt(0).toUpperCase() + name.slice(1);
    if (metAt) return ctx.t("escView.clock.met", { metric: label, time: time(metAt) });
    if (!due) return ctx.t("escView.clock.none", { metric: label });
    if (row.pausedAt) return ctx.t("escView.clock.paused", { metric: label, time: time(due) });
    const left = due.getTime() - now.getTime();
    return ctx.t(left >= 0 ? "escView.clock.left" : "escView.clock.late", {
      metric: label,
      time: time(due),
      duration: formatAhead(Math.abs(left)),
    });
  };
  return [
    ctx.t("escView.head", { case: row.ref, severity: row.severity, organization: row.organizationName, title: row.title }),
    ctx.t("escView.level", { level: row.level, name: levelName, ack: ctx.t(row.acknowledged ? "esc.ack.yes" : "esc.ack.no") }),
    ctx.t("escView.pinged", { levels: pinged.join(" · ") }),
    acked
      ? ctx.t("escView.acked", {
          name: acked.acknowledgedBy ?? "?",
          time: time(acked.acknowledgedAt!),
          duration: formatAhead(acked.acknowledgedAt!.getTime() - row.openedAt.getTime()),
        })
      : ctx.t("escView.notAcked", { duration: formatAhead(now.getTime() - row.openedAt.getTime()) }),
    clock("first_response", row.firstResponseDue, row.firstResponseAt),
    clock("resolution", row.resolutionDue, null),
  ]
    .map((line, i) => (i === 0 ? line : `  ${line}`))
    .join("\n");
}
