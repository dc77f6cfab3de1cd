/**
 * Licenses and entitlements: the organization's support contracts (plan, coverage, dates, which
 * devices they cover, renewal coming) and whether one device is covered today. A contract covers
 * the product families it lists, or every family when the list is empty.
 */
import type { Database } from "../../../db/client.ts";
import { policy, type Viewer } from "../../authz.ts";
import type { Clock } from "../../../core/clock.ts";
import { forbidden, notFound } from "../../errors.ts";
import { contractDays } from "../../calendar/contract-days.ts";

/** Days before the end of a contract from which its renewal is flagged. */
export const RENEWAL_NOTICE_DAYS = 90;

export interface ContractSummary {
  key: string;
  plan: string;
  coverage: string;
  businessHours: string;
  timeZone: string;
  startsOn: Date;
  endsOn: Date;
  state: "active" | "expired" | "upcoming";
  /** Days of cover left, today included (1 on the last day, 0 once ended). */
  daysLeft: number;
  renewalDue: boolean;
  families: string[];
  coveredDevices: number;
  totalDevices: number;
  onsiteOption: boolean;
  servicesDiscount: number;
}

export type Coverage =
  | { covered: true; serial: string; modelName: string; siteName: string | null; contract: ContractSummary }
  | {
      covered: false;
      serial: string;
      modelName: string;
      siteName: string | null;
      reason: "no_contract" | "family";
      contract?: ContractSummary;
    };

/** Contracts and entitlements of an organization, and coverage of one device. */
export class LicenseService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** Every contract of the viewer's organization, the one in force first. */
  async contracts(viewer: Viewer): Promise<{ organizationName: string; contracts: ContractSummary[] }> {
    const organizationId = this.managedOrganization(viewer);
    const [organization, rows, devices] = await Promise.all([
      this.db.prisma.organization.findUnique({ where: { id: organizationId }, select: { name: true } }),
      this.db.prisma.contract.findMany({ where: { organizationId }, orderBy: { endsOn: "desc" } }),
      this.devicesByFamily(organizationId),
    ]);
    const now = this.clock.now();
    const contracts = rows.map((row) => summarize(row, devices, now));
    const rank = { active: 0, upcoming: 1, expired: 2 } as const;
    contracts.sort((a, b) => rank[a.state] - rank[b.state] || b.endsOn.getTime() - a.endsOn.getTime());
    return { organizationName: organization?.name ?? "", contracts };
  }

  /** Is this serial covered today? Customers ask about their own devices; support about any. */
  async coverage(viewer: Viewer, serial: string): Promise<Coverage> {
    const device = await this.db.prisma.device.findUnique({
      where: { serial },
      select: { organizationId: true, site: { select: { name: true } }, model: { select: { name: true, family: true } } },
    });
    const visible = device && (policy.isSupport(viewer) || (policy.isCustomer(viewer) && viewer.organizationId === device.organizationId));
    if (!device || !visible) throw notFound("lic.unknownSerial", { serial });
    const now = this.clock.now();
    const [rows, devices] = await Promise.all([
      this.db.prisma.contract.findMany({ where: { organizationId: device.organizationId }, orderBy: { endsOn: "desc" } }),
      this.devicesByFamily(device.organizationId),
    ]);
    const contracts = rows.map((row) => summarize(row, devices, now)).filter((contract) => contract.state === "active");
    const base = { serial, modelName: device.model.name, siteName: device.site?.name ?? null };
    const covering = contracts.find((contract) => contract.families.length === 0 || contract.families.includes(device.model.family));
    if (covering) return { covered: true, ...base, contract: covering };
    return contracts[0]
      ? { covered: false, ...base, reason: "family", contract: contracts[0] }
      : { covered: false, ...base, reason: "no_contract" };
  }

  private managedOrganization(viewer: Viewer): string {
    if (!viewer.organizationId || !policy.canManageOrganization(viewer, viewer.organizationId)) throw forbidden("portal.adminsOnly");
    return viewer.organizationId;
  }

  private async devicesByFamily(organizationId: string): Promise<Map<string, number>> {
    const rows = await this.db.prisma.device.findMany({ where: { organizationId }, select: { model: { select: { family: true } } } });
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(row.model.family, (counts.get(row.model.family) ?? 0) + 1);
    return counts;
  }
}

type ContractRow = Awaited<ReturnType<Database["prisma"]["contract"]["findFirstOrThrow"]>>;

function summarize(row: ContractRow, devices: Map<string, number>, now: Date): ContractSummary {
  const families = JSON.parse(row.coveredFamilies) as string[];
  const { state, daysLeft } = contractDays(row, now);
  const total = [...devices.values()].reduce((sum, count) => sum + count, 0);
  const covered = families.length === 0 ? total : families.reduce((sum, family) => sum + (devices.get(family) ?? 0), 0);
  return {
    key: row.key,
    plan: row.plan,
    coverage: row.coverage,
    businessHours: row.businessHours,
    timeZone: row.timeZone,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    state,
    daysLeft,
    renewalDue: state === "active" && daysLeft <= RENEWAL_NOTICE_DAYS,
    families,
    coveredDevices: covered,
    totalDevices: total,
    onsiteOption: row.onsiteOption,
    servicesDiscount: row.servicesDiscount,
  };
}
