/**
 * Loads an import file into the database in one transaction: all of it or, when anything is
 * wrong, none of it. Rows are matched by their keys and only written when something differs, so
 * importing the same file twice changes nothing.
 */
import type { Database, Tx } from "../../db/client.ts";
import { newId } from "../../db/ids.ts";
import type { Catalog } from "../../core/catalog.ts";
import { importFileSchema, type ImportChannel, type ImportFile, type ImportPerson } from "./import-schema.ts";

/** Counts of what an import wrote, per table. */
export interface ImportReport {
  created: Record<string, number>;
  updated: Record<string, number>;
  unchanged: number;
}

/** An import file that cannot be loaded; each problem names the field (or line) to fix. */
export class ImportError extends Error {
  override readonly name = "ImportError";
  constructor(readonly problems: string[]) {
    super(`the import file has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Parses and validates import JSON text. */
export function parseImportFile(text: string): ImportFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ImportError([`not valid JSON: ${(error as Error).message}`]);
  }
  const parsed = importFileSchema.safeParse(data);
  if (!parsed.success) {
    throw new ImportError(parsed.error.issues.slice(0, 20).map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`));
  }
  return parsed.data;
}

/** A schema issue's path as the file spells it: `organizations[0].devices[2].serial`. */
export function formatIssuePath(path: (string | number)[]): string {
  return (
    path.reduce<string>((text, part) => (typeof part === "number" ? `${text}[${part}]` : text ? `${text}.${part}` : part), "") || "(file)"
  );
}

type Row = Record<string, unknown>;

/**
 * Upserts one row by a unique lookup, writing only when a field differs; returns the row's
 * `idField` (its primary key: `id`, generated on create, unless the table is keyed otherwise).
 */
export async function upsertRow(tx: Tx, model: string, where: Row, data: Row, report: ImportReport, idField = "id"): Promise<string> {
  // The Prisma delegates share this shape; indexing by model name keeps one code path for all.
  const delegate = (
    tx as unknown as Record<
      string,
      { findFirst(args: unknown): Promise<Row | null>; create(args: unknown): Promise<Row>; update(args: unknown): Promise<Row> }
    >
  )[model]!;
  const existing = await delegate.findFirst({ where });
  if (!existing) {
    const created = await delegate.create({ data: { ...(idField === "id" ? { id: newId() } : {}), ...where, ...data } });
    report.created[model] = (report.created[model] ?? 0) + 1;
    return created[idField] as string;
  }
  const changed = Object.entries(data).some(([field, value]) => !same(existing[field], value));
  if (changed) {
    await delegate.update({ where: { [idField]: existing[idField] }, data });
    report.updated[model] = (report.updated[model] ?? 0) + 1;
  } else {
    report.unchanged += 1;
  }
  return existing[idField] as string;
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) return new Date(a as Date).getTime() === new Date(b as Date).getTime();
  return (a ?? null) === (b ?? null);
}

/** Makes the ProductModel table match the catalog (models are referenced by devices). */
export async function syncCatalog(db: Database, catalog: Catalog): Promise<void> {
  await db.prisma.$transaction(async (tx) => {
    for (const model of catalog.models) {
      const existing = await tx.productModel.findUnique({ where: { id: model.id } });
      const data = { name: model.name, family: model.family, serialPrefix: model.serial_prefix, aliases: JSON.stringify(model.aliases) };
      if (!existing) await tx.productModel.create({ data: { id: model.id, ...data } });
      else if (Object.entries(data).some(([field, value]) => !same((existing as Row)[field], value)))
        await tx.productModel.update({ where: { id: model.id }, data });
    }
  });
}

