/** Licenses, coverage of one device, and professional-services discounts, as chat replies. */
import type { Context } from "../../context.ts";
import type { MessageKey, Translator } from "../../i18n/index.ts";
import type { ContractSummary } from "./service.ts";
import { formatDay } from "../format.ts";
import { portalFeature } from "../index.ts";
import { readSerial, serialTokens } from "../products.ts";

const day = formatDay;

function coverageLabel(t: Translator, contract: ContractSummary): string {
  return contract.coverage === "business_hours"
    ? t("lic.coverage.business_hours", { hours: contract.businessHours, zone: contract.timeZone })
    : t("lic.coverage.24x7");
}

/** The contract's state as a person reads it: days left count today, so the last day says so plainly. */
function stateKey(contract: ContractSummary): MessageKey {
  if (contract.state !== "active") return `lic.state.${contract.state}`;
  return contract.daysLeft === 1 ? "lic.state.lastDay" : "lic.state.active";
}

/** The organization's contracts: plan, coverage, dates, covered devices, renewal coming. */
export async function showLicenses(ctx: Context): Promise<void> {
  const { t } = ctx;
  const { organizationName, contracts } = await portalFeature.of(ctx).licenses.contracts(ctx.person);
  if (contracts.length === 0) {
    ctx.reply({ text: t("lic.none", { organization: organizationName }) });
    return;
  }
  const facts = contracts.flatMap((contract) => {
    const dates = { start: day(contract.startsOn), end: day(contract.endsOn), days: contract.daysLeft };
    const covers =
      contract.families.length === 0
        ? t("lic.covers.all", { covered: contract.coveredDevices, total: contract.totalDevices })
        : t("lic.covers.some", { families: contract.families.join(", "), covered: contract.coveredDevices, total: contract.totalDevices });
    return [
      {
        label: `${t("lic.contract", { plan: contract.plan, coverage: coverageLabel(t, contract) })} (${contract.key})`,
        value: t(stateKey(contract), dates),
      },
      { label: t("lic.covers"), value: covers },
      {
        label: t("lic.options"),
        value: t("lic.extras", { onsite: t(contract.onsiteOption ? "lic.yes" : "lic.no"), discount: contract.servicesDiscount }),
      },
    ];
  });
  const renewals = contracts
    .filter((contract) => contract.renewalDue)
    .map((contract) =>
      t(contract.daysLeft === 1 ? "lic.renewal.lastDay" : "lic.renewal", {
        contract: contract.key,
        days: contract.daysLeft,
        end: day(contract.endsOn),
      }),
    );
  ctx.reply({
    card: {
      title: t("lic.title", { organization: organizationName }),
      facts,
      context: renewals.length > 0 ? renewals : undefined,
      actions: [
        { id: "portal.discounts", label: t("portal.action.discounts"), value: {} },
        { id: "portal.compliance", label: t("portal.action.compliance"), value: {} },
      ],
    },
  });
}

/** "covered NB5-2231987": is this device covered today, and by what. */
export async function showCoverage(ctx: Context, text: string): Promise<void> {
  const [token] = serialTokens(text);
  if (!token) {
    ctx.reply({ text: ctx.t("lic.askSerial") });
    return;
  }
  const reading = readSerial(ctx.services.catalog, token);
  const serial = reading.ok ? reading.serial : token.toUpperCase();
  const coverage = await portalFeature.of(ctx).licenses.coverage(ctx.person, serial);
  const base = { serial, model: coverage.modelName, site: coverage.siteName ? `, ${coverage.siteName}` : "" };
  if (coverage.covered) {
    const { contract } = coverage;
    ctx.reply({
      text: ctx.t("lic.covered", { ...base, plan: contract.plan, coverage: coverageLabel(ctx.t, contract), end: day(contract.endsOn) }),
    });
    return;
  }
  ctx.reply({
    text:
      coverage.reason === "family"
        ? ctx.t("lic.notCovered.family", { ...base, contract: coverage.contract!.key, families: coverage.contract!.families.join(", ") })
        : ctx.t("lic.notCovered.none", base),
  });
}

/**
 * The professional-services discount: the plan's rule, whether the organization gets it, who in
 * the organization can request it (its IT admins, by name), and the reseller to ask.
 */
export async function showDiscounts(ctx: Context): Promise<void> {
  const { t } = ctx;
  const answer = await portalFeature.of(ctx).discounts.eligibility(ctx.person);
  const params = {
    organization: answer.organizationName,
    discount: answer.discount,
    contract: answer.contractKey ?? "",
    plan: answer.plan ?? "",
    end: answer.endsOn ? day(answer.endsOn) : "",
  };
  const key = {
    active: "disc.eligible",
    no_discount: "disc.noDiscount",
    not_premium: "disc.notPremium",
    expired: "disc.expired",
    no_contract: "disc.noContract",
  } as const;
  const admins = answer.admins.map((admin) => (admin.id === ctx.person.personId ? t("disc.you", { name: admin.name }) : admin.name));
  const requesters =
    answer.admins.length === 0
      ? t("disc.noAdmins", { organization: answer.organizationName })
      : t("disc.requesters", { organization: answer.organizationName, admins: admins.join(", ") });
  const referral = answer.reseller
    ? t("disc.reseller", { name: answer.reseller.name, contact: answer.reseller.contact ? ` (${answer.reseller.contact})` : "" })
    : t("disc.noReseller");
  ctx.reply({ text: [t("disc.rule"), t(key[answer.reason], params), requesters, referral].join(" ") });
}
