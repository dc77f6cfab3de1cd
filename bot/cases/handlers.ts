/** Case commands: the shortcuts for reading and changing cases. */
import { renderCaseCard, statusLabel } from "./card.ts";
import { shorten } from "../../core/text/shorten.ts";
import type { Context } from "../context.ts";
import { invalid } from "../errors.ts";
import { translate, type MessageKey } from "../i18n/index.ts";
import { fold } from "../../core/text/fold.ts";
import { LANGUAGES } from "../../core/vocabulary.ts";
import type { CommandArgs } from "../router.ts";
import { readFixVersion } from "./fix.ts";
import { isResolutionType, isSeverity, type CaseStatus } from "./refs.ts";
import type { CaseView } from "./view.ts";
import { formatLocal, readerTime } from "../handlers/reader-zone.ts";

const EVENT_LABELS: Record<string, MessageKey | undefined> = {
  opened: "case.event.opened",
  comment: "case.event.comment",
  note: "case.event.note",
  status: "case.event.status",
  severity: "case.event.severity",
  resolved: "case.event.resolved",
  fix_planned: "case.event.fixPlanned",
  fix_released: "case.event.fixReleased",
  reopened: "case.event.reopened",
  closed: "case.event.closed",
  assigned: "case.event.assigned",
  escalated: "case.event.escalated",
  acknowledged: "case.event.acknowledged",
  breach: "case.event.breach",
  partner: "case.event.partner",
};

/** Resolution types as Spanish-speaking engineers write them ("resolver CS-10422 alternativa …"). */
const SPANISH_RESOLUTIONS: Record<string, string> = {
  alternativa: "workaround",
  solución_alternativa: "workaround",
  solucion_alternativa: "workaround",
  corrección: "fix",
  correccion: "fix",
};

/** The case a command is about: its number, or the case this thread belongs to. */
async function targetCase(ctx: Context, args: CommandArgs): Promise<number> {
  if (args.caseNumber !== undefined) return args.caseNumber;
  const linked = await ctx.services.cases.findByThread(ctx.person, ctx.event.conversation);
  if (linked) return linked.number;
  throw invalid("error.missingText", { usage: `${args.verb} CS-10422` });
}

/** Replies with the case card and the latest timeline entries, for whoever reads this conversation. */
export async function showCase(ctx: Context, number: number, replaceKey?: string): Promise<void> {
  const view = await ctx.services.cases.get(ctx.person, number);
  const audience = await ctx.audience();
  const timeline = await ctx.services.cases.timeline(ctx.person, number, audience);
  const time = await readerTime(ctx);
  const card = renderCaseCard(view, ctx.t, audience, time);
  const recent = timeline.slice(-6).map((entry) => {
    const key = EVENT_LABELS[entry.kind];
    const kind = key ? ctx.t(key) : entry.kind;
    // The opening entry carries the description, which the card already shows in full.
    const repeatsDescription = entry.kind === "opened" && entry.body?.trim() === view.description.trim();
    const body = entry.body && !repeatsDescription ? `: ${shorten(entry.body, 140)}` : "";
    return `${formatLocal(entry.at, time.zone, time.lang)} · ${entry.actorName ?? ""} · ${kind}${body}`;
  });
  card.context = [...(card.context ?? []), ...(recent.length ? [`${ctx.t("case.timeline.title")} (${time.zone}):`, ...recent] : [])];
  ctx.reply({ card, replaceKey });
}

function listLine(ctx: Context, view: CaseView): string {
  return ctx.t("case.list.line", { case: view.ref, severity: view.severity, status: statusLabel(ctx.t, view.status), title: view.title });
}

export async function listCases(ctx: Context, args: CommandArgs): Promise<void> {
  const option = args.rest.toLowerCase();
  const all = /\b(all|todos)\b/.test(option);
  const mine = /\b(mine|mios|míos)\b/.test(option);
  const cases = await ctx.services.cases.list(ctx.person, { activeOnly: !all, mine, limit: 25 });
  if (cases.length === 0) {
    ctx.reply({ text: ctx.t("case.list.empty") });
    return;
  }
  ctx.reply({
    card: {
      title: ctx.t("case.list.title", { count: cases.length }),
      body: cases.map((view) => `• ${listLine(ctx, view)}`).join("\n"),
      actions: cases.slice(0, 5).map((view) => ({ id: "case.view", label: view.ref, value: { case: view.ref } })),
    },
  });
}

export async function caseCommand(ctx: Context, args: CommandArgs): Promise<void> {
  await showCase(ctx, await targetCase(ctx, args));
}

