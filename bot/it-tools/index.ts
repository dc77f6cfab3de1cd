/**
 * The IT tools — device status notifications, the network check, the audit log in chat —
 * declared on the feature contract (bot/feature.ts). Handlers reach the services with
 * `itToolFeature.of(ctx)`. Uses the portal's sites (bot/portal).
 */
import { itToolActions } from "./requests.ts";
import { defineFeature } from "../feature.ts";
import { invalid } from "../errors.ts";
import { itToolButtons, itToolCommands, itToolWebhooks } from "./handlers.ts";
import { itToolMessages } from "./messages.ts";
import { createItToolServices, itToolTimers, type ItToolServices } from "./service.ts";

export type { ItToolServices } from "./service.ts";

export const itToolFeature = defineFeature<ItToolServices>({
  name: "it-tools",
  uses: ["portal"],
  messages: itToolMessages,
  help: [
    { section: "admin", key: "help.admin.itTools" },
    { section: "engineer", key: "help.engineer.audit" },
  ],
  commands: itToolCommands,
  actions: itToolActions,
  buttons: itToolButtons,
  webhooks: itToolWebhooks,
  timers: itToolTimers,
  unavailable: () => invalid("error.feature.coming", { feature: "IT tools" }),
  create: createItToolServices,
});
