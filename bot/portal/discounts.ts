/**
 * Professional-services discounts: customers with a contract in force may get one; the vendor
 * does not sell the services itself, so the answer always ends with the organization's reseller.
 */
import type { Database } from "../../db/client.ts";
import { policy, type Viewer } from "../authz.ts";
import { forbidden } from "../errors.ts";
import type { LicenseService } from "./licenses.ts";

export interface DiscountAnswer {
  organizationName: string;
  eligible: boolean;
  /** Percent; 0 when not eligible. */
  discount: number;
  /** The contract that gives it (or, when not eligible, the last one that ended). */
  contractKey: string | null;
  endsOn: Date | null;
  reason: "active" | "no_discount" | "expired" | "no_contract";
  reseller: { name: string; contact: string | null } | null;
}

/** Professional-services discount eligibility, with the reseller to ask. */
export class DiscountService {
  constructor(
    private readonly db: Database,
    private readonly licenses: LicenseService,
  ) {}

  /** Eligibility of the viewer's organization; any of its people may ask. */
  async eligibility(viewer: Viewer): Promise<DiscountAnswer> {
    if (!viewer.organizationId || !policy.isCustomer(viewer)) throw forbidden("portal.customersOnly");
    const organization = await this.db.prisma.organization.findUnique({
      where: { id: viewer.organizationId },
      select: { name: true, resellerName: true, resellerContact: true },
    });
    // Admins and employees alike: the contract list itself is an admin view, so ask as the organization.
    const { contracts } = await this.licenses.contracts({ ...viewer, role: "admin" });
    const active = contracts.filter((contract) => contract.state === "active").sort((a, b) => b.servicesDiscount - a.servicesDiscount)[0];
    const reseller = organization?.resellerName ? { name: organization.resellerName, contact: organization.resellerContact } : null;
    const base = { organizationName: organization?.name ?? "", reseller };
    if (active && active.servicesDiscount > 0)
      return {
        ...base,
        eligible: true,
        discount: active.servicesDiscount,
        contractKey: active.key,
        endsOn: active.endsOn,
        reason: "active",
      };
    if (active) return { ...base, eligible: false, discount: 0, contractKey: active.key, endsOn: active.endsOn, reason: "no_discount" };
    const ended = contracts.find((contract) => contract.state === "expired");
    return {
      ...base,
      eligible: false,
      discount: 0,
      contractKey: ended?.key ?? null,
      endsOn: ended?.endsOn ?? null,
      reason: ended ? "expired" : "no_contract",
    };
  }
}
