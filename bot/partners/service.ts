/**
 * The cloud-partner bridge (ECPS) as the handlers and the partner adapter see it. Built from the
 * kernel's services (bot/partners/index.ts).
 */
import type { FeatureCore } from "../feature.ts";
import { AgreementService } from "./registry/agreements.ts";
import { JointCalls } from "./calls.ts";
import type { BridgeDeps } from "./deps.ts";
import { PartnerOperations } from "./operations.ts";
import { Referrals } from "./tickets/referrals.ts";
import { PartnerRegistry } from "./registry/service.ts";
import { PartnerSync } from "./webhook/sync.ts";
import { TicketService } from "./tickets/service.ts";

export interface PartnerServices {
  registry: PartnerRegistry;
  agreements: AgreementService;
  tickets: TicketService;
  /** Telling the customer, and referring them, when no ticket can be opened. */
  referrals: Referrals;
  sync: PartnerSync;
  calls: JointCalls;
  /** For the partner deliverer: what an outbox message stands for. */
  operations: PartnerOperations;
}

/** Builds the bridge on the core services. */
export function createPartnerServices(core: FeatureCore): PartnerServices {
  const { services } = core;
  const registry = new PartnerRegistry(services.db, services.clock);
  const agreements = new AgreementService(services.db, services.clock);
  const deps: BridgeDeps = {
    db: services.db,
    clock: services.clock,
    directory: services.directory,
    cases: services.cases,
    registry,
    agreements,
    kick: core.committed,
  };
  const tickets = new TicketService(deps);
  const referrals = new Referrals(deps);
  return {
    registry,
    agreements,
    tickets,
    referrals,
    sync: new PartnerSync(deps, tickets, referrals),
    calls: new JointCalls(deps),
    operations: new PartnerOperations(services.db, registry),
  };
}
