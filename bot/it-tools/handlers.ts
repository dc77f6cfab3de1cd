/**
 * The IT tools in chat: device status (and the device-status webhook's events), the network
 * check, and audit log search and verification.
 */
import { formatZoned, readerZone } from "../handlers/reader-zone.ts";
import type { Context } from "../context.ts";
import { invalid } from "../errors.ts";
import type { ButtonDeclaration, CommandDeclaration, WebhookDeclaration } from "../feature.ts";
import type { MessageKey } from "../i18n/index.ts";
import { formatCount, formatCounts } from "../portal/format.ts";
import { portalFeature } from "../portal/index.ts";
import { matchSite, type SiteEntry } from "../portal/sites.ts";
import { formatCaseRef } from "../cases/refs.ts";
import { auditCommand } from "./audit/handlers.ts";
import { deviceEventSchema } from "./device-status/event.ts";
import { itToolFeature } from "./index.ts";
import type { StepResult, ProbeResult } from "./network/check.ts";

const WORDS = {
  status: ["device status", "estado dispositivos", "estado de dispositivos", "devices status", "status devices"],
  netcheck: [
    "network check",
    "check network",
    "check the network",
    "netcheck",
    "comprobar red",
    "comprobar la red",
    "revisar la red",
    "prueba de red",
    "test network",
    "test the network",
  ],
  audit: ["audit", "auditoria", "audit log", "registro de auditoria"],
};

const admins = ["admin", "engineer", "manager"] as const;

export const itToolCommands: CommandDeclaration[] = [
  { words: WORDS.status, slots: "text", roles: admins, handler: (ctx, args) => showStatus(ctx, args.rest), action: "device_status" },
  { words: WORDS.netcheck, slots: "text", roles: admins, handler: (ctx, args) => runNetworkCheck(ctx, args.rest), action: "network_check" },
  {
    words: WORDS.audit,
    slots: "text",
    roles: admins,
    action: "audit",
    // The router takes a case number that follows the verb out of `rest`: put it back.
    handler: (ctx, args) => auditCommand(ctx, args.caseNumber ? `${formatCaseRef(args.caseNumber)} ${args.rest}` : args.rest),
  },
];

export const itToolButtons: ButtonDeclaration[] = [
  { id: "it.status", handler: (ctx, event) => showStatus(ctx, event.value.site ?? "") },
  { id: "it.netcheck", handler: (ctx, event) => runNetworkCheck(ctx, event.value.site ?? "") },
];

export const itToolWebhooks: WebhookDeclaration[] = [
  {
    source: "device-status",
    handler: async (ctx) => {
      // The adapter validated the body already; a resumed event from an older version may not be.
      const parsed = deviceEventSchema.safeParse(ctx.event.kind === "webhook" ? ctx.event.body : undefined);
      if (!parsed.success) {
        ctx.log.warn({ problems: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) }, "device status event refused");
        return;
      }
      const outcome = await itToolFeature.of(ctx).deviceStatus.record(parsed.data);
      ctx.log.debug({ eventId: parsed.data.id, type: parsed.data.type, outcome }, "device status event");
    },
  },
];

/** A site of the viewer's organization by name or id; undefined for "all sites". */
async function siteOf(ctx: Context, text: string): Promise<SiteEntry | undefined> {
  const wanted = text.trim();
  if (!wanted || !ctx.person.organizationId) return undefined;
  const sites = await portalFeature.of(ctx).sites.sitesOf(ctx.person.organizationId);
  const byId = sites.find((site) => site.id === wanted);
  if (byId) return byId;
  const match = matchSite(sites, wanted);
  if (match.kind === "one") return match.site;
  throw invalid("ds.siteUnknown", { site: wanted, sites: sites.map((site) => site.name).join(", ") });
}

export async function showStatus(ctx: Context, text: string): Promise<void> {
  const site = await siteOf(ctx, text);
  const overview = await itToolFeature.of(ctx).deviceStatus.overview(ctx.person, site?.id);
  const t = ctx.t;
  const zone = await readerZone(ctx);
  const reporting = overview.byState.reduce((sum, s) => sum + s.devices, 0);
  const lines = overview.problems.map((p) =>
    t("ds.overview.problem", {
      serial: p.serial,
      model: p.modelName,
      site: p.siteName ?? t("ds.noSite"),
      state: t(`ds.type.${p.state}` as MessageKey),
      since: formatZoned(p.since, zone, ctx.lang),
      detail: p.detail ? ` (${p.detail})` : "",
    }),
  );
  ctx.reply({
    card: {
      title: t("ds.overview.title", { scope: site?.name ?? t("ds.overview.all") }),
      subtitle: t("ds.overview.devices", formatCounts(ctx.lang, { devices: overview.devices, reporting })),
      facts: overview.byState.map((s) => ({ label: t(`ds.type.${s.state}` as MessageKey), value: formatCount(ctx.lang, s.devices) })),
      body: lines.length > 0 ? lines.join("\n") : t("ds.overview.allOnline"),
      context: [t("ds.overview.events", formatCounts(ctx.lang, { count: overview.eventsLastDay }))],
      actions: [{ id: "it.netcheck", label: t("ds.action.netcheck"), value: site ? { site: site.id } : {} }],
    },
  });
}

export async function runNetworkCheck(ctx: Context, text: string): Promise<void> {
  const site = await siteOf(ctx, text);
  const report = await itToolFeature.of(ctx).network.run(ctx.person, site, ctx.origin);
  const ok = report.results.filter((r) => r.ok).length;
  ctx.reply({
    card: {
      title: ctx.t("net.title", { scope: report.siteName ?? ctx.t("net.all") }),
      subtitle: ctx.t("net.summary", { ok, total: report.results.length }),
      facts: report.results.map((result) => ({
        label: `${result.endpoint.name} (${result.endpoint.host}:${result.endpoint.port})`,
        value: describeProbe(ctx, result),
      })),
      context: [ctx.t("net.context", { at: formatZoned(report.at, await readerZone(ctx), ctx.lang) })],
      actions: [{ id: "it.netcheck", label: ctx.t("ds.action.netcheck"), value: site ? { site: site.id } : {} }],
    },
  });
}

function describeProbe(ctx: Context, result: ProbeResult): string {
  const t = ctx.t;
  const steps: string[] = [];
  const step = (value: StepResult | null, ok: MessageKey, fail: MessageKey, params: Record<string, string> = {}) => {
    if (!value) return true;
    steps.push(value.ok ? t(ok, { ms: String(value.ms), ...params }) : t(fail, { error: value.error ?? "?" }));
    return value.ok;
  };
  if (step(result.dns, "net.dns", "net.dns.fail") && step(result.tcp, "net.tcp", "net.tcp.fail") && result.tls) {
    if (!result.tls.ok) steps.push(t("net.tls.fail", { error: result.tls.error ?? "?" }));
    else if (!result.tls.trusted) steps.push(t("net.tls.untrusted", { error: result.tls.error ?? "?" }));
    else steps.push(t("net.tls", { ms: String(result.tls.ms), protocol: result.tls.protocol ?? "" }));
  }
  return t(result.ok ? "net.ok" : "net.failed", { steps: steps.join(" · ") });
}
