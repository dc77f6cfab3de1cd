/**
 * Product registration: an admin adds their organization's devices by serial. The model comes
 * from the serial's prefix; a site is required (the organization's only site when it has one);
 * an asset tag is optional. Rows with a problem are refused with the reason and the rest are
 * registered, in one transaction with the audit entry — so an upload is never half-written.
 */
import type { Database } from "../../../db/client.ts";
import { newId } from "../../../db/ids.ts";
import { Prisma } from "../../../db/client.ts";
import { policy, type Viewer } from "../../authz.ts";
import type { Catalog } from "../../../core/catalog.ts";
import type { Clock } from "../../../core/clock.ts";
import { forbidden, invalid } from "../../errors.ts";
import { recordAudit } from "../../audit/log.ts";
import type { Origin } from "../../cases/service.ts";
import { modelByName, readSerial } from "../products.ts";
import type { RegistrationInput, RegistrationRow } from "./input.ts";
import { matchSite, type SiteDirectory, type SiteEntry } from "../sites.ts";

/** Why a row was not registered (each has a sentence `reg.problem.<code>`). */
export type RowProblem =
  | "format"
  | "unknown_model"
  | "unknown_model_name"
  | "model_mismatch"
  | "repeated"
  | "already_yours"
  | "foreign"
  | "no_site"
  | "unknown_site"
  | "ambiguous_site"
  | "tag_too_long";

export interface RefusedRow {
  line: number;
  serial: string;
  problem: RowProblem;
  params: Record<string, string | number>;
}

export interface RegisteredDevice {
  serial: string;
  modelName: string;
  siteName: string;
  assetTag: string | null;
}

export interface RegistrationReport {
  registered: RegisteredDevice[];
  refused: RefusedRow[];
}

const CHUNK = 500;

