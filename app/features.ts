/**
 * The one list of features (bot/feature.ts). Their order is the order of their help lines and of
 * their commands in the router. A new plan service is its folder under bot/ plus one line here.
 */
import type { Feature } from "../bot/feature.ts";
import { answerFeature } from "../bot/answers/index.ts";
import { intakeFeature } from "../bot/intake/index.ts";
import { itToolFeature } from "../bot/it-tools/index.ts";
import { partnerFeature } from "../bot/partners/index.ts";
import { portalFeature } from "../bot/portal/index.ts";
import { replacementFeature } from "../bot/replacements/index.ts";

export const features: readonly Feature[] = [
  answerFeature,
  intakeFeature,
  portalFeature,
  replacementFeature,
  itToolFeature,
  partnerFeature,
];
