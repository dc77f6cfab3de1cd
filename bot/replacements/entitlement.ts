/**
 * Is this device entitled to hardware service? The device must be registered (to the customer
 * asking, or to the case's customer when support orders), the organization must hold a contract
 * in force, and the contract must cover the model's family (`coveredFamilies`, empty = all).
 * Each refusal is a domain error that says what is wrong and what to do; nothing is written.
 */
import type { Tx } from "../../db/client.ts";
import { policy, type Viewer } from "../authz.ts";
import { conflict, invalid, notFound } from "../errors.ts";
import type { Language } from "../../core/vocabulary.ts";
import { contractDays } from "../calendar/contract-days.ts";

/** Where a device is installed. */
export interface SiteFacts {
  id: string;
  name: string;
  country: string;
  region: string | null;
  timeZone: string;
  address: string | null;
}

/** A registered device with everything hardware service decides on. */
export interface EntitledDevice {
  deviceId: string;
  serial: string;
  modelId: string;
  modelName: string;
  family: string;
  organizationId: string;
  organizationName: string;
  organizationLocale: Language;
  site: SiteFacts;
  contract: { id: string; onsiteOption: boolean; coveredFamilies: string[]; endsOn: Date };
}

const SERIAL = /(?<![A-Za-z0-9])([A-Za-z][A-Za-z0-9]{1,5})[-\s]?(\d{7})(?!\d)/;

/** The first serial in a text, in canonical form ("nb5 2231987" → "NB5-2231987"). */
export function parseSerial(text: string): string | undefined {
  const match = SERIAL.exec(text);
  return match ? `${match[1]!.toUpperCase()}-${match[2]}` : undefined;
}

/** Removes the first serial from a text. */
export function stripSerial(text: string): string {
  return text.replace(SERIAL, " ").replace(/\s+/g, " ").trim();
}

/**
 * Checks a device's entitlement. `organizationId` is the customer the request is for (a case's
 * organization when support orders from a case); customers are always held to their own.
 */
export async function checkEntitlement(
  tx: Tx,
  viewer: Viewer,
  serial: string,
  now: Date,
  organizationId?: string,
): Promise<EntitledDevice> {
  const expected = policy.isSupport(viewer) ? organizationId : (viewer.organizationId ?? "-");
  const device = await tx.device.findUnique({
    where: { serial },
    include: { model: true, organization: true, site: true },
  });
  // A customer never learns whether someone else's serial exists.
  if (!device || (!policy.isSupport(viewer) && device.organizationId !== expected))
    throw notFound(policy.isSupport(viewer) ? "rma.error.unknownSerial" : "rma.error.notYourDevice", { serial });
  if (expected && device.organizationId !== expected) {
    const customer = await tx.organization.findUnique({ where: { id: expected }, select: { name: true } });
    throw invalid("rma.error.otherOrganization", { serial, owner: device.organization.name, organization: customer?.name ?? expected });
  }
  const contracts = await tx.contract.findMany({ where: { organizationId: device.organizationId }, orderBy: { endsOn: "desc" } });
  // Contract dates are whole days in the contract's time zone, the end date included.
  const active = contracts.find((contract) => contractDays(contract, now).state === "active");
  const organization = device.organization.name;
  if (!active) {
    const ended = contracts.find((contract) => contractDays(contract, now).state === "expired");
    if (ended) throw conflict("rma.error.contractExpired", { organization, serial, date: ended.endsOn.toISOString().slice(0, 10) });
    const future = contracts.find((contract) => contractDays(contract, now).state === "upcoming");
    if (future) throw conflict("rma.error.contractNotStarted", { organization, serial, date: future.startsOn.toISOString().slice(0, 10) });
    throw conflict("rma.error.noContract", { organization, serial });
  }
  const coveredFamilies = JSON.parse(active.coveredFamilies) as string[];
  if (coveredFamilies.length > 0 && !coveredFamilies.includes(device.model.family))
    throw conflict("rma.error.familyNotCovered", {
      organization,
      model: device.model.name,
      family: device.model.family,
      families: coveredFamilies.join(", "),
    });
  if (!device.site) throw invalid("rma.error.noSite", { serial });
  return {
    deviceId: device.id,
    serial: device.serial,
    modelId: device.modelId,
    modelName: device.model.name,
    family: device.model.family,
    organizationId: device.organizationId,
    organizationName: organization,
    organizationLocale: device.organization.locale === "es" ? "es" : "en",
    site: {
      id: device.site.id,
      name: device.site.name,
      country: device.site.country,
      region: device.site.region,
      timeZone: device.site.timeZone,
      address: device.site.address,
    },
    contract: { id: active.id, onsiteOption: active.onsiteOption, coveredFamilies, endsOn: active.endsOn },
  };
}
