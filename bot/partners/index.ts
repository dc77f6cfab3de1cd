/**
 * The cloud-partner bridge — registry, agreements, tickets, mirroring, joint calls — declared on
 * the feature contract (bot/feature.ts). Handlers and the partner adapter reach the services with
 * `partnerFeature.of(ctx)` / `services.features.get(partnerFeature)`.
 */
import { partnerActions } from "./requests.ts";
import { defineFeature } from "../feature.ts";
import { invalid } from "../errors.ts";
import { partnerCaseActions } from "./actions.ts";
import { partnerButtons, partnerCommands, partnerIntents, partnerThreadsFirst, partnerWebhooks } from "./handlers.ts";
import { partnerMessages } from "./messages.ts";
import { createPartnerServices, type PartnerServices } from "./service.ts";

export type { PartnerServices } from "./service.ts";

export const partnerFeature = defineFeature<PartnerServices>({
  name: "partners",
  messages: partnerMessages,
  help: [
    { section: "cloudPartners", key: "help.cloudPartners" },
    { section: "partnerEngineer", key: "help.partnerEngineer" },
  ],
  commands: partnerCommands,
  buttons: partnerButtons,
  intents: partnerIntents,
  actions: partnerActions,
  webhooks: partnerWebhooks,
  beforeConversation: partnerThreadsFirst,
  caseCardButtons: partnerCaseActions,
  unavailable: (t) => invalid("error.feature.coming", { feature: t("feature.partner_ticket") }),
  create: createPartnerServices,
});
