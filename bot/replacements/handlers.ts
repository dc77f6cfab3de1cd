/**
 * The replacement feature's chat surface: commands (EN/ES words), buttons and the intents the
 * conversation handler routes here. Registered with one call from bot/handlers/index.ts.
 */
import type { Router } from "../router.ts";
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

/** Registers the commands, buttons and intents of advance replacement, spare parts and onsite visits. */
export function registerReplacementHandlers(router: Router): Router {
  return router
    .command(["rma", "rmas", "replacements", "reemplazos", "my replacements", "mis reemplazos", "sustituciones"], "text", rmaCommand)
    .command(["parts", "piezas", "repuestos", "spare parts", "recambios"], "text", partsCommand)
    .command(["stock", "inventario", "existencias"], "text", stockCommand)
    .command(["onsite", "tecnico", "visita", "visitas", "onsite visits", "visita tecnica"], "text", onsiteCommand)
    .action("rma.view", viewRmaAction)
    .action("rma.ship_form", shipFormAction)
    .action("rma.ship", shipRmaAction)
    .action("rma.delivered", deliveredRmaAction)
    .action("rma.received", receivedRmaAction)
    .action("rma.cancel", cancelRmaAction)
    .action("rma.order_alternative", orderAlternativeAction)
    .action("onsite.request", requestVisitAction)
    .action("onsite.schedule", scheduleVisitAction)
    .action("onsite.reschedule", rescheduleVisitAction)
    .action("onsite.cancel", cancelVisitAction)
    .action("onsite.complete", completeVisitAction)
    .action("onsite.view", viewVisitAction)
    .intent("replacement_status", replacementStatusIntent)
    .intent("parts_availability", partsIntent)
    .intent("onsite_request", onsiteIntent);
}
