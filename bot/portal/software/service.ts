/**
 * Software updates: firmware releases per model, "is my device up to date?", the organization's
 * compliance report, and the import of new releases. A release that becomes a model's latest is
 * announced to the admins of every organization with registered devices behind it, in the same
 * transaction as the release (so a notice exists exactly when the release does).
 */
import type { Database, Tx } from "../../../db/client.ts";
import { newId } from "../../../db/ids.ts";
import { policy, type Viewer } from "../../authz.ts";
import type { Catalog } from "../../../core/catalog.ts";
import type { Clock } from "../../../core/clock.ts";
import { forbidden, notFound } from "../../errors.ts";
import { recordAudit } from "../../audit/log.ts";
import { announceReleasedFixes } from "../../cases/fix.ts";
import type { Origin } from "../../cases/service.ts";
import type { Directory } from "../../people/directory.ts";
import { enqueueMessages } from "../../runtime/outbox.ts";
import { planFirmwareNotices, type AffectedOrganization } from "./notice.ts";
import type { ReleaseInput } from "./import.ts";
import { compareVersions, latestOf } from "./versions.ts";

export interface Release {
  id: string;
  modelId: string;
  version: string;
  releasedAt: Date;
  notes: string;
  link: string | null;
}

export type DeviceUpdateState = "current" | "behind" | "unknown_version" | "no_releases";

export interface DeviceUpdate {
  serial: string;
  modelId: string;
  modelName: string;
  siteName: string | null;
  version: string | null;
  state: DeviceUpdateState;
  latest: Release | undefined;
  /** Releases newer than the device's version (newest first). */
  missed: Release[];
}

export interface ImportReport {
  created: Release[];
  updated: number;
  unchanged: number;
  /** Organizations told about a new latest release. */
  notified: number;
  /** Cases whose pending fix came in one of the releases: their customers are told (bot/cases/fix.ts). */
  fixesAnnounced: number;
}

