/** Registration in chat: the form, one serial, a pasted list or CSV, and the device list. */
import type { Context } from "../context.ts";
import type { MessageKey } from "../i18n/index.ts";
import { formatCount, formatCounts } from "./format.ts";
import { portalOf } from "./portal-of.ts";
import { readRegistration, UploadError } from "./registration-input.ts";
import type { RegistrationReport } from "./registration.ts";

const SHOWN_PROBLEMS = 15;
const SHOWN_DEVICES = 40;

/** The card with a text box for serials or a CSV (a Slack modal, an Adaptive Card, a shell prompt). */
export async function showRegistrationForm(ctx: Context): Promise<void> {
  ctx.reply({
    card: {
      title: ctx.t("reg.title"),
      body: ctx.t("reg.help"),
      inputs: [{ id: "devices", label: ctx.t("reg.input"), kind: "multiline", required: true, placeholder: "serial,site,asset_tag" }],
      actions: [{ id: "portal.register", label: ctx.t("reg.action.submit"), value: {}, style: "primary" }],
    },
  });
}

/** Registers what the admin sent: one serial, a list, or a CSV. */
export async function registerFromText(ctx: Context, text: string): Promise<void> {
  if (!text.trim()) return showRegistrationForm(ctx);
  let input;
  try {
    input = readRegistration(text);
  } catch (error) {
    if (!(error instanceof UploadError)) throw error;
    const reason = ctx.t(`reg.upload.${error.code}` as MessageKey, formatCounts(ctx.lang, { line: error.line, ...error.params }));
    ctx.reply({ text: ctx.t("reg.unreadable", { reason }) });
    return;
  }
  const report = await portalOf(ctx).registration.register(ctx.person, input, ctx.origin);
  renderReport(ctx, report, input.rows.length);
}

function renderReport(ctx: Context, report: RegistrationReport, total: number): void {
  const { registered, refused } = report;
  const [only] = registered;
  if (only && total === 1) {
    const tag = only.assetTag ? ctx.t("reg.tag", { tag: only.assetTag }) : "";
    ctx.reply({ text: ctx.t("reg.done.one", { serial: only.serial, model: only.modelName, site: only.siteName, tag }) });
    return;
  }
  const bySite = new Map<string, number>();
  for (const device of registered) bySite.set(device.siteName, (bySite.get(device.siteName) ?? 0) + 1);
  const problems = refused
    .slice(0, SHOWN_PROBLEMS)
    .map(
      (row) => `• ${ctx.t("reg.refused.line", { line: row.line, reason: ctx.t(`reg.problem.${row.problem}` as MessageKey, row.params) })}`,
    );
  if (refused.length > SHOWN_PROBLEMS) problems.push(`• ${ctx.t("portal.andMore", { count: refused.length - SHOWN_PROBLEMS })}`);
  ctx.reply({
    card: {
      title: ctx.t("reg.done.title", formatCounts(ctx.lang, { registered: registered.length, total })),
      facts: [...bySite].map(([site, count]) => ({ label: site, value: formatCount(ctx.lang, count) })),
      body:
        refused.length > 0
          ? `*${ctx.t("reg.refused.title", formatCounts(ctx.lang, { count: refused.length }))}*\n${problems.join("\n")}`
          : undefined,
      context: refused.length === 0 ? undefined : [ctx.t(registered.length > 0 ? "reg.partial" : "reg.none")],
    },
  });
}

/** The organization's registered devices, by site. */
export async function showDevices(ctx: Context): Promise<void> {
  const { devices, total } = await portalOf(ctx).registration.list(ctx.person, SHOWN_DEVICES);
  if (total === 0) {
    ctx.reply({ text: ctx.t("reg.devices.empty") });
    return;
  }
  const lines = devices.map(
    (d) =>
      `• ${d.serial} · ${d.modelName} · ${d.siteName ?? "—"}${d.assetTag ? ` · ${d.assetTag}` : ""}${d.firmwareVersion ? ` · ${d.firmwareVersion}` : ""}`,
  );
  if (total > devices.length) lines.push(`• ${ctx.t("portal.andMore", { count: total - devices.length })}`);
  ctx.reply({
    card: {
      title: ctx.t("reg.devices.title", formatCounts(ctx.lang, { count: total })),
      body: lines.join("\n"),
      actions: [
        { id: "portal.register", label: ctx.t("portal.action.register"), value: {} },
        { id: "portal.compliance", label: ctx.t("portal.action.compliance"), value: {} },
      ],
    },
  });
}
