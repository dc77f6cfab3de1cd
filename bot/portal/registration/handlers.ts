/** Registration in chat: the form, one serial, a pasted list or CSV, and the device list. */
import { policy } from "../../authz.ts";
import type { Context } from "../../context.ts";
import { conversationKey } from "../../events.ts";
import type { MessageKey } from "../../i18n/index.ts";
import { formatCount, formatCounts } from "../format.ts";
import { portalFeature } from "../index.ts";
import { readSerial } from "../products.ts";
import { readRegistration, UploadError, type RegistrationInput } from "./input.ts";
import type { RegistrationReport } from "./service.ts";

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
  if (await askForSite(ctx, input)) return;
  const report = await portalFeature.of(ctx).registration.register(ctx.person, input, ctx.origin);
  renderReport(ctx, report, input.rows.length);
}

const SITE_STATE = "registration-site";
/** A list waiting for its site is kept this long; after that it is pasted again. */
const SITE_STATE_TTL_MS = 2 * 3_600_000;
/** Sites offered as buttons at most; more are named by typing the list again with "at <site>". */
const SITE_BUTTONS = 12;
const SHOWN_SERIALS = 10;

const siteStateKey = (ctx: Context) => `${SITE_STATE}:${conversationKey(ctx.event.conversation)}:${ctx.person.personId ?? ""}`;

/**
 * A list that names no site, from an organization with several: nothing can be registered yet, so
 * the list is kept and the admin is asked once, with a button per site. Returns whether it asked.
 */
async function askForSite(ctx: Context, input: RegistrationInput): Promise<boolean> {
  const sites = await portalFeature.of(ctx).registration.sitesToAsk(ctx.person, input);
  if (!sites) return false;
  await ctx.services.states.set(siteStateKey(ctx), SITE_STATE, input, SITE_STATE_TTL_MS);
  const serials = input.rows.slice(0, SHOWN_SERIALS).map((row) => row.serial);
  if (input.rows.length > SHOWN_SERIALS) serials.push(ctx.t("portal.andMore", { count: input.rows.length - SHOWN_SERIALS }));
  ctx.reply({
    card: {
      title: ctx.t("reg.askSite.title", formatCounts(ctx.lang, { count: input.rows.length })),
      body: serials.join(", "),
      actions: sites.slice(0, SITE_BUTTONS).map((site) => ({ id: "portal.register_site", label: site.name, value: { site: site.name } })),
      context: [ctx.t("reg.askSite.hint")],
    },
  });
  return true;
}

/** The site button of a list waiting for one: registers the list there, with the per-line report. */
export async function registerAtChosenSite(ctx: Context, site: string): Promise<void> {
  const state = await ctx.services.states.get<RegistrationInput>(siteStateKey(ctx));
  if (!state || state.kind !== SITE_STATE) return ctx.reply({ text: ctx.t("reg.askSite.gone") });
  await ctx.services.states.clear(siteStateKey(ctx));
  const input = { ...state.data, site };
  const report = await portalFeature.of(ctx).registration.register(ctx.person, input, ctx.origin);
  renderReport(ctx, report, input.rows.length);
}

/**
 * A list of serials pasted without a command by one of the organization's admins ("NB5-2231990
 * NB5-2231991", one per line, or with "at Lisboa"): registered as if `register` preceded it. Only
 * when every word is a serial and there are at least two, so a sentence naming a serial still
 * reaches the conversation.
 */
export async function registerPastedList(ctx: Context): Promise<boolean> {
  const { organizationId } = ctx.person;
  if (!organizationId || !policy.canManageOrganization(ctx.person, organizationId)) return false;
  let input: RegistrationInput;
  try {
    input = readRegistration(ctx.text);
  } catch (error) {
    if (error instanceof UploadError) return false;
    throw error;
  }
  if (input.format !== "list" || input.rows.length < 2) return false;
  const serialShaped = input.rows.every((row) => {
    const reading = readSerial(ctx.services.catalog, row.serial);
    return reading.ok || reading.reason === "unknown_model";
  });
  if (!serialShaped) return false;
  await registerFromText(ctx, ctx.text);
  return true;
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
  const { devices, total } = await portalFeature.of(ctx).registration.list(ctx.person, SHOWN_DEVICES);
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
