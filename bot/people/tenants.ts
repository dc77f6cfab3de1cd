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

/** The tenant look-ups on the database (OrganizationTenant: one row per platform and tenant). */
export function tenantDirectory(db: Database): TenantDirectory {
  return {
    async organizationsOf(platform) {
      const rows = await db.prisma.organizationTenant.findMany({ where: { platform }, select: { tenantId: true, organizationId: true } });
      return new Map(rows.map((row) => [row.tenantId, row.organizationId]));
    },
  };
}
