/** Software updates and documents in chat: firmware per device and model, compliance, import, links. */
import type { Context } from "../../context.ts";
import type { CardAction } from "../../events.ts";
import { FirmwareImportError, readFirmwareImport } from "./import.ts";
import type { DeviceUpdate, Release } from "./service.ts";
import { formatDay, notesSummary } from "../format.ts";
import { portalFeature } from "../index.ts";
import { findModel, fold, readSerial, serialTokens } from "../products.ts";

const day = formatDay;
const SHOWN_DEVICES = 15;

const download = (ctx: Context, release: Release | undefined): CardAction[] =>
  release?.link ? [{ id: "fw.download", label: `${ctx.t("fw.action.download")} ${release.version}`, value: {}, url: release.link }] : [];

/** "firmware …": a serial, a model, "report", or "import" followed by the releases. */
export async function firmwareCommand(ctx: Context, rest: string): Promise<void> {
  const [first = "", ...others] = rest.split(/[ \t]+/);
  const word = fold(first);
  if (["import", "importar", "publish", "publicar"].includes(word))
    return importFirmware(ctx, rest.slice(first.length).replace(/^[ \t]*\r?\n?/, ""));
  if (["report", "informe", "compliance", "cumplimiento"].includes(word) && others.join("").trim() === "") return showCompliance(ctx);
  if (!rest.trim()) {
    if (ctx.person.role === "admin") return showCompliance(ctx);
    ctx.reply({ text: ctx.t("portal.whichModel", { example: "firmware NB5-2231987" }) });
    return;
  }
  const [serial] = serialTokens(rest);
  if (serial) return showDeviceUpdate(ctx, serial);
  const model = findModel(ctx.services.catalog, rest);
  if (!model) {
    ctx.reply({
      text: ctx.t("portal.unknownModel", {
        model: rest.trim().slice(0, 60),
        models: ctx.services.catalog.models.map((m) => m.name).join(", "),
      }),
    });
    return;
  }
  await showModelFirmware(ctx, model.id);
}

/** Is this device up to date? */
export async function showDeviceUpdate(ctx: Context, token: string): Promise<void> {
  const reading = readSerial(ctx.services.catalog, token);
  const serial = reading.ok ? reading.serial : token.toUpperCase();
  const update = await portalFeature.of(ctx).firmware.deviceUpdate(ctx.person, serial);
  const { latest } = update;
  const text = ctx.t(`fw.state.${update.state}`, {
    serial,
    model: update.modelName,
    version: update.version ?? ctx.t("fw.unknown"),
    latest: latest?.version ?? "",
    count: update.missed.length,
  });
  if (!latest) {
    ctx.reply({ text });
    return;
  }
  ctx.reply({
    card: {
      title: ctx.t("fw.title", { model: update.modelName }),
      subtitle: text,
      facts: [
        { label: ctx.t("fw.fact.device"), value: `${serial}${update.siteName ? ` · ${update.siteName}` : ""}` },
        { label: ctx.t("fw.fact.installed"), value: update.version ?? ctx.t("fw.unknown") },
        { label: ctx.t("fw.fact.latest"), value: `${latest.version} (${day(latest.releasedAt)})` },
      ],
      body: update.state === "current" ? undefined : latest.notes || undefined,
      actions: download(ctx, latest),
    },
  });
}

/** The latest release of a model, with its notes and the earlier versions. */
export async function showModelFirmware(ctx: Context, modelId: string): Promise<void> {
  const model = ctx.services.catalog.models.find((m) => m.id === modelId);
  const name = model?.name ?? modelId;
  const [latest, ...earlier] = await portalFeature.of(ctx).firmware.releases(modelId, 6);
  if (!latest) {
    ctx.reply({ text: ctx.t("fw.none", { model: name }) });
    return;
  }
  ctx.reply({
    card: {
      title: ctx.t("fw.title", { model: name }),
      subtitle: ctx.t("fw.latest", { version: latest.version, date: day(latest.releasedAt) }),
      body: latest.notes || undefined,
      context:
        earlier.length > 0
          ? [ctx.t("fw.previous", { versions: earlier.map((r) => `${r.version} (${day(r.releasedAt)})`).join(", ") })]
          : undefined,
      actions: download(ctx, latest),
    },
  });
}

