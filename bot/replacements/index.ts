/**
 * Advance replacement (RMA), spare parts and onsite visits, declared on the feature contract
 * (bot/feature.ts): commands in English and Spanish, buttons, intents, the return reminders and
 * the demo depots. Handlers reach the services with `replacementFeature.of(ctx)`.
 */
import { replacementActions } from "./requests.ts";
import { defineFeature } from "../feature.ts";
import { DomainError } from "../errors.ts";
import { replacementMessages } from "./messages.ts";
import { createReplacementServices, type ReplacementServices } from "./service.ts";
import { seedDemoServiceData } from "./service-import.ts";
import { replacementTimers } from "./timers.ts";
import {
  cancelVisitAction,
  completeVisitAction,
  onsiteCommand,
  onsiteIntent,
  requestVisitAction,
  rescheduleVisitAction,
  scheduleVisitAction,
  viewVisitAction,
} from "./onsite/handlers.ts";
import { partsCommand, partsIntent, stockCommand } from "./parts/handlers.ts";
import {
  cancelRmaAction,
  deliveredRmaAction,
  orderAlternativeAction,
  receivedRmaAction,
  replacementStatusIntent,
  rmaCommand,
  shipFormAction,
  shipRmaAction,
  viewRmaAction,
} from "./rma/handlers.ts";

export type { ReplacementServices } from "./service.ts";

export const replacementFeature = defineFeature<ReplacementServices>({
  name: "replacements",
  uses: ["intake"],
  messages: replacementMessages,
  help: [
    { section: "services", key: "help.services" },
    { section: "engineer", key: "help.engineer.replacements" },
  ],
  commands: [
    {
      words: ["rma", "rmas", "replacements", "reemplazos", "my replacements", "mis reemplazos", "sustituciones"],
      slots: "text",
      roles: "everyone",
      handler: rmaCommand,
      action: ["rma_status", "rma_order"],
    },
    {
      words: ["parts", "piezas", "repuestos", "spare parts", "recambios"],
      slots: "text",
      roles: "everyone",
      handler: partsCommand,
      action: "parts",
    },
    {
      words: ["stock", "inventario", "existencias"],
      slots: "text",
      roles: ["engineer", "manager"],
      handler: stockCommand,
      action: "parts",
    },
    {
      words: ["onsite", "tecnico", "visita", "visitas", "onsite visits", "visita tecnica"],
      slots: "text",
      roles: "everyone",
      handler: onsiteCommand,
      action: "onsite",
    },
  ],
  buttons: [
    { id: "rma.view", handler: viewRmaAction },
    { id: "rma.ship_form", handler: shipFormAction },
    { id: "rma.ship", handler: shipRmaAction },
    { id: "rma.delivered", handler: deliveredRmaAction },
    { id: "rma.received", handler: receivedRmaAction },
    { id: "rma.cancel", handler: cancelRmaAction },
    { id: "rma.order_alternative", handler: orderAlternativeAction },
    { id: "onsite.request", handler: requestVisitAction },
    { id: "onsite.schedule", handler: scheduleVisitAction },
    { id: "onsite.reschedule", handler: rescheduleVisitAction },
    { id: "onsite.cancel", handler: cancelVisitAction },
    { id: "onsite.complete", handler: completeVisitAction },
    { id: "onsite.view", handler: viewVisitAction },
  ],
  actions: replacementActions,
  intents: [
    { intent: "replacement_status", handler: replacementStatusIntent },
    { intent: "parts_availability", handler: partsIntent },
    { intent: "onsite_request", handler: onsiteIntent },
  ],
  timers: replacementTimers,
  unavailable: () => new DomainError("unavailable", "rma.error.unavailable"),
  // A demo database without depots gets the demo depots, stock and technicians.
  seed: (core) => seedDemoServiceData(core.services.db, core.services.catalog, core.log),
  create: createReplacementServices,
});