/** Checks what the schema cannot: references between rows and to the catalog and database. */
async function crossCheck(db: Database, catalog: Catalog, file: ImportFile): Promise<void> {
  const problems: string[] = [];
  const models = new Map(catalog.models.map((model) => [model.id, model]));
  const emails = new Set<string>();
  const keys = new Set<string>();
  const allPeople = [...file.vendor.people, ...file.partners.flatMap((p) => p.people), ...file.organizations.flatMap((o) => o.people)];
  for (const person of allPeople) {
    if (keys.has(person.key)) problems.push(`person key ${person.key} appears twice`);
    keys.add(person.key);
    if (person.email) {
      if (emails.has(person.email.toLowerCase())) problems.push(`e-mail ${person.email} appears twice`);
      emails.add(person.email.toLowerCase());
    }
  }
  const serials = new Set<string>();
  for (const [o, org] of file.organizations.entries()) {
    const siteKeys = new Set(org.sites.map((site) => site.key));
    for (const [d, device] of org.devices.entries()) {
      const where = `organizations[${o}].devices[${d}]`;
      const model = models.get(device.model);
      if (!model) problems.push(`${where}.model: unknown model ${device.model} (not in the product catalog)`);
      else if (!device.serial.startsWith(`${model.serial_prefix}-`))
        problems.push(`${where}.serial: ${device.serial} is not a ${model.name} serial (expected ${model.serial_prefix}-…)`);
      if (device.site && !siteKeys.has(device.site)) problems.push(`${where}.site: unknown site ${device.site} for ${org.key}`);
      if (serials.has(device.serial)) problems.push(`${where}.serial: ${device.serial} appears twice`);
      serials.add(device.serial);
    }
    for (const person of org.people) {
      if (person.role === "engineer" || person.role === "manager" || person.role === "partner")
        problems.push(`organizations[${o}].people: ${person.key} has role ${person.role}; customer people are employees or admins`);
      if (person.site && !siteKeys.has(person.site))
        problems.push(`organizations[${o}].people: ${person.key} works at unknown site ${person.site} for ${org.key}`);
    }
  }
  if (serials.size > 0) {
    const registered = await db.prisma.device.findMany({
      where: { serial: { in: [...serials] } },
      select: { serial: true, organization: { select: { key: true } } },
    });
    for (const row of registered) {
      const owner = file.organizations.find((org) => org.devices.some((device) => device.serial === row.serial));
      if (owner && owner.key !== row.organization.key)
        problems.push(`device ${row.serial} is registered to another organization (${row.organization.key})`);
    }
  }
  if (problems.length > 0) throw new ImportError(problems);
}

async function putPerson(
  tx: Tx,
  person: ImportPerson,
  scope: { organizationId?: string | null; partnerId?: string | null; siteIds?: Map<string, string> },
  report: ImportReport,
): Promise<void> {
  const personId = await upsertRow(
    tx,
    "person",
    { key: person.key },
    {
      name: person.name,
      email: person.email?.toLowerCase() ?? null,
      role: person.role,
      locale: person.locale ?? null,
      timeZone: person.timeZone ?? null,
      siteId: person.site ? (scope.siteIds?.get(person.site) ?? null) : null,
      skills: JSON.stringify(person.skills),
      organizationId: scope.organizationId ?? null,
      partnerId: scope.partnerId ?? null,
    },
    report,
  );
  for (const [platform, externalId] of Object.entries(person.identities)) {
    if (!externalId) continue;
    await upsertRow(tx, "platformIdentity", { platform, externalId }, { personId }, report);
  }
}

/**
 * The organization's chat tenants as the file states them (`slackTeamId`, `teamsTenantId`, or
 * `tenants: { <platform>: <tenant id> }` for any platform): rows added, replaced or removed, so
 * the table matches the file as the organization's other fields do.
 */
async function putTenants(tx: Tx, organizationId: string, org: ImportFile["organizations"][number], report: ImportReport): Promise<void> {
  const wanted = new Map<string, string>(Object.entries(org.tenants ?? {}));
  if (org.slackTeamId) wanted.set("slack", org.slackTeamId);
  if (org.teamsTenantId) wanted.set("teams", org.teamsTenantId);
  const count = (bucket: Record<string, number>) => (bucket.organizationTenant = (bucket.organizationTenant ?? 0) + 1);
  for (const row of await tx.organizationTenant.findMany({ where: { organizationId } })) {
    if (wanted.get(row.platform) === row.tenantId) {
      wanted.delete(row.platform);
      continue;
    }
    await tx.organizationTenant.delete({ where: { platform_tenantId: { platform: row.platform, tenantId: row.tenantId } } });
    if (!wanted.has(row.platform)) count(report.updated);
  }
  for (const [platform, tenantId] of wanted) {
    await tx.organizationTenant.create({ data: { platform, tenantId, organizationId } });
    count(report.created);
  }
}

