/**
 * Which customer organization a platform's tenant belongs to (a Slack workspace, a Microsoft
 * tenant), as the import recorded it. Adapters ask this to accept deliveries from their
 * customers' tenants; they do not read organizations themselves.
 */
import type { Database } from "../../db/client.ts";
import type { Platform } from "../../core/vocabulary.ts";

export interface TenantDirectory {
  /** Organization ids by tenant id for one platform (empty for a platform without tenants). */
  organizationsOf(platform: Platform): Promise<Map<string, string>>;
}

/** The tenant look-ups on the database. */
export function tenantDirectory(db: Database): TenantDirectory {
  return {
    async organizationsOf(platform) {
      if (platform === "slack") {
        const rows = await db.prisma.organization.findMany({
          where: { slackTeamId: { not: null } },
          select: { id: true, slackTeamId: true },
        });
        return new Map(rows.map((row) => [row.slackTeamId!, row.id]));
      }
      if (platform === "teams") {
        const rows = await db.prisma.organization.findMany({
          where: { teamsTenantId: { not: null } },
          select: { id: true, teamsTenantId: true },
        });
        return new Map(rows.map((row) => [row.teamsTenantId!, row.id]));
      }
      return new Map();
    },
  };
}
