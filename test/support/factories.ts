/**
 * Test data built one row at a time, each with sensible defaults a test overrides only where it
 * matters: `buildOrganization`, `buildPerson`, `buildDevice`, `buildChannel`, `buildPartner`,
 * `buildCase`. Everything goes through the real importer (bot/people/importer.ts) and the real
 * case service, so a row built here is a row the product could have written; a test that needs
 * one organization and one person no longer boots the whole demo data set to get them.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { z } from "zod";
import type { App } from "../../app/app.ts";
import type { Viewer } from "../../bot/authz.ts";
import type { CaseView } from "../../bot/cases/view.ts";
import type { OpenCaseInput, Origin } from "../../bot/cases/service.ts";
import { importFileSchema } from "../../bot/people/import-schema.ts";
import { importData } from "../../bot/people/importer.ts";

type ImportInput = z.input<typeof importFileSchema>;
type OrganizationInput = NonNullable<ImportInput["organizations"]>[number];
type PersonInput = NonNullable<OrganizationInput["people"]>[number];
type DeviceInput = NonNullable<OrganizationInput["devices"]>[number];
type ChannelInput = NonNullable<OrganizationInput["channels"]>[number];
type PartnerInput = NonNullable<ImportInput["partners"]>[number];

/** An organization as built: its row id, and the import entry it came from (to add to it later). */
export interface BuiltOrganization {
  id: string;
  key: string;
  name: string;
  /** The key of its one default contract, unless `contracts` was overridden. */
  contractKey: string | undefined;
  /** The key of its first site, where devices go unless told otherwise. */
  siteKey: string | undefined;
  entry: OrganizationInput;
}

/** A person as built: their shell handle (what `message(person, …)` takes) and how the bot sees them. */
export interface BuiltPerson {
  id: string;
  key: string;
  name: string;
  /** The shell identity: the `externalId` of their events and their `dm:<handle>` conversation. */
  handle: string;
  viewer: Viewer;
}

let sequence = 0;
/** A number unique in this test file, for keys, names and serials. */
const next = () => ++sequence;

/** An organization with one 24x7 premium contract in force from 2026 to 2027 and one site in Madrid. */
export async function buildOrganization(app: App, overrides: Partial<OrganizationInput> = {}): Promise<BuiltOrganization> {
  const n = next();
  const key = overrides.key ?? `org-${n}`;
  const entry: OrganizationInput = {
    key,
    name: `Organization ${n}`,
    locale: "en",
    contracts: [
      {
        key: `${key}-contract`,
        plan: "premium",
        coverage: "24x7",
        timeZone: "Europe/Madrid",
        holidayCountry: "ES",
        startsOn: "2026-01-01",
        endsOn: "2027-12-31",
      },
    ],
    sites: [{ key: `${key}-hq`, name: `Head office ${n}`, city: "Madrid", country: "ES", timeZone: "Europe/Madrid" }],
    ...overrides,
  };
  await importEntries(app, { organizations: [entry] });
  const row = await app.db.prisma.organization.findUniqueOrThrow({ where: { key } });
  return { id: row.id, key, name: entry.name, contractKey: entry.contracts?.[0]?.key, siteKey: entry.sites?.[0]?.key, entry };
}

/**
 * A person who talks to the bot in the shell. Employees and admins belong to an organization (a
 * new one unless given); engineers and managers to the vendor; partner people to `partner`.
 */
export async function buildPerson(
  app: App,
  overrides: Partial<PersonInput> & { organization?: BuiltOrganization; partner?: string } = {},
): Promise<BuiltPerson> {
  const { organization, partner, ...fields } = overrides;
  const n = next();
  const key = fields.key ?? `person-${n}`;
  const person: PersonInput = { key, name: `Person ${n}`, role: "employee", identities: { shell: key }, ...fields };
  if (person.role === "engineer" || person.role === "manager") {
    await importEntries(app, { vendor: { people: [person] } });
  } else if (person.role === "partner") {
    const entry = await partnerEntry(app, partner ?? (await buildPartner(app)));
    await importEntries(app, { partners: [{ ...entry, people: [person] }] });
  } else {
    const home = organization ?? (await buildOrganization(app));
    await importEntries(app, { organizations: [{ ...home.entry, people: [person], devices: [], channels: [] }] });
  }
  const handle = person.identities?.shell ?? key;
  const viewer = await app.services.people.resolve({ platform: "shell", externalId: handle });
  if (!viewer?.personId) throw new Error(`the person ${key} was imported but the bot does not know the shell handle ${handle}`);
  return { id: viewer.personId, key, name: person.name, handle, viewer };
}