/** Registers an organization's devices and lists them (admins register; anyone of the organization lists). */
export class RegistrationService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly catalog: Catalog,
    private readonly sites: SiteDirectory,
  ) {}

  /**
   * The organization's sites when a list names none (neither for the whole list nor on any row)
   * and there are several to choose from; undefined when the list can be registered as it is.
   */
  async sitesToAsk(viewer: Viewer, input: RegistrationInput): Promise<SiteEntry[] | undefined> {
    const organizationId = viewer.organizationId;
    if (!organizationId || !policy.canManageOrganization(viewer, organizationId)) throw forbidden("portal.adminsOnly");
    if (input.site || input.rows.some((row) => row.site)) return undefined;
    const sites = await this.sites.sitesOf(organizationId);
    return sites.length > 1 ? [...sites] : undefined;
  }

  /** Registers the rows for the viewer's organization; see the report for what was refused and why. */
  async register(viewer: Viewer, input: RegistrationInput, origin: Origin): Promise<RegistrationReport> {
    const organizationId = viewer.organizationId;
    if (!organizationId || !policy.canManageOrganization(viewer, organizationId)) throw forbidden("portal.adminsOnly");
    const sites = await this.sites.sitesOf(organizationId);
    const listSite = input.site ? this.siteFor(sites, input.site) : undefined;
    if (listSite && "problem" in listSite)
      throw invalid("reg.siteUnknown", { site: input.site!, sites: sites.map((site) => site.name).join(", ") });
    const refused: RefusedRow[] = [];
    const accepted: (Omit<RegistrationRow, "site"> & { modelId: string; modelName: string; site: SiteEntry })[] = [];
    const firstLine = new Map<string, number>();
    // Where each row was in the upload, so refusals are listed in the order the admin wrote them.
    const position = new Map<string, number>();
    input.rows.forEach((row, index) => position.set(`${row.line}:${row.serial}`, position.get(`${row.line}:${row.serial}`) ?? index));
    for (const row of input.rows) {
      const refuse = (problem: RowProblem, params: Record<string, string | number> = {}) =>
        refused.push({ line: row.line, serial: row.serial, problem, params: { serial: row.serial, ...params } });
      const reading = readSerial(this.catalog, row.serial);
      if (!reading.ok) {
        if (reading.reason === "format") refuse("format");
        else refuse("unknown_model", { prefix: reading.prefix });
        continue;
      }
      const serial = reading.serial;
      if (row.model) {
        const named = modelByName(this.catalog, row.model);
        if (!named) {
          refuse("unknown_model_name", { model: row.model });
          continue;
        }
        if (named.id !== reading.model.id) {
          refuse("model_mismatch", { model: named.name, actual: reading.model.name });
          continue;
        }
      }
      const first = firstLine.get(serial);
      if (first !== undefined) {
        refuse("repeated", { first });
        continue;
      }
      firstLine.set(serial, row.line);
      const site = row.site ? this.siteFor(sites, row.site) : (listSite ?? (sites.length === 1 ? { site: sites[0]! } : undefined));
      if (!site) {
        refuse("no_site", { sites: sites.map((s) => s.name).join(", ") });
        continue;
      }
      if ("problem" in site) {
        refuse(site.problem, { site: row.site ?? "", sites: site.choices });
        continue;
      }
      if (row.assetTag && row.assetTag.length > 64) {
        refuse("tag_too_long");
        continue;
      }
      accepted.push({ ...row, serial, modelId: reading.model.id, modelName: reading.model.name, site: site.site });
    }
    const known = await this.existing(accepted.map((row) => row.serial));
    const fresh = accepted.filter((row) => {
      const owner = known.get(row.serial);
      if (!owner) return true;
      refused.push(
        owner.organizationId === organizationId
          ? {
              line: row.line,
              serial: row.serial,
              problem: "already_yours",
              params: { serial: row.serial, site: owner.siteName ?? "—", date: owner.registeredAt.toISOString().slice(0, 10) },
            }
          : { line: row.line, serial: row.serial, problem: "foreign", params: { serial: row.serial } },
      );
      return false;
    });
    const inserted = fresh.length > 0 ? await this.insert(viewer, organizationId, fresh, origin) : new Set<string>();
    for (const row of fresh)
      if (!inserted.has(row.serial))
        refused.push({ line: row.line, serial: row.serial, problem: "foreign", params: { serial: row.serial } });
    const at = (row: RefusedRow) => position.get(`${row.line}:${row.serial}`) ?? 0;
    refused.sort((a, b) => a.line - b.line || at(a) - at(b));
    return {
      registered: fresh
        .filter((row) => inserted.has(row.serial))
        .map((row) => ({ serial: row.serial, modelName: row.modelName, siteName: row.site.name, assetTag: row.assetTag ?? null })),
      refused,
    };
  }

  /** The viewer's organization's devices (any of its people may look), by site then serial. */
  async list(
    viewer: Viewer,
    limit: number,
  ): Promise<{ devices: (RegisteredDevice & { firmwareVersion: string | null })[]; total: number }> {
    const organizationId = viewer.organizationId;
    if (!organizationId || !policy.isCustomer(viewer)) throw forbidden("portal.customersOnly");
    const [rows, total] = await Promise.all([
      this.db.prisma.device.findMany({
        where: { organizationId },
        select: {
          serial: true,
          assetTag: true,
          firmwareVersion: true,
          model: { select: { name: true } },
          site: { select: { name: true } },
        },
        orderBy: [{ siteId: "asc" }, { serial: "asc" }],
        take: limit,
      }),
      this.db.prisma.device.count({ where: { organizationId } }),
    ]);
    const devices = rows.map((row) => ({
      serial: row.serial,
      modelName: row.model.name,
      siteName: row.site?.name ?? "—",
      assetTag: row.assetTag,
      firmwareVersion: row.firmwareVersion,
    }));
    return { devices, total };
  }

  private siteFor(sites: SiteEntry[], text: string): { site: SiteEntry } | { problem: "unknown_site" | "ambiguous_site"; choices: string } {
    const match = matchSite(sites, text);
    if (match.kind === "one") return { site: match.site };
    if (match.kind === "several") return { problem: "ambiguous_site", choices: match.sites.map((site) => site.name).join(", ") };
    return { problem: "unknown_site", choices: sites.map((site) => site.name).join(", ") };
  }

  private async existing(serials: string[]) {
    const found = new Map<string, { organizationId: string; siteName: string | null; registeredAt: Date }>();
    for (let i = 0; i < serials.length; i += CHUNK) {
      const rows = await this.db.prisma.device.findMany({
        where: { serial: { in: serials.slice(i, i + CHUNK) } },
        select: { serial: true, organizationId: true, registeredAt: true, site: { select: { name: true } } },
      });
      for (const row of rows)
        found.set(row.serial, { organizationId: row.organizationId, siteName: row.site?.name ?? null, registeredAt: row.registeredAt });
    }
    return found;
  }

  /**
   * Inserts in chunks inside one transaction, with one audit entry (a bulk upload is one action;
   * its entry lists every serial). A serial another organization registered a moment ago is
   * skipped by ON CONFLICT and reported as foreign, instead of failing the whole upload.
   */
  private async insert(
    viewer: Viewer,
    organizationId: string,
    rows: { serial: string; modelId: string; site: SiteEntry; assetTag?: string }[],
    origin: Origin,
  ) {
    const now = this.clock.now();
    return this.db.prisma.$transaction(
      async (tx) => {
        const inserted = new Set<string>();
        for (let i = 0; i < rows.length; i += CHUNK) {
          const values = rows
            .slice(i, i + CHUNK)
            .map(
              (row) =>
                Prisma.sql`(${newId(now.getTime())}, ${row.serial}, ${row.modelId}, ${organizationId}, ${row.site.id}, ${row.assetTag ?? null}, ${now})`,
            );
          const returned = await tx.$queryRaw<
            { serial: string }[]
          >`INSERT INTO "Device" (id, serial, "modelId", "organizationId", "siteId", "assetTag", "registeredAt")
            VALUES ${Prisma.join(values)} ON CONFLICT (serial) DO NOTHING RETURNING serial`;
          for (const row of returned) inserted.add(row.serial);
        }
        const done = rows.filter((row) => inserted.has(row.serial));
        if (done.length > 0)
          await recordAudit(
            tx,
            {
              actor: viewer,
              platform: origin.platform,
              action: "device.registered",
              subjectType: "device",
              subjectId: done.length === 1 ? done[0]!.serial : `${done.length} devices`,
              organizationId,
              before: null,
              after: done.map((row) => ({ serial: row.serial, model: row.modelId, site: row.site.key, assetTag: row.assetTag ?? null })),
            },
            now,
          );
        return inserted;
      },
      { maxWait: 10_000, timeout: 60_000 },
    );
  }
}
