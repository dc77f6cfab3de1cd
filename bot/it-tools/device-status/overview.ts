/** What an organization's devices last reported: counts by state, and the ones not online. */
import type { Database } from "../../../db/client.ts";
import { policy, type Viewer } from "../../authz.ts";
import type { Clock } from "../../../core/clock.ts";
import { forbidden } from "../../errors.ts";

export interface StatusOverview {
  devices: number;
  /** Devices that reported something, by their last state. */
  byState: { state: string; devices: number }[];
  /** Devices whose last state is not "online", newest first. */
  problems: { serial: string; modelName: string; siteName: string | null; state: string; detail: string | null; since: Date }[];
  eventsLastDay: number;
}

/** The overview of the admin's organization, or of one of its sites. */
export async function statusOverview(db: Database, clock: Clock, viewer: Viewer, siteId?: string, limit = 20): Promise<StatusOverview> {
  const organizationId = viewer.organizationId;
  if (!organizationId || !policy.canManageOrganization(viewer, organizationId)) throw forbidden("portal.adminsOnly");
  const deviceWhere = { organizationId, ...(siteId ? { siteId } : {}) };
  const since = new Date(clock.now().getTime() - 86_400_000);
  const statusWhere = { organizationId, ...(siteId ? { deviceId: { in: await idsAt(db, organizationId, siteId) } } : {}) };
  const [devices, states, problems, eventsLastDay] = await Promise.all([
    db.prisma.device.count({ where: deviceWhere }),
    db.prisma.deviceStatus.groupBy({ by: ["state"], where: statusWhere, _count: true }),
    db.prisma.deviceStatus.findMany({
      where: { ...statusWhere, state: { not: "online" } },
      orderBy: { since: "desc" },
      take: limit,
    }),
    db.prisma.deviceEvent.count({ where: { organizationId, receivedAt: { gte: since }, ...(siteId ? { siteId } : {}) } }),
  ]);
  const info = await db.prisma.device.findMany({
    where: { id: { in: problems.map((p) => p.deviceId) } },
    select: { id: true, serial: true, model: { select: { name: true } }, site: { select: { name: true } } },
  });
  const byId = new Map(info.map((d) => [d.id, d]));
  return {
    devices,
    byState: states.map((s) => ({ state: s.state, devices: s._count })).sort((a, b) => b.devices - a.devices),
    problems: problems.map((p) => ({
      serial: byId.get(p.deviceId)?.serial ?? p.deviceId,
      modelName: byId.get(p.deviceId)?.model.name ?? "",
      siteName: byId.get(p.deviceId)?.site?.name ?? null,
      state: p.state,
      detail: p.detail,
      since: p.since,
    })),
    eventsLastDay,
  };
}

async function idsAt(db: Database, organizationId: string, siteId: string): Promise<string[]> {
  const rows = await db.prisma.device.findMany({ where: { organizationId, siteId }, select: { id: true } });
  return rows.map((row) => row.id);
}
