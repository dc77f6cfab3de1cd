/** The replacement feature's services: advance replacement (RMA), spare parts and onsite visits. */
import type { FeatureCore } from "../feature.ts";
import { OnsiteService } from "./onsite/service.ts";
import { PartsService } from "./parts/service.ts";
import { ReplacementService } from "./rma/service.ts";

/** The services of advance replacement, spare parts and onsite visits. */
export interface ReplacementServices {
  replacements: ReplacementService;
  parts: PartsService;
  onsite: OnsiteService;
}

/** Builds the feature's services; `committed` wakes the outbox, `wake` the scheduler. */
export function createReplacementServices(core: FeatureCore): ReplacementServices {
  const { db, clock, directory } = core.services;
  return {
    replacements: new ReplacementService(db, clock, directory, core.committed, core.wake),
    parts: new PartsService(db, clock),
    onsite: new OnsiteService(db, clock, directory, core.committed),
  };
}