async function putChannel(tx: Tx, channel: ImportChannel, organizationId: string | null, report: ImportReport): Promise<void> {
  await upsertRow(
    tx,
    "channelRoute",
    { purpose: channel.purpose, organizationId, platform: channel.platform, conversationId: channel.conversationId },
    { threadId: channel.threadId ?? "", extra: JSON.stringify(channel.extra ?? {}) },
    report,
  );
}

/** Loads a validated import file. */
export async function importData(db: Database, catalog: Catalog, file: ImportFile): Promise<ImportReport> {
  await syncCatalog(db, catalog);
  await crossCheck(db, catalog, file);
  const report: ImportReport = { created: {}, updated: {}, unchanged: 0 };
  await db.prisma.$transaction(
    async (tx) => {
      for (const partner of file.partners) {
        const existing = await tx.partner.findUnique({ where: { id: partner.id } });
        const data = {
          name: partner.name,
          connector: partner.connector,
          joinMode: partner.joinMode,
          endpointUrl: partner.endpointUrl ?? null,
        };
        if (!existing) {
          await tx.partner.create({ data: { id: partner.id, ...data } });
          report.created.partner = (report.created.partner ?? 0) + 1;
        } else if (Object.entries(data).some(([field, value]) => !same((existing as Row)[field], value))) {
          await tx.partner.update({ where: { id: partner.id }, data });
          report.updated.partner = (report.updated.partner ?? 0) + 1;
        } else report.unchanged += 1;
        for (const person of partner.people) await putPerson(tx, person, { partnerId: partner.id }, report);
      }
      for (const person of file.vendor.people) await putPerson(tx, person, {}, report);
      for (const channel of file.vendor.channels) await putChannel(tx, channel, null, report);
      for (const org of file.organizations) {
        const organizationId = await upsertRow(
          tx,
          "organization",
          { key: org.key },
          {
            name: org.name,
            locale: org.locale,
            resellerName: org.reseller?.name ?? null,
            resellerContact: org.reseller?.contact ?? null,
          },
          report,
        );
        await putTenants(tx, organizationId, org, report);
        for (const contract of org.contracts) {
          await upsertRow(
            tx,
            "contract",
            { key: contract.key },
            {
              organizationId,
              plan: contract.plan,
              coverage: contract.coverage,
              timeZone: contract.timeZone,
              holidayCountry: contract.holidayCountry,
              holidayRegion: contract.holidayRegion ?? null,
              businessHours: contract.businessHours ?? "Mon-Fri 09:00-18:00",
              startsOn: new Date(`${contract.startsOn.slice(0, 10)}T00:00:00Z`),
              endsOn: new Date(`${contract.endsOn.slice(0, 10)}T23:59:59Z`),
              coveredFamilies: JSON.stringify(contract.coveredFamilies),
              onsiteOption: contract.onsiteOption,
              servicesDiscount: contract.servicesDiscount,
            },
            report,
          );
        }
        const siteIds = new Map<string, string>();
        for (const site of org.sites) {
          const id = await upsertRow(
            tx,
            "site",
            { key: site.key },
            {
              organizationId,
              name: site.name,
              city: site.city ?? null,
              country: site.country,
              region: site.region ?? null,
              timeZone: site.timeZone,
              address: site.address ?? null,
              aliases: JSON.stringify(site.aliases),
            },
            report,
          );
          siteIds.set(site.key, id);
        }
        for (const person of org.people) await putPerson(tx, person, { organizationId, siteIds }, report);
        for (const device of org.devices) {
          await upsertRow(
            tx,
            "device",
            { serial: device.serial },
            {
              modelId: device.model,
              organizationId,
              siteId: device.site ? (siteIds.get(device.site) ?? null) : null,
              assetTag: device.assetTag ?? null,
              firmwareVersion: device.firmwareVersion ?? null,
            },
            report,
          );
        }
        for (const channel of org.channels) await putChannel(tx, channel, organizationId, report);
      }
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
  return report;
}