export async function commentCommand(ctx: Context, args: CommandArgs): Promise<void> {
  const number = await targetCase(ctx, args);
  const internal = args.verb === "note";
  const view = await ctx.services.cases.comment(ctx.person, number, args.rest, internal ? "internal" : "public", ctx.origin);
  ctx.reply({ text: ctx.t(internal ? "case.noted" : "case.commented", { case: view.ref }), visibility: internal ? "internal" : "public" });
}

/**
 * "status CS-10422 waiting customer" sets the status (its code or its words in either language:
 * "estado CS-10422 esperando al cliente"); "estado CS-10422" alone asks for it, and gets the card.
 */
export async function statusCommand(ctx: Context, args: CommandArgs): Promise<void> {
  const number = await targetCase(ctx, args);
  if (!args.rest.trim()) return showCase(ctx, number);
  const status = readStatus(args.rest);
  if (!status) throw invalid("error.badStatus");
  const view = await ctx.services.cases.setStatus(ctx.person, number, status, ctx.origin);
  ctx.reply({ text: ctx.t("case.statusChanged", { case: view.ref, status: statusLabel(ctx.t, view.status) }) });
}

/** A status a person may set, from its code ("waiting_customer") or its words in English or Spanish. */
function readStatus(text: string): CaseStatus | undefined {
  const said = fold(text).replace(/[\s_-]+/g, " ").trim();
  return SETTABLE_STATUSES.find(
    (status) =>
      status.replace(/_/g, " ") === said || LANGUAGES.some((lang) => fold(translate(lang, `case.status.${status}`)) === said),
  );
}

const SETTABLE_STATUSES: CaseStatus[] = ["open", "waiting_customer", "waiting_partner"];

export async function severityCommand(ctx: Context, args: CommandArgs): Promise<void> {
  const number = await targetCase(ctx, args);
  const [first = "", ...reason] = args.rest.trim().split(/\s+/);
  const severity = first.toLowerCase().replace(/^s(\d)$/, "sev$1");
  if (!isSeverity(severity)) throw invalid("error.badSeverity");
  const before = await ctx.services.cases.get(ctx.person, number);
  const view = await ctx.services.cases.setSeverity(ctx.person, number, severity, ctx.origin, reason.join(" ") || undefined);
  ctx.reply({ text: ctx.t("case.severityChanged", { case: view.ref, from: before.severity, to: view.severity }) });
}

export async function resolveCommand(ctx: Context, args: CommandArgs): Promise<void> {
  const number = await targetCase(ctx, args);
  const [first = "", ...text] = args.rest.trim().split(/\s+/);
  const word = first.toLowerCase().replace(/-/g, "_");
  const type = SPANISH_RESOLUTIONS[word] ?? word;
  // "resolve CS-10422 fixed in 2.4.1": the release of the device's model that carries the fix.
  const version = ["fix", "fixed", "corregido", "arreglado"].includes(type) ? readFixVersion(text.join(" ")) : undefined;
  if (version) {
    const view = await ctx.services.cases.planFix(ctx.person, number, version, ctx.origin);
    const key = view.fixPending ? "case.fix.planned" : "case.fix.released";
    ctx.reply({ text: ctx.t(key, { case: view.ref, version, model: view.deviceModel ?? "" }) });
    return;
  }
  if (!isResolutionType(type)) throw invalid("error.badResolution");
  const before = await ctx.services.cases.get(ctx.person, number);
  const view = await ctx.services.cases.resolve(ctx.person, number, type, text.join(" "), ctx.origin);
  const recordedLater = before.fixPending && type === "fix";
  ctx.reply({
    text: recordedLater
      ? ctx.t("case.fix.recorded", { case: view.ref })
      : ctx.t(view.fixPending ? "case.resolvedFixPending" : "case.resolved", {
          case: view.ref,
          resolution: ctx.t(`case.resolution.${type}`),
        }),
  });
}

export async function reopenCommand(ctx: Context, args: CommandArgs): Promise<void> {
  const number = await targetCase(ctx, args);
  const view = await ctx.services.cases.reopen(ctx.person, number, args.rest, ctx.origin);
  ctx.reply({ text: ctx.t("case.reopened", { case: view.ref }) });
}

export async function closeCommand(ctx: Context, args: CommandArgs): Promise<void> {
  const number = await targetCase(ctx, args);
  const view = await ctx.services.cases.close(ctx.person, number, ctx.origin, args.rest || undefined);
  ctx.reply({ text: ctx.t("case.closed", { case: view.ref }) });
}

export async function takeCommand(ctx: Context, args: CommandArgs): Promise<void> {
  const number = await targetCase(ctx, args);
  const view = await ctx.services.cases.assign(ctx.person, number, ctx.person.personId ?? "", ctx.origin);
  await showCase(ctx, view.number);
}
