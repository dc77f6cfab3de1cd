/**
 * The replacement feature's services, built once in the composition root (app/app.ts), and the
 * accessor handlers use to reach them.
 */
import type { Logger } from "pino";
import type { Database } from "../../db/client.ts";
import type { Catalog } from "../../core/catalog.ts";
import type { Clock } from "../../core/clock.ts";
import type { Context } from "../context.ts";
import { DomainError } from "../errors.ts";
import type { Directory } from "../people/directory.ts";
import { OnsiteService } from "./onsite/service.ts";
import { PartsService } from "./parts/service.ts";
import { ReplacementService } from "./rma/service.ts";
import { seedDemoServiceData } from "./service-import.ts";

/** The services of advance replacement, spare parts and onsite visits. */
export interface ReplacementFeature {
  replacements: ReplacementService;
  parts: PartsService;
  onsite: OnsiteService;
}

/**
 * Builds the feature's services; `onCommitted` wakes the outbox, `onTimer` the scheduler. With
 * `seedDemo`, a demo database without depots gets the demo depots, stock and technicians.
 */
export async function createReplacementFeature(
  db: Database,
  clock: Clock,
  directory: Directory,
  onCommitted: () => void,
  onTimer: (dueAt: Date) => void,
  options: { catalog: Catalog; seedDemo: boolean; log: Logger },
): Promise<ReplacementFeature> {
  if (options.seedDemo) await seedDemoServiceData(db, options.catalog, options.log);
  return {
    replacements: new ReplacementService(db, clock, directory, onCommitted, onTimer),
    parts: new PartsService(db, clock),
    onsite: new OnsiteService(db, clock, directory, onCommitted),
  };
}

/** The feature's services, or a clear "not available" when the app was built without them. */
export function replacementServices(ctx: Context): ReplacementFeature {
  const { replacements, parts, onsite } = ctx.services;
  if (!replacements || !parts || !onsite) throw new DomainError("unavailable", "rma.error.unavailable");
  return { replacements, parts, onsite };
}
