/**
 * The IT tools in chat: device status (and the device-status webhook's events), the network
 * check, and audit log search and verification.
 */
import type { Context } from "../context.ts";
import { invalid } from "../errors.ts";
import type { MessageKey } from "../i18n/index.ts";
import { formatCount, formatCounts } from "../portal/format.ts";
import { portalOf } from "../portal/portal-of.ts";
import { matchSite, type SiteEntry } from "../portal/sites.ts";
import type { Router } from "../router.ts";
import { formatCaseRef } from "../cases/refs.ts";
import { auditCommand } from "./audit/handlers.ts";
import { deviceEventSchema } from "./device-status/event.ts";
import type { ItToolServices } from "./service.ts";
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

/** The IT tools, or a clear refusal when the app was built without them. */
export function itToolsOf(ctx: Context): ItToolServices {
  const tools = ctx.services.itTools;
  if (!tools) throw invalid("error.feature.coming", { feature: "IT tools" });
  return tools;
}

/** Registers the IT tools' commands, buttons and the device-status webhook. */
export function registerItToolHandlers(router: Router): Router {
  return (
    router
      .command(WORDS.status, "text", (ctx, args) => showStatus(ctx, args.rest))
      .command(WORDS.netcheck, "text", (ctx, args) => runNetworkCheck(ctx, args.rest))
      // The router takes a case number that follows the verb out of `rest`: put it back.
      .command(WORDS.audit, "text", (ctx, args) =>
        auditCommand(ctx, args.caseNumber ? `${formatCaseRef(args.caseNumber)} ${args.rest}` : args.rest),
      )
      .action("it.status", (ctx, event) => showStatus(ctx, event.value.site ?? ""))
      .action("it.netcheck", (ctx, event) => runNetworkCheck(ctx, event.value.site ?? ""))
      .webhook("device-status", async (ctx) => {
        // The adapter validated the body already; a resumed event from an older version may not be.
        const parsed = deviceEventSchema.safeParse(ctx.event.kind === "webhook" ? ctx.event.body : undefined);
        if (!parsed.success) {
          ctx.log.warn({ problems: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) }, "device status event refused");
          return;
        }
        const outcome = await itToolsOf(ctx).deviceStatus.record(parsed.data);
        ctx.log.debug({ eventId: parsed.data.id, type: parsed.data.type, outcome }, "device status event");
      })
  );
}

/** A site of the viewer's organization by name or id; undefined for "all sites". */
async function siteOf(ctx: Context, text: string): Promise<SiteEntry | undefined> {
  const wanted = text.trim();
  if (!wanted || !ctx.person.organizationId) return undefined;
  const sites = await portalOf(ctx).sites.sitesOf(ctx.person.organizationId);
  const byId = sites.find((site) => site.id === wanted);
  if (byId) return byId;
  const match = matchSite(sites, wanted);
  if (match.kind === "one") return match.site;
  throw invalid("ds.siteUnknown", { site: wanted, sites: sites.map((site) => site.name).join(", ") });
}

async function showStatus(ctx: Context, text: string): Promise<void> {
  const site = await siteOf(ctx, text);
  const overview = await itToolsOf(ctx).deviceStatus.overview(ctx.person, site?.id);
  const t = ctx.t;
  const reporting = overview.byState.reduce((sum, s) => sum + s.devices, 0);
  const lines = overview.problems.map((p) =>
    t("ds.overview.problem", {
      serial: p.serial,
      model: p.modelName,
      site: p.siteName ?? t("ds.noSite"),
      state: t(`ds.type.${p.state}` as MessageKey),
      since: `${p.since.toISOString().slice(0, 16).replace("T", " ")} UTC`,
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

async function runNetworkCheck(ctx: Context, text: string): Promise<void> {
  const site = await siteOf(ctx, text);
  const report = await itToolsOf(ctx).network.run(ctx.person, site, ctx.origin);
  const ok = report.results.filter((r) => r.ok).length;
  ctx.reply({
    card: {
      title: ctx.t("net.title", { scope: report.siteName ?? ctx.t("net.all") }),
      subtitle: ctx.t("net.summary", { ok, total: report.results.length }),
      facts: report.results.map((result) => ({
        label: `${result.endpoint.name} (${result.endpoint.host}:${result.endpoint.port})`,
        value: describeProbe(ctx, result),
      })),
      context: [ctx.t("net.context", { at: `${report.at.toISOString().slice(11, 19)} UTC` })],
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
