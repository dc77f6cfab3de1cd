/**
 * The portal services, built once in the composition root (app/app.ts) from the core services.
 * With `seedDemo`, an empty release table gets the demo firmware releases (no notices: the demo
 * devices were not "updated" by anyone).
 */
import { readFileSync } from "node:fs";
import { projectFile } from "../../core/project-files.ts";
import type { Services } from "../services.ts";
import { DiscountService } from "./licenses/discounts.ts";
import { DEMO_DOCUMENTS_FILE, loadDocumentSets } from "./documents/sets.ts";
import { DocumentService } from "./documents/service.ts";
import { readFirmwareImport } from "./software/import.ts";
import { FirmwareService } from "./software/service.ts";
import { LicenseService } from "./licenses/service.ts";
import { RegistrationService } from "./registration/service.ts";
import { SiteDirectory } from "./sites.ts";

export interface PortalServices {
  sites: SiteDirectory;
  registration: RegistrationService;
  licenses: LicenseService;
  firmware: FirmwareService;
  documents: DocumentService;
  discounts: DiscountService;
}

/** The demo firmware releases (the format of a firmware import). */
export const DEMO_FIRMWARE_FILE = projectFile("demo/firmware-releases.json");

/** Builds the portal services on top of the core ones. */
export async function createPortalServices(
  core: Services,
  options: { seedDemo?: boolean; documentsFile?: string } = {},
): Promise<PortalServices> {
  const { db, clock, catalog } = core;
  const sites = new SiteDirectory(db, clock);
  const licenses = new LicenseService(db, clock);
  const firmware = new FirmwareService(db, clock, catalog, core.directory, () => core.outboxCommitted());
  if (options.seedDemo && (await db.prisma.firmwareRelease.count()) === 0) {
    // Another CATALOG_FILE may not have the demo models: seed only the releases it knows.
    const demo = JSON.parse(readFileSync(DEMO_FIRMWARE_FILE, "utf8")) as { releases: { model: string }[] };
    const known = demo.releases.filter((release) => catalog.models.some((model) => model.id === release.model));
    if (known.length > 0)
      await firmware.importReleases(
        undefined,
        readFirmwareImport(catalog, JSON.stringify({ releases: known })),
        { platform: "system" },
        { notify: false },
      );
  }
  return {
    sites,
    registration: new RegistrationService(db, clock, catalog, sites),
    licenses,
    firmware,
    documents: new DocumentService(core.knowledge, firmware, loadDocumentSets(catalog, options.documentsFile ?? DEMO_DOCUMENTS_FILE)),
    discounts: new DiscountService(db, licenses),
  };
}
