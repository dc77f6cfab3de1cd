/**
 * Professional-services discounts. The plan's rule: customers with a **premium** contract in force
 * get the discount their contract states, requested by their IT admins through their reseller
 * (the vendor does not sell the services itself). Anyone of the organization may ask; the answer
 * names the admins who can request it and the reseller to ask.
 */
import type { Database } from "../../../db/client.ts";
import { policy, type Viewer } from "../../authz.ts";
import { forbidden } from "../../errors.ts";
import type { LicenseService } from "./service.ts";

export interface DiscountAnswer {
  organizationName: string;
  eligible: boolean;
  /** Percent; 0 when not eligible. */
  discount: number;
  /** The contract that gives it (or, when not eligible, the last one that ended). */
  contractKey: string | null;
  endsOn: Date | null;
  reason: "active" | "no_discount" | "not_premium" | "expired" | "no_contract";
  /** The plan of the contract in force, when there is one. */
  plan: string | null;
  reseller: { name: string; contact: string | null } | null;
  /** The organization's IT admins, who request the discount from the reseller. */
  admins: { id: string; name: string }[];
}

/** The plan whose contracts carry the professional-services discount. */
export const DISCOUNT_PLAN = "premium";

/** Professional-services discount eligibility, with the reseller to ask. */
export class DiscountService {
  constructor(
    private readonly db: Database,
    private readonly licenses: LicenseService,
  ) {}

  /** Eligibility of the viewer's organization; any of its people may ask. */
  async eligibility(viewer: Viewer): Promise<DiscountAnswer> {
    if (!viewer.organizationId || !policy.isCustomer(viewer)) throw forbidden("portal.customersOnly");
    const [organization, admins] = await Promise.all([
      this.db.prisma.organization.findUnique({
        where: { id: viewer.organizationId },
        select: { name: true, resellerName: true, resellerContact: true },
      }),
      this.db.prisma.person.findMany({
        where: { organizationId: viewer.organizationId, role: "admin" },
        select: { id: true, name: true },
        orderBy: { name: "asc" },
      }),
    ]);
    // Admins and employees alike: the contract list itself is an admin view, so ask as the organization.
    const { contracts } = await this.licenses.contracts({ ...viewer, role: "admin" });
    const inForce = contracts.filter((contract) => contract.state === "active");
    const premium = inForce
      .filter((contract) => contract.plan === DISCOUNT_PLAN)
      .sort((a, b) => b.servicesDiscount - a.servicesDiscount)[0];
    const reseller = organization?.resellerName ? { name: organization.resellerName, contact: organization.resellerContact } : null;
    const base = { organizationName: organization?.name ?? "", reseller, admins, eligible: false, discount: 0 };
    if (premium && premium.servicesDiscount > 0)
      return {
        ...base,
        eligible: true,
        discount: premium.servicesDiscount,
        contractKey: premium.key,
        endsOn: premium.endsOn,
        plan: premium.plan,
        reason: "active",
      };
    if (premium) return { ...base, contractKey: premium.key, endsOn: premium.endsOn, plan: premium.plan, reason: "no_discount" };
    const other = inForce[0];
    if (other) return { ...base, contractKey: other.key, endsOn: other.endsOn, plan: other.plan, reason: "not_premium" };
    const ended = contracts.find((contract) => contract.state === "expired");
    return {
      ...base,
      contractKey: ended?.key ?? null,
      endsOn: ended?.endsOn ?? null,
      plan: null,
      reason: ended ? "expired" : "no_contract",
    };
  }
}
