/**
 * Chooses the severity from the impact signals, in the taxonomy's order: room count and
 * critical events first ("URGENT!!!" on one headset is still sev3), then unusable versus
 * degraded versus cosmetic, then the category's usual impact when nothing is said.
 */
import { MANY, type Impact } from "./impact.ts";
import type { Category } from "./types.ts";
import type { Intent, Severity } from "../../core/vocabulary.ts";

/** The chosen severity and how it was reached. */
export interface SeverityDecision {
  severity: Severity | null;
  confidence: number;
}

/** Impact assumed for one device when the message does not say (taxonomy §3, last rule). */
const USUAL: Record<Category, Severity> = {
  hardware_failure: "sev2",
  firmware_software: "sev2",
  network: "sev2",
  cloud_partner: "sev2",
  configuration: "sev3",
  audio_video_quality: "sev3",
  account_license: "sev3",
};

/** Rooms at or above this count make an outage a sev1 (taxonomy: "roughly 5+ rooms/devices"). */
const MANY_ROOMS = 5;

/** Picks the severity for a categorised problem; null when there is no category. */
export function decideSeverity(category: Category | null, impact: Impact, intent: Intent): SeverityDecision {
  if (!category) return { severity: null, confidence: 0.7 };
  // An onsite visit to install a part: the device waits for it (taxonomy: sev2 by default).
  if (intent === "onsite_request" && category === "hardware_failure") {
    return impact.critical || (impact.rooms ?? 1) >= MANY_ROOMS
      ? { severity: "sev1", confidence: 0.7 }
      : { severity: "sev2", confidence: 0.75 };
  }
  const down = impact.unusable || impact.blocked;
  const many = (impact.rooms ?? 1) >= MANY_ROOMS;
  const limited = impact.worksPartly || impact.minor;
  if (impact.critical && !impact.minor && (down || category === "hardware_failure" || !limited))
    return { severity: "sev1", confidence: 0.8 };
  if (many) {
    if (limited || (impact.intermittent && !impact.unusable)) return { severity: "sev3", confidence: 0.65 };
    return { severity: "sev1", confidence: impact.rooms === MANY || down ? 0.8 : 0.6 };
  }
  if (impact.minor) return { severity: "sev4", confidence: 0.7 };
  if (impact.mainJobLost) return { severity: "sev2", confidence: 0.75 };
  if (impact.unusable && !impact.worksPartly) return { severity: "sev2", confidence: 0.75 };
  if (impact.secondary && !impact.unusable) return { severity: "sev3", confidence: 0.6 };
  if (impact.worksPartly || impact.intermittent) return { severity: "sev3", confidence: 0.7 };
  if (down) return { severity: "sev2", confidence: 0.65 };
  return { severity: USUAL[category], confidence: 0.45 };
}