/**
 * The organization's devices behind their model's latest release, the ones that never reported a
 * version listed apart (they are not known to be up to date), and each model's latest release
 * with its notes and download link in the report itself.
 */
export async function showCompliance(ctx: Context): Promise<void> {
  const { t } = ctx;
  const devices = await portalFeature.of(ctx).firmware.compliance(ctx.person);
  if (devices.length === 0) {
    ctx.reply({ text: t("fw.report.empty") });
    return;
  }
  const behind = devices.filter((d) => d.state === "behind");
  const unknown = devices.filter((d) => d.state === "unknown_version");
  const models = new Map<string, { name: string; total: number; behind: number; unknown: number; latest: Release | undefined }>();
  for (const device of devices) {
    const entry = models.get(device.modelId) ?? { name: device.modelName, total: 0, behind: 0, unknown: 0, latest: device.latest };
    entry.total += 1;
    if (device.state === "behind") entry.behind += 1;
    if (device.state === "unknown_version") entry.unknown += 1;
    models.set(device.modelId, entry);
  }
  const site = (d: DeviceUpdate) => d.siteName ?? "—";
  const sections: string[][] = [];
  sections.push(
    behind.length > 0
      ? [
          t("fw.report.behindHeading"),
          ...capped(
            ctx,
            behind.map((d) =>
              t("fw.report.device", { serial: d.serial, site: site(d), version: d.version ?? "", latest: d.latest!.version }),
            ),
          ),
        ]
      : [t("fw.report.allCurrent")],
  );
  if (unknown.length > 0)
    sections.push([
      t("fw.report.unknownHeading"),
      ...capped(
        ctx,
        unknown.map((d) => t("fw.report.unknownDevice", { serial: d.serial, site: site(d), latest: d.latest?.version ?? "—" })),
      ),
    ]);
  sections.push([
    t("fw.report.releasesHeading"),
    ...[...models.values()].map(({ name, latest }) =>
      latest
        ? `${t("fw.report.release", { model: name, version: latest.version, date: day(latest.releasedAt), notes: notesSummary(latest.notes) })}` +
          (latest.link ? ` · ${t("fw.action.download")}: ${latest.link}` : "")
        : t("fw.report.noRelease", { model: name }),
    ),
  ]);
  ctx.reply({
    card: {
      title:
        unknown.length > 0
          ? t("fw.report.titleUnknown", { behind: behind.length, total: devices.length, unknown: unknown.length })
          : t("fw.report.title", { behind: behind.length, total: devices.length }),
      facts: [...models.values()].map((m) => ({
        label: m.name,
        value: t(m.unknown > 0 ? "fw.report.lineUnknown" : "fw.report.line", {
          behind: m.behind,
          total: m.total,
          unknown: m.unknown,
          latest: m.latest?.version ?? "—",
        }),
      })),
      body: sections.map((lines) => lines.join("\n")).join("\n\n"),
    },
  });
}

/** At most SHOWN_DEVICES lines, then "and N more". */
function capped(ctx: Context, lines: string[]): string[] {
  if (lines.length <= SHOWN_DEVICES) return lines;
  return [...lines.slice(0, SHOWN_DEVICES), `• ${ctx.t("portal.andMore", { count: lines.length - SHOWN_DEVICES })}`];
}

/** "firmware import" + JSON or CSV: the vendor publishes releases; all of them or none. */
async function importFirmware(ctx: Context, text: string): Promise<void> {
  if (!text.trim()) {
    ctx.reply({ text: ctx.t("fw.import.help") });
    return;
  }
  let releases;
  try {
    releases = readFirmwareImport(ctx.services.catalog, text);
  } catch (error) {
    if (!(error instanceof FirmwareImportError)) throw error;
    ctx.reply({ text: ctx.t("fw.import.refused", { problems: error.problems.map((p) => `• ${p}`).join("\n") }) });
    return;
  }
  const report = await portalFeature.of(ctx).firmware.importReleases(ctx.person, releases, ctx.origin);
  ctx.reply({
    text: ctx.t("fw.import.done", {
      created: report.created.length,
      updated: report.updated,
      unchanged: report.unchanged,
      notified: report.notified,
    }),
  });
  if (report.fixesAnnounced > 0) ctx.reply({ text: ctx.t("case.fix.announced", { count: report.fixesAnnounced }) });
}
