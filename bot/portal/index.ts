/**
 * The support portal in chat — registration, licenses and coverage, firmware, documents and
 * discounts — declared on the feature contract (bot/feature.ts). Handlers reach the services with
 * `portalFeature.of(ctx)`. Uses the intake's device resolution (bot/intake).
 */
import { portalActions } from "./requests.ts";
import { defineFeature } from "../feature.ts";
import { invalid } from "../errors.ts";
import { portalButtons, portalCommands, portalFiles, portalIntents, portalPasted } from "./handlers.ts";
import { portalMessages } from "./messages.ts";
import { createPortalServices, seedDemoReleases, type PortalServices } from "./service.ts";

export type { PortalServices } from "./service.ts";

export const portalFeature = defineFeature<PortalServices>({
  name: "portal",
  uses: ["intake"],
  messages: portalMessages,
  help: [{ section: "admin", key: "help.admin.portal" }],
  commands: portalCommands,
  buttons: portalButtons,
  intents: portalIntents,
  actions: portalActions,
  files: portalFiles,
  pasted: portalPasted,
  unavailable: () => invalid("error.feature.coming", { feature: "The support portal" }),
  seed: seedDemoReleases,
  create: createPortalServices,
});
