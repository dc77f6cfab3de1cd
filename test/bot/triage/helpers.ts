/**
 * Shared setup for the triage tests: the demo catalog, a catalog of another vendor (to prove
 * nothing model-specific is hard-coded), and paths to the fixtures and the shared eval set.
 */
import { fileURLToPath } from "node:url";
import { DEMO_CATALOG_FILE, loadCatalog, parseCatalog, type Catalog } from "../../../core/catalog.ts";
import { createTriage, type TriageResult } from "../../../bot/triage/index.ts";

/** The repository root, whatever the working directory. */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** Hand-written labelled examples. */
export const OWN_EXAMPLES = fileURLToPath(new URL("../../fixtures/triage/own-examples.jsonl", import.meta.url));
export const OWN_HOLDOUTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) =>
  fileURLToPath(new URL(`../../fixtures/triage/own-holdout-${n}.jsonl`, import.meta.url)),
);
/** A fresh set written in one go and split in two: the rules were tuned on the first part only. */
export const FRESH_TUNE = fileURLToPath(new URL("../../fixtures/triage/fresh-tune.jsonl", import.meta.url));
export const FRESH_HELD_OUT = fileURLToPath(new URL("../../fixtures/triage/fresh-held-out.jsonl", import.meta.url));
/** The shared eval material lives next to the repository and may be absent. */
export const SHARED_DEV_SET = fileURLToPath(new URL("../../../../shared/eval/triage-dev.jsonl", import.meta.url));
export const SHARED_CATALOG = fileURLToPath(new URL("../../../../shared/eval/catalog.json", import.meta.url));

export const demoCatalog: Catalog = loadCatalog(DEMO_CATALOG_FILE);
export const demoTriage = createTriage(demoCatalog);

/** Classifies with the demo catalog. */
export const classify = (text: string): TriageResult => demoTriage.classify(text);

/** A made-up vendor with different names, aliases and serial prefixes. */
export const otherVendorCatalog: Catalog = parseCatalog({
  vendor: "Contoso Audio",
  models: [
    {
      id: "ca-orbit-8",
      name: "Contoso Orbit 8",
      aliases: ["orbit 8", "orbit eight", "altavoz orbit"],
      family: "speakerphone",
      serial_prefix: "COR8",
    },
    { id: "ca-lens-pro", name: "Contoso Lens Pro", aliases: ["lens pro", "lenspro"], family: "camera", serial_prefix: "CLP" },
    { id: "ca-dock", name: "Contoso Dock", aliases: ["dock"], family: "console", serial_prefix: "CDK" },
  ],
});
