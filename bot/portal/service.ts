/** The portal services: sites, registration, licenses, firmware, documents and discounts. */
import { readFileSync } from "node:fs";
import type { FeatureCore } from "../feature.ts";
import { projectFile } from "../../core/project-files.ts";
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

/** Builds the portal services on top of the kernel's. */
export function createPortalServices(core: FeatureCore): PortalServices {
  const { db, clock, catalog, directory, knowledge } = core.services;
  const sites = new SiteDirectory(db, clock);
  const licenses = new LicenseService(db, clock);
  const firmware = new FirmwareService(db, clock, catalog, directory, core.committed);
  return {
    sites,
    registration: new RegistrationService(db, clock, catalog, sites),
    licenses,
    firmware,
    documents: new DocumentService(knowledge, firmware, loadDocumentSets(catalog, core.settings.documentsFile ?? DEMO_DOCUMENTS_FILE)),
    discounts: new DiscountService(db, licenses),
  };
}

/** An empty release table gets the demo firmware releases (no notices: nobody "updated" the demo devices). */
export async function seedDemoReleases(core: FeatureCore): Promise<void> {
  const { db, clock, catalog, directory } = core.services;
  if ((await db.prisma.firmwareRelease.count()) > 0) return;
  // Another CATALOG_FILE may not have the demo models: seed only the releases it knows.
  const demo = JSON.parse(readFileSync(DEMO_FIRMWARE_FILE, "utf8")) as { releases: { model: string }[] };
  const known = demo.releases.filter((release) => catalog.models.some((model) => model.id === release.model));
  if (known.length === 0) return;
  const firmware = new FirmwareService(db, clock, catalog, directory, core.committed);
  await firmware.importReleases(
    undefined,
    readFirmwareImport(catalog, JSON.stringify({ releases: known })),
    { platform: "system" },
    { notify: false },
  );
}