/** Firmware releases, device update state, compliance, and release import with admin notices. */
export class FirmwareService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly catalog: Catalog,
    private readonly directory: Directory,
    private readonly onCommitted: () => void,
  ) {}

  /** A model's releases, newest version first. */
  async releases(modelId: string, limit = 5): Promise<Release[]> {
    const rows = await this.db.prisma.firmwareRelease.findMany({ where: { modelId } });
    return rows.sort((a, b) => compareVersions(b.version, a.version)).slice(0, limit);
  }

  /** Whether one device runs its model's latest release. */
  async deviceUpdate(viewer: Viewer, serial: string): Promise<DeviceUpdate> {
    const device = await this.db.prisma.device.findUnique({
      where: { serial },
      select: {
        serial: true,
        organizationId: true,
        firmwareVersion: true,
        modelId: true,
        model: { select: { name: true } },
        site: { select: { name: true } },
      },
    });
    if (!device || !(policy.isSupport(viewer) || (policy.isCustomer(viewer) && viewer.organizationId === device.organizationId)))
      throw notFound("lic.unknownSerial", { serial });
    return assess(device, await this.releases(device.modelId, 1_000));
  }

  /** Every device of the admin's organization with its update state, by model. */
  async compliance(viewer: Viewer): Promise<DeviceUpdate[]> {
    const organizationId = viewer.organizationId;
    if (!organizationId || !policy.canManageOrganization(viewer, organizationId)) throw forbidden("portal.adminsOnly");
    const devices = await this.db.prisma.device.findMany({
      where: { organizationId },
      select: { serial: true, firmwareVersion: true, modelId: true, model: { select: { name: true } }, site: { select: { name: true } } },
      orderBy: { serial: "asc" },
    });
    const releases = await this.db.prisma.firmwareRelease.findMany({
      where: { modelId: { in: [...new Set(devices.map((d) => d.modelId))] } },
    });
    const byModel = new Map<string, Release[]>();
    for (const release of releases) byModel.set(release.modelId, [...(byModel.get(release.modelId) ?? []), release]);
    for (const list of byModel.values()) list.sort((a, b) => compareVersions(b.version, a.version));
    return devices.map((device) => assess(device, byModel.get(device.modelId) ?? []));
  }

  /** Stores releases (support only); new latest releases notify the admins they affect. */
  async importReleases(
    viewer: Viewer | undefined,
    releases: ReleaseInput[],
    origin: Origin,
    options: { notify?: boolean } = {},
  ): Promise<ImportReport> {
    if (viewer && !policy.isSupport(viewer)) throw forbidden("fw.supportOnly");
    const now = this.clock.now();
    const report = await this.db.prisma.$transaction(
      async (tx) => {
        const result: ImportReport = { created: [], updated: 0, unchanged: 0, notified: 0, fixesAnnounced: 0 };
        for (const input of releases) {
          const existing = await tx.firmwareRelease.findUnique({
            where: { modelId_version: { modelId: input.modelId, version: input.version } },
          });
          if (!existing) {
            result.created.push(await tx.firmwareRelease.create({ data: { id: newId(now.getTime()), ...input, createdAt: now } }));
          } else if (
            existing.notes !== input.notes ||
            existing.link !== input.link ||
            existing.releasedAt.getTime() !== input.releasedAt.getTime()
          ) {
            await tx.firmwareRelease.update({
              where: { id: existing.id },
              data: { notes: input.notes, link: input.link, releasedAt: input.releasedAt },
            });
            result.updated += 1;
          } else result.unchanged += 1;
        }
        for (const release of result.created)
          if (viewer)
            await recordAudit(
              tx,
              {
                actor: viewer,
                platform: origin.platform,
                action: "firmware.published",
                subjectType: "firmware",
                subjectId: `${release.modelId} ${release.version}`,
                organizationId: null,
                after: {
                  model: release.modelId,
                  version: release.version,
                  date: release.releasedAt.toISOString().slice(0, 10),
                  link: release.link,
                },
              },
              now,
            );
        if (options.notify !== false) result.notified = await this.notify(tx, result.created, now);
        // Customers waiting on one of these releases for a case's fix (a silent seed tells nobody).
        const models = [...new Set(releases.map((release) => release.modelId))];
        if (options.notify !== false && models.length) result.fixesAnnounced = await announceReleasedFixes(tx, now, { modelIds: models });
        return result;
      },
      { maxWait: 10_000, timeout: 60_000 },
    );
    if (report.notified > 0 || report.fixesAnnounced > 0) this.onCommitted();
    return report;
  }

  /** Notices for the created releases that are now their model's latest. */
  private async notify(tx: Tx, created: Release[], now: Date): Promise<number> {
    let notified = 0;
    for (const release of created) {
      const all = await tx.firmwareRelease.findMany({ where: { modelId: release.modelId } });
      if (latestOf(all)?.id !== release.id) continue;
      const devices = await tx.device.findMany({
        where: { modelId: release.modelId, firmwareVersion: { not: null } },
        select: { serial: true, organizationId: true, firmwareVersion: true, organization: { select: { locale: true } } },
        orderBy: { serial: "asc" },
      });
      const affected = new Map<string, AffectedOrganization>();
      for (const device of devices) {
        if (compareVersions(device.firmwareVersion!, release.version) >= 0) continue;
        const entry = affected.get(device.organizationId) ?? {
          organizationId: device.organizationId,
          locale: device.organization.locale,
          serials: [],
        };
        entry.serials.push(device.serial);
        affected.set(device.organizationId, entry);
      }
      const model = this.catalog.models.find((m) => m.id === release.modelId);
      for (const organization of affected.values()) {
        const routes = await this.directory.routesFor("admins", organization.organizationId);
        if (routes.length === 0) continue;
        await enqueueMessages(tx, planFirmwareNotices(release, model?.name ?? release.modelId, organization, routes), now);
        notified += 1;
      }
    }
    return notified;
  }
}

function assess(
  device: { serial: string; firmwareVersion: string | null; modelId: string; model: { name: string }; site: { name: string } | null },
  releases: Release[],
): DeviceUpdate {
  const latest = releases[0];
  const version = device.firmwareVersion;
  const missed = version ? releases.filter((release) => compareVersions(release.version, version) > 0) : [];
  const state: DeviceUpdateState = !latest ? "no_releases" : !version ? "unknown_version" : missed.length > 0 ? "behind" : "current";
  return {
    serial: device.serial,
    modelId: device.modelId,
    modelName: device.model.name,
    siteName: device.site?.name ?? null,
    version,
    state,
    latest,
    missed,
  };
}
