/**
 * The IT tools, built once in the composition root (app/app.ts): device status notifications
 * (with their case policy and the digest timer), the network check, the audit log readers.
 */
import type { Logger } from "pino";
import type { TimerScheduler } from "../runtime/scheduler.ts";
import type { Services } from "../services.ts";
import { DeviceCasePolicy } from "./device-status/cases.ts";
import { DeviceStatusService, DIGEST_TIMER } from "./device-status/service.ts";
import { DEMO_ENDPOINTS_FILE, loadEndpoints, NetworkCheckService } from "./network/service.ts";
import { createDigestFlush } from "./device-status/digest.ts";

export interface ItToolServices {
  deviceStatus: DeviceStatusService;
  network: NetworkCheckService;
}

export interface ItToolOptions {
  log: Logger;
  /** Wakes the timer scheduler for a new digest window. */
  wake(dueAt: Date): void;
  /** The network-check endpoint list (NETWORK_CHECK_FILE); the demo list by default. */
  networkCheckFile?: string | undefined;
  /** How long a site's device events are grouped into one card update. */
  groupWindowMs?: number;
  /** Time allowed to each network-check step. */
  networkTimeoutMs?: number;
}

/** Builds the IT tools on top of the core services. */
export function createItToolServices(core: Services, options: ItToolOptions): ItToolServices {
  const log = options.log.child({ component: "it-tools" });
  const deviceStatus = new DeviceStatusService(
    core.db,
    core.clock,
    core.directory,
    log,
    { committed: () => core.outboxCommitted(), wake: options.wake },
    options.groupWindowMs,
  );
  deviceStatus.casePolicy = new DeviceCasePolicy(core.db, core.cases, core.directory, log);
  const endpoints = loadEndpoints(options.networkCheckFile ?? DEMO_ENDPOINTS_FILE);
  return { deviceStatus, network: new NetworkCheckService(core.db, core.clock, core.catalog, endpoints, options.networkTimeoutMs) };
}

/** Registers the timer kinds of the IT tools. */
export function registerItToolTimers(scheduler: TimerScheduler, core: Services, itTools: ItToolServices): void {
  scheduler.register(DIGEST_TIMER, createDigestFlush(core.directory, itTools.deviceStatus.windowMs));
}
