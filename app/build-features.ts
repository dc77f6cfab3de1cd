/**
 * Builds the features of app/features.ts: demo data first on a demo installation, then each
 * feature's service (recorded in the registry its accessor reads), then its timers.
 */
import type { Feature, FeatureCore } from "../bot/feature.ts";
import type { TimerScheduler } from "../bot/runtime/scheduler.ts";

/** Run under the start-up lock: seeds write, and replicas starting together take turns. */
export async function buildFeatures(features: readonly Feature[], core: FeatureCore, scheduler: TimerScheduler): Promise<void> {
  for (const feature of features) {
    if (core.settings.seedDemo && feature.seed) await feature.seed(core);
    const service = await feature.create(core);
    core.services.features.add(feature, service);
    for (const timer of feature.timers ?? [])
      scheduler.register(timer.kind, (tx, due, firedAt) => timer.fire(service, tx, due, firedAt, core.services));
  }
}