/** A device of the organization's first site; the first model of the catalog unless told. */
export async function buildDevice(
  app: App,
  organization: BuiltOrganization,
  overrides: Partial<DeviceInput> = {},
): Promise<{ serial: string; model: string }> {
  const model = app.catalog.models.find((m) => m.id === overrides.model) ?? app.catalog.models[0]!;
  const device: DeviceInput = {
    serial: `${model.serial_prefix}-${String(next()).padStart(7, "0")}`,
    model: model.id,
    ...(organization.siteKey ? { site: organization.siteKey } : {}),
    ...overrides,
  };
  await importEntries(app, { organizations: [{ ...organization.entry, people: [], devices: [device], channels: [] }] });
  return { serial: device.serial, model: device.model };
}

/**
 * A conversation the bot posts to for a purpose: the vendor's (the engineers' queue, the
 * managers') unless an organization is given.
 */
export async function buildChannel(
  app: App,
  overrides: Partial<ChannelInput> & { organization?: BuiltOrganization } = {},
): Promise<ChannelInput> {
  const { organization, ...fields } = overrides;
  const channel: ChannelInput = { purpose: "engineers", platform: "shell", conversationId: fields.purpose ?? "engineers", ...fields };
  if (organization) await importEntries(app, { organizations: [{ ...organization.entry, people: [], devices: [], channels: [channel] }] });
  else await importEntries(app, { vendor: { channels: [channel] } });
  return channel;
}

/** A cloud partner reached through a shared thread; returns its id. */
export async function buildPartner(app: App, overrides: Partial<PartnerInput> = {}): Promise<string> {
  const n = next();
  const partner: PartnerInput = { id: `partner-${n}`, name: `Partner ${n}`, ...overrides };
  await importEntries(app, { partners: [partner] });
  return partner.id;
}

/** A case opened by `by` (a new employee of a new organization unless given), as the case service opens one. */
export async function buildCase(
  app: App,
  overrides: Partial<OpenCaseInput> & { by?: BuiltPerson; origin?: Origin } = {},
): Promise<CaseView> {
  const { by, origin, ...fields } = overrides;
  const requester = by ?? (await buildPerson(app));
  const input: OpenCaseInput = { title: `Case ${next()}`, description: "Opened by a test", severity: "sev3", language: "en", ...fields };
  const conversation = { platform: "shell" as const, conversationId: `dm:${requester.handle}` };
  return (await app.services.cases.open(requester.viewer, input, origin ?? { platform: "shell", conversation })).view;
}

/** The import entry of a partner already in the database, so people can be added to it unchanged. */
async function partnerEntry(app: App, id: string): Promise<PartnerInput> {
  const row = await app.db.prisma.partner.findUniqueOrThrow({ where: { id } });
  return {
    id,
    name: row.name,
    connector: row.connector as PartnerInput["connector"],
    joinMode: row.joinMode as PartnerInput["joinMode"],
    ...(row.endpointUrl ? { endpointUrl: row.endpointUrl } : {}),
  };
}

/**
 * Imports a partial file. On SQLite the app's checkpointer briefly locks the file and the
 * importer's transaction does not wait past the driver's short busy timeout (db/client.ts), so a
 * lock is retried here; the import is all or nothing, so a retry never writes twice.
 */
async function importEntries(app: App, file: Omit<ImportInput, "version">): Promise<void> {
  const parsed = importFileSchema.parse({ version: 1, ...file });
  for (let attempt = 1; ; attempt++) {
    try {
      await importData(app.db, app.catalog, parsed);
      return;
    } catch (error) {
      if (attempt >= 20 || !/database is locked|operation has timed out/i.test(String(error))) throw error;
      await sleep(25 * attempt);
    }
  }
}
