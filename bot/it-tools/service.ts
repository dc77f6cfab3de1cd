/**
 * The IT tools' services: device status notifications (with their case policy), the network
 * check; and the digest timer that closes a site's group of device events.
 */
import type { FeatureCore, TimerDeclaration } from "../feature.ts";
import { DeviceCasePolicy } from "./device-status/cases.ts";
import { DeviceStatusService, DIGEST_TIMER } from "./device-status/service.ts";
import { DEMO_ENDPOINTS_FILE, loadEndpoints, NetworkCheckService } from "./network/service.ts";
import { createDigestFlush } from "./device-status/digest.ts";

export interface ItToolServices {
  deviceStatus: DeviceStatusService;
  network: NetworkCheckService;
}

/** Builds the IT tools on top of the kernel's services. */
export function createItToolServices(core: FeatureCore): ItToolServices {
  const { db, clock, directory, cases, catalog } = core.services;
  const log = core.log.child({ component: "it-tools" });
  const deviceStatus = new DeviceStatusService(db, clock, directory, log, {
    committed: core.committed,
    wake: core.wake,
    casePolicy: new DeviceCasePolicy(db, cases, directory, log),
  });
  const endpoints = loadEndpoints(core.settings.networkCheckFile ?? DEMO_ENDPOINTS_FILE);
  return { deviceStatus, network: new NetworkCheckService(db, clock, catalog, endpoints) };
}

/** The device-status digest: one card update per site and window. */
export const itToolTimers: TimerDeclaration<ItToolServices>[] = [
  {
    kind: DIGEST_TIMER,
    fire: ({ deviceStatus }, tx, timer, firedAt, services) =>
      createDigestFlush(services.directory, deviceStatus.windowMs)(tx, timer, firedAt),
  },
];
