/**
 * The network check as a service: which endpoints a site's devices need (by their product
 * families), the probes, and an audit entry saying who ran it from where. The probes run from
 * the Switchboard server, so the reply says so: a site behind its own firewall may differ.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { projectFile } from "../../../core/project-files.ts";
import type { Database } from "../../../db/client.ts";
import { policy, type Viewer } from "../../authz.ts";
import type { Catalog } from "../../../core/catalog.ts";
import type { Clock } from "../../../core/clock.ts";
import { forbidden } from "../../errors.ts";
import { recordAudit } from "../../audit/log.ts";
import type { Origin } from "../../cases/service.ts";
import { checkEndpoints, endpointListSchema, type Endpoint, type ProbeResult } from "./check.ts";

/** The demo endpoint list, used when NETWORK_CHECK_FILE is not set. */
export const DEMO_ENDPOINTS_FILE = projectFile("demo/network-endpoints.json");

/** A network-check list that cannot be used; the message names the file and the field. */
export class EndpointListError extends Error {
  override readonly name = "EndpointListError";
}

/** Reads and validates an endpoint list file. */
export function loadEndpoints(file: string): Endpoint[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new EndpointListError(`NETWORK_CHECK_FILE ${file} cannot be read as JSON: ${(error as Error).message}`);
  }
  const parsed = endpointListSchema.safeParse(data);
  if (!parsed.success)
    throw new EndpointListError(
      `NETWORK_CHECK_FILE ${file} is not a valid endpoint list: ${parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.join(".")}: ${i.message}`)
        .join("; ")}`,
    );
  return parsed.data.endpoints.map((endpoint, index) => {
    if (!endpoint.caFile) return endpoint;
    try {
      return { ...endpoint, ca: readFileSync(path.resolve(path.dirname(file), endpoint.caFile), "utf8") };
    } catch (error) {
      throw new EndpointListError(`NETWORK_CHECK_FILE ${file}: endpoints.${index}.caFile cannot be read: ${(error as Error).message}`);
    }
  });
}

export interface NetworkReport {
  siteName: string | null;
  results: ProbeResult[];
  at: Date;
}

/** Runs the network check for a site (or every endpoint) and records who ran it. */
export class NetworkCheckService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly catalog: Catalog,
    private readonly endpoints: Endpoint[],
    private readonly timeoutMs = 3_000,
  ) {}

  /** Checks the endpoints a site's devices need (all of them without a site). Admins of the site's organization, or support. */
  async run(viewer: Viewer, site: { id: string; key: string; name: string } | undefined, origin: Origin): Promise<NetworkReport> {
    const admin = viewer.organizationId !== null && policy.canManageOrganization(viewer, viewer.organizationId);
    if (!admin && !policy.isSupport(viewer)) throw forbidden("portal.adminsOnly");
    const families = site ? await this.familiesAt(site.id) : undefined;
    // A site with no registered devices gets every endpoint: there is nothing to narrow it by.
    const wanted = this.endpoints.filter((e) => !e.families || !families || families.size === 0 || e.families.some((f) => families.has(f)));
    const results = await checkEndpoints(wanted, this.timeoutMs);
    const at = this.clock.now();
    await this.db.prisma.$transaction((tx) =>
      recordAudit(
        tx,
        {
          actor: viewer,
          platform: origin.platform,
          action: "network.checked",
          subjectType: "site",
          subjectId: site?.key ?? "all",
          organizationId: viewer.organizationId,
          after: results.map((r) => ({ endpoint: `${r.endpoint.host}:${r.endpoint.port}`, ok: r.ok })),
        },
        at,
      ),
    );
    return { siteName: site?.name ?? null, results, at };
  }

  private async familiesAt(siteId: string): Promise<Set<string>> {
    const rows = await this.db.prisma.device.findMany({ where: { siteId }, select: { modelId: true }, distinct: ["modelId"] });
    const families = new Set<string>();
    for (const row of rows) {
      const model = this.catalog.models.find((m) => m.id === row.modelId);
      if (model) families.add(model.family);
    }
    return families;
  }
}
