/** Sentences of advance replacement (RMA) and spare parts. */
import { defineMessages } from "../../i18n/define.ts";

export const rmaMessages = defineMessages(
  {
    "rma.status.ordered": "ordered, waiting to ship",
    "rma.status.shipped": "on its way",
    "rma.status.delivered": "delivered, faulty unit to return",
    "rma.status.closed": "closed",
    "rma.status.cancelled": "cancelled",
    "rma.card.title": "Replacement {rma} · {model}",
    "rma.fact.status": "Status",
    "rma.fact.organization": "Customer",
    "rma.fact.device": "Device",
    "rma.fact.part": "Part",
    "rma.fact.site": "Ship to",
    "rma.fact.ships": "Ships",
    "rma.fact.shipsValue": "{date} from {depot}",
    "rma.fact.delivery": "Expected delivery",
    "rma.fact.delivered": "Delivered",
    "rma.fact.replacement": "Replacement serial",
    "rma.fact.tracking": "Tracking",
    "rma.fact.returnDue": "Return the faulty unit by",
    "rma.fact.case": "Case",
    "rma.next.customer.ordered": "Next: the depot ships the replacement; you'll get the tracking number here.",
    "rma.next.customer.shipped": "Next: press *It arrived* when the replacement is there, then send the faulty unit back in the same box.",
    "rma.next.customer.delivered": "Next: send the faulty unit back with the prepaid label in the box, before the date above.",
    "rma.next.customer.closed": "Nothing left to do: the faulty unit is back. Thank you.",
    "rma.next.customer.cancelled": "This replacement was cancelled.",
    "rma.next.support.ordered": "Next: record the shipment (replacement serial and tracking number).",
    "rma.next.support.shipped": "Next: the customer confirms delivery; mark the faulty unit received when it is back.",
    "rma.next.support.delivered": "Next: mark the faulty unit received when it is back at the depot.",
    "rma.next.support.closed": "Closed: the faulty unit is back.",
    "rma.next.support.cancelled": "Cancelled; the reserved unit went back to stock.",
    "rma.action.ship": "Mark shipped",
    "rma.action.confirmShip": "Confirm shipment",
    "rma.action.cancel": "Cancel order",
    "rma.action.delivered": "Mark delivered",
    "rma.action.arrived": "It arrived",
    "rma.action.received": "Faulty unit received",
    "rma.action.technician": "Book a technician",
    "rma.action.refresh": "Refresh",
    "rma.ship.title": "Ship {rma}",
    "rma.input.replacementSerial": "Replacement serial",
    "rma.input.tracking": "Tracking number",
    "rma.input.carrier": "Carrier (optional)",
    "rma.ordered":
      "I ordered advance replacement {rma}: it ships from {depot} on {ship} and should reach {site} on {delivery}. The customer has been told.",
    "rma.orderedAgain": "{rma} was already ordered for this request: it ships from {depot} on {ship}.",
    "rma.shippedReply": "{rma} is marked shipped; the customer has the tracking number and the return date.",
    "rma.reply.delivered": "{rma} is marked delivered. The faulty unit's return date is on the card.",
    "rma.reply.received": "{rma} is closed: the faulty unit is back.",
    "rma.reply.cancel": "{rma} is cancelled and its reserved unit is back in stock.",
    "rma.list.title": "Replacements ({count})",
    "rma.list.line": "{rma} · {device} · {status} · delivery {delivery}{organization}",
    "rma.list.none":
      "There is no replacement in progress for you. When an engineer orders one, its status and tracking appear here (type *rma all* for past ones).",
    "rma.list.noneForDevice":
      "I found no replacement for that device. If you expected one, give me the RMA number (RMA-123456) or ask in your case.",
    "rma.list.noneForCase":
      "No replacement has been ordered for {case} yet. Your engineer orders one when the diagnosis finds a hardware fault.",
    "rma.list.noneForCaseSupport":
      "No replacement has been ordered for {case} yet. To order one: *rma order {case} <serial> <what the diagnosis found>*",
    "rma.usage": "Please say it like this: {usage}",
    "rma.usage.order":
      "*rma order NB5-2231987 <what the diagnosis found>* (or *rma order CS-10001 NB5-2231987 …*; add *part PSU-NB5* for a spare part)",
    "rma.usage.ship": "*rma ship RMA-200001 <replacement serial> <tracking number> [carrier]*",
    "rma.usage.delivered": "*rma delivered RMA-200001*",
    "rma.usage.received": "*rma received RMA-200001*",
    "rma.usage.cancel": "*rma cancel RMA-200001 <reason>*",
    "rma.usage.support": "*rma order …*, *rma RMA-200001*, *rma ship|delivered|received|cancel RMA-200001*, *rma all*",
    "rma.notice.ordered":
      "An advance replacement is on its way for your {model} ({serial}): {rma} ships from {depot} on {ship} and should reach {site} on {delivery}. You send the faulty unit back afterwards; I'll remind you.",
    "rma.notice.shipped":
      "{rma} has shipped: replacement {replacement}, tracking {tracking}. Expected at {site} on {delivery}. Please send the faulty unit {serial} back by {due}.",
    "rma.notice.delivered":
      "{rma}: the replacement was delivered. Please send the faulty unit {serial} back by {due}, with the prepaid label from the box.",
    "rma.notice.closed": "{rma} is closed: we received the faulty unit {serial}. Thank you.",
    "rma.notice.cancelled":
      "Replacement {rma} for {serial} was cancelled by support. Your case stays open; reply there if you still need a replacement.",
    "rma.notice.reminder":
      "Reminder: the faulty unit {serial} of {rma} is due back by {due}. Use the prepaid label from the replacement's box.",
    "rma.notice.due": "Today is the last day to send the faulty unit {serial} of {rma} back (due {due}).",
    "rma.notice.overdue":
      "The faulty unit {serial} of {rma} was due back by {due} and has not arrived. Please send it now, or reply here if it was already sent.",
    "rma.eng.ordered": "{rma} ordered for {organization}: {model} {serial}, ships {ship} from {depot}.",
    "rma.eng.update": "{rma} ({organization}, {serial}): {status}.",
    "rma.eng.overdue": "{rma} ({organization}): the faulty unit {serial} is overdue. Follow up with the customer.",
    "rma.error.unavailable": "Hardware replacement isn't set up on this installation yet. An engineer can still help in your case.",
    "rma.error.engineersOnly":
      "Only support engineers can do that. If you need a replacement, open a case and an engineer will diagnose it.",
    "rma.error.notFound": "I couldn't find replacement {rma}. Check the number, or type *rma* to see yours.",
    "rma.error.needSerial": "I need the device's serial (like NB5-2231987). It's on the label under the device.",
    "rma.error.unknownSerial":
      "No device with serial {serial} is registered. Check the serial on the device's label (it looks like NB5-2231987); if it is right, the customer's admin must register it first. Nothing was ordered.",
    "rma.error.notYourDevice":
      "I couldn't find {serial} among your organization's devices. Check the serial on the device's label; if the device is yours, ask your IT admin to register it. Nothing was done.",
    "rma.error.otherOrganization":
      "{serial} is registered to {owner}, not to {organization}. Check the serial with the customer; nothing was ordered.",
    "rma.error.contractExpired":
      "{organization}'s support contract ended on {date}, so {serial} isn't entitled to an advance replacement. Renew the contract (the reseller can help) and ask again; nothing was ordered.",
    "rma.error.contractNotStarted":
      "{organization}'s support contract starts on {date}; until then {serial} isn't entitled to an advance replacement. Nothing was ordered.",
    "rma.error.noContract":
      "{organization} has no support contract, so {serial} isn't entitled to an advance replacement. The reseller can arrange one; nothing was ordered.",
    "rma.error.familyNotCovered":
      "{organization}'s contract covers {families}, not the {model} ({family}). Nothing was ordered; the reseller can extend the coverage.",
    "rma.error.noSite":
      "{serial} has no site on record, so I don't know where to ship. The customer's admin can register the device's site; then order again.",
    "rma.error.unknownPart": "I don't know the part {part}. Type *parts <model>* to see the parts of a model; nothing was ordered.",
    "rma.error.partDoesNotFit": "{part} doesn't fit the {model}. Type *parts {model}* to see the parts that do; nothing was ordered.",
    "rma.error.noDepot":
      "No depot ships to {country} yet, so I can't order a replacement there. Support can add one with *npm run import:service*; nothing was ordered.",
    "rma.error.noStock":
      "No {part} is available at the depots that serve {country} right now (the last one may just have gone to another order). Nothing was ordered; engineers see the stock with *stock low*.",
    "rma.error.state.ordered": "{rma} hasn't shipped yet; that step comes later.",
    "rma.error.state.shipped": "{rma} is on its way; that step doesn't apply now.",
    "rma.error.state.delivered": "{rma} was delivered already; that step doesn't apply now.",
    "rma.error.state.closed": "{rma} is closed; there is nothing more to do.",
    "rma.error.state.cancelled": "{rma} was cancelled; there is nothing more to do.",
    "rma.error.cannotCancel": "{rma} has already shipped, so it can't be cancelled. Mark the faulty unit received when it is back.",
    "rma.error.badReplacementSerial": "{serial} isn't a serial of the same model (it should start with {prefix}-). Nothing was changed.",
    "rma.error.badTracking": 'The tracking number "{tracking}" doesn\'t look right (4–64 letters, digits or dashes). Nothing was changed.',
    "parts.title": "Spare parts · {where}",
    "parts.anywhere": "all depots",
    "parts.line.available": "{part}: available at {depot}; an order now ships {ship}.",
    "parts.line.unavailable": "{part}: not in stock at the depots that serve you right now.",
    "parts.line.support": "{code} {part} · {depot}: {available} available ({onHand} on hand, {reserved} reserved) · ships {ship}",
    "parts.line.supportLow": "{code} {part} · {depot}: {available} available ({onHand} on hand, {reserved} reserved) · LOW · ships {ship}",
    "parts.hint.customer": "An engineer orders the part for you after diagnosing the problem in your case.",
    "parts.hint.support": "Order with *rma order <serial> part <code> <diagnosis>*.",
    "parts.none": "I don't know a part like that for {where}. Name the model and the part, e.g. *parts power supply Bar 50 Spain*.",
    "parts.noDepot": "No depot serves {where} yet.",
    "parts.error.vague": "Which model is it for? For example: *parts power supply Bar 50 Spain*.",
    "parts.error.engineersOnly": "Stock levels are for support engineers. Ask *parts <part> <model>* to see whether a part is available.",
    "parts.low.notice": "Low stock at {depot}: {part} — {available} available (restock at {lowAt}).",
    "parts.stock.title": "Stock ({count} lines)",
    "parts.stock.lowTitle": "Low stock ({count} lines)",
    "parts.stock.none": "No stock is recorded yet. Load depots and stock with *npm run import:service -- <file>*.",
    "parts.stock.noneLow": "Nothing is low: every depot is above its restock level.",
    "parts.stock.hint": "Restock with *npm run import:service -- stock.csv* (onHand is the count on the shelf).",
    "parts.stock.notHere": "Stock counts are internal: ask for them in the engineers' channel or in a direct message with me.",
    "rma.error.unknownDepot": "I don't know the depot {depot}; nothing was ordered.",
    "rma.alternatives.title": "What can be ordered instead",
    "rma.alternatives.unit": "Instead of the part, {part} from {depot}: ships {ship}, expected {delivery}.",
    "rma.alternatives.depot": "{part} from {depot}, which doesn't usually serve this country: ships {ship}, expected {delivery}.",
    "rma.alternatives.button.unit": "Whole unit, ships {ship}",
    "rma.alternatives.button.depot": "From {depot}, ships {ship}",
    "rma.alternatives.hint": "Pressing one places that order.",
    "rma.alternatives.restock": "{depot} expects more {part} on {date}; an order then ships from there as usual.",
  },
  {
    "rma.status.ordered": "pedido, pendiente de envío",
    "rma.status.shipped": "en camino",
    "rma.status.delivered": "entregado, falta devolver la unidad averiada",
    "rma.status.closed": "cerrado",
    "rma.status.cancelled": "cancelado",
    "rma.card.title": "Reemplazo {rma} · {model}",
    "rma.fact.status": "Estado",
    "rma.fact.organization": "Cliente",
    "rma.fact.device": "Equipo",
    "rma.fact.part": "Pieza",
    "rma.fact.site": "Envío a",
    "rma.fact.ships": "Envío",
    "rma.fact.shipsValue": "{date} desde {depot}",
    "rma.fact.delivery": "Entrega prevista",
    "rma.fact.delivered": "Entregado",
    "rma.fact.replacement": "Número de serie del reemplazo",
    "rma.fact.tracking": "Seguimiento",
    "rma.fact.returnDue": "Devolver la unidad averiada antes de",
    "rma.fact.case": "Caso",
    "rma.next.customer.ordered": "Siguiente paso: el almacén envía el reemplazo; recibirás aquí el número de seguimiento.",
    "rma.next.customer.shipped":
      "Siguiente paso: pulsa *Ha llegado* cuando tengas el reemplazo y devuelve la unidad averiada en la misma caja.",
    "rma.next.customer.delivered":
      "Siguiente paso: devuelve la unidad averiada con la etiqueta prepagada de la caja antes de la fecha indicada.",
    "rma.next.customer.closed": "No queda nada por hacer: hemos recibido la unidad averiada. Gracias.",
    "rma.next.customer.cancelled": "Este reemplazo se canceló.",
    "rma.next.support.ordered": "Siguiente paso: registrar el envío (número de serie del reemplazo y seguimiento).",
    "rma.next.support.shipped": "Siguiente paso: el cliente confirma la entrega; marca la unidad averiada como recibida cuando vuelva.",
    "rma.next.support.delivered": "Siguiente paso: marca la unidad averiada como recibida cuando llegue al almacén.",
    "rma.next.support.closed": "Cerrado: la unidad averiada ha vuelto.",
    "rma.next.support.cancelled": "Cancelado; la unidad reservada volvió al stock.",
    "rma.action.ship": "Marcar como enviado",
    "rma.action.confirmShip": "Confirmar envío",
    "rma.action.cancel": "Cancelar pedido",
    "rma.action.delivered": "Marcar como entregado",
    "rma.action.arrived": "Ha llegado",
    "rma.action.received": "Unidad averiada recibida",
    "rma.action.technician": "Pedir un técnico",
    "rma.action.refresh": "Actualizar",
    "rma.ship.title": "Enviar {rma}",
    "rma.input.replacementSerial": "Número de serie del reemplazo",
    "rma.input.tracking": "Número de seguimiento",
    "rma.input.carrier": "Transportista (opcional)",
    "rma.ordered":
      "He pedido el reemplazo avanzado {rma}: sale de {depot} el {ship} y debería llegar a {site} el {delivery}. Se ha avisado al cliente.",
    "rma.orderedAgain": "{rma} ya estaba pedido para esta solicitud: sale de {depot} el {ship}.",
    "rma.shippedReply": "{rma} consta como enviado; el cliente tiene el número de seguimiento y la fecha de devolución.",
    "rma.reply.delivered": "{rma} consta como entregado. La fecha de devolución de la unidad averiada está en la tarjeta.",
    "rma.reply.received": "{rma} está cerrado: la unidad averiada ha vuelto.",
    "rma.reply.cancel": "{rma} está cancelado y su unidad reservada vuelve al stock.",
    "rma.list.title": "Reemplazos ({count})",
    "rma.list.line": "{rma} · {device} · {status} · entrega {delivery}{organization}",
    "rma.list.none":
      "No tienes ningún reemplazo en curso. Cuando un ingeniero pida uno, verás aquí su estado y seguimiento (escribe *rma todos* para ver los anteriores).",
    "rma.list.noneForDevice":
      "No encuentro ningún reemplazo para ese equipo. Si esperabas uno, dame el número de RMA (RMA-123456) o pregunta en tu caso.",
    "rma.list.noneForCase":
      "Todavía no se ha pedido ningún reemplazo para {case}. Tu ingeniero lo pide cuando el diagnóstico encuentra un fallo de hardware.",
    "rma.list.noneForCaseSupport":
      "Todavía no se ha pedido ningún reemplazo para {case}. Para pedir uno: *rma pedir {case} <número de serie> <lo que encontró el diagnóstico>*",
    "rma.usage": "Dímelo así, por favor: {usage}",
    "rma.usage.order":
      "*rma pedir NB5-2231987 <lo que encontró el diagnóstico>* (o *rma pedir CS-10001 NB5-2231987 …*; añade *pieza PSU-NB5* para un repuesto)",
    "rma.usage.ship": "*rma enviar RMA-200001 <serie del reemplazo> <seguimiento> [transportista]*",
    "rma.usage.delivered": "*rma entregado RMA-200001*",
    "rma.usage.received": "*rma recibido RMA-200001*",
    "rma.usage.cancel": "*rma cancelar RMA-200001 <motivo>*",
    "rma.usage.support": "*rma pedir …*, *rma RMA-200001*, *rma enviar|entregado|recibido|cancelar RMA-200001*, *rma todos*",
    "rma.notice.ordered":
      "Hay un reemplazo avanzado en camino para tu {model} ({serial}): {rma} sale de {depot} el {ship} y debería llegar a {site} el {delivery}. Después devuelves la unidad averiada; te lo recordaré.",
    "rma.notice.shipped":
      "{rma} ya está enviado: reemplazo {replacement}, seguimiento {tracking}. Llegada prevista a {site} el {delivery}. Devuelve la unidad averiada {serial} antes del {due}.",
    "rma.notice.delivered":
      "{rma}: el reemplazo se ha entregado. Devuelve la unidad averiada {serial} antes del {due}, con la etiqueta prepagada de la caja.",
    "rma.notice.closed": "{rma} está cerrado: hemos recibido la unidad averiada {serial}. Gracias.",
    "rma.notice.cancelled":
      "Soporte ha cancelado el reemplazo {rma} de {serial}. Tu caso sigue abierto; responde allí si aún necesitas un reemplazo.",
    "rma.notice.reminder":
      "Recordatorio: la unidad averiada {serial} de {rma} debe devolverse antes del {due}. Usa la etiqueta prepagada de la caja del reemplazo.",
    "rma.notice.due": "Hoy es el último día para devolver la unidad averiada {serial} de {rma} (vence el {due}).",
    "rma.notice.overdue":
      "La unidad averiada {serial} de {rma} debía devolverse antes del {due} y no ha llegado. Envíala ahora o responde aquí si ya la enviaste.",
    "rma.eng.ordered": "{rma} pedido para {organization}: {model} {serial}, sale el {ship} desde {depot}.",
    "rma.eng.update": "{rma} ({organization}, {serial}): {status}.",
    "rma.eng.overdue": "{rma} ({organization}): la unidad averiada {serial} no se ha devuelto a tiempo. Haz seguimiento con el cliente.",
    "rma.error.unavailable":
      "El reemplazo de hardware aún no está configurado en esta instalación. Un ingeniero puede ayudarte en tu caso.",
    "rma.error.engineersOnly":
      "Solo los ingenieros de soporte pueden hacer eso. Si necesitas un reemplazo, abre un caso y un ingeniero lo diagnosticará.",
    "rma.error.notFound": "No encuentro el reemplazo {rma}. Revisa el número o escribe *rma* para ver los tuyos.",
    "rma.error.needSerial": "Necesito el número de serie del equipo (como NB5-2231987). Está en la etiqueta bajo el equipo.",
    "rma.error.unknownSerial":
      "No hay ningún equipo registrado con el número de serie {serial}. Revisa la etiqueta del equipo (tiene la forma NB5-2231987); si es correcto, el administrador del cliente debe registrarlo antes. No se ha pedido nada.",
    "rma.error.notYourDevice":
      "No encuentro {serial} entre los equipos de tu organización. Revisa la etiqueta del equipo; si es vuestro, pide a tu administrador de IT que lo registre. No se ha hecho nada.",
    "rma.error.otherOrganization":
      "{serial} está registrado a nombre de {owner}, no de {organization}. Confirma el número de serie con el cliente; no se ha pedido nada.",
    "rma.error.contractExpired":
      "El contrato de soporte de {organization} terminó el {date}, así que {serial} no tiene derecho a reemplazo avanzado. Renueva el contrato (el distribuidor puede ayudarte) y vuelve a pedirlo; no se ha pedido nada.",
    "rma.error.contractNotStarted":
      "El contrato de soporte de {organization} empieza el {date}; hasta entonces {serial} no tiene derecho a reemplazo avanzado. No se ha pedido nada.",
    "rma.error.noContract":
      "{organization} no tiene contrato de soporte, así que {serial} no tiene derecho a reemplazo avanzado. El distribuidor puede gestionarlo; no se ha pedido nada.",
    "rma.error.familyNotCovered":
      "El contrato de {organization} cubre {families}, no el {model} ({family}). No se ha pedido nada; el distribuidor puede ampliar la cobertura.",
    "rma.error.noSite":
      "{serial} no tiene una sede registrada, así que no sé adónde enviarlo. El administrador del cliente puede registrar la sede del equipo; después vuelve a pedirlo.",
    "rma.error.unknownPart":
      "No conozco la pieza {part}. Escribe *piezas <modelo>* para ver las piezas de un modelo; no se ha pedido nada.",
    "rma.error.partDoesNotFit": "{part} no sirve para el {model}. Escribe *piezas {model}* para ver las que sí; no se ha pedido nada.",
    "rma.error.noDepot":
      "Aún no hay ningún almacén que envíe a {country}, así que no puedo pedir un reemplazo allí. Soporte puede añadirlo con *npm run import:service*; no se ha pedido nada.",
    "rma.error.noStock":
      "Ahora mismo no hay {part} disponible en los almacenes que sirven {country} (puede que la última unidad acabe de ir a otro pedido). No se ha pedido nada; los ingenieros ven el stock con *stock bajo*.",
    "rma.error.state.ordered": "{rma} aún no se ha enviado; ese paso llega después.",
    "rma.error.state.shipped": "{rma} está en camino; ese paso no corresponde ahora.",
    "rma.error.state.delivered": "{rma} ya se entregó; ese paso no corresponde ahora.",
    "rma.error.state.closed": "{rma} está cerrado; no queda nada por hacer.",
    "rma.error.state.cancelled": "{rma} se canceló; no queda nada por hacer.",
    "rma.error.cannotCancel": "{rma} ya se ha enviado, así que no se puede cancelar. Marca la unidad averiada como recibida cuando vuelva.",
    "rma.error.badReplacementSerial":
      "{serial} no es un número de serie del mismo modelo (debe empezar por {prefix}-). No se ha cambiado nada.",
    "rma.error.badTracking":
      'El número de seguimiento "{tracking}" no parece correcto (de 4 a 64 letras, cifras o guiones). No se ha cambiado nada.',
    "parts.title": "Repuestos · {where}",
    "parts.anywhere": "todos los almacenes",
    "parts.line.available": "{part}: disponible en {depot}; un pedido hecho ahora sale el {ship}.",
    "parts.line.unavailable": "{part}: ahora mismo no hay stock en los almacenes que te sirven.",
    "parts.line.support":
      "{code} {part} · {depot}: {available} disponibles ({onHand} en estantería, {reserved} reservadas) · sale el {ship}",
    "parts.line.supportLow":
      "{code} {part} · {depot}: {available} disponibles ({onHand} en estantería, {reserved} reservadas) · BAJO · sale el {ship}",
    "parts.hint.customer": "Un ingeniero te pide la pieza después de diagnosticar el problema en tu caso.",
    "parts.hint.support": "Pídela con *rma pedir <serie> pieza <código> <diagnóstico>*.",
    "parts.none":
      "No conozco una pieza así para {where}. Indica el modelo y la pieza, por ejemplo *piezas fuente de alimentación Bar 50 España*.",
    "parts.noDepot": "Todavía no hay ningún almacén que sirva {where}.",
    "parts.error.vague": "¿Para qué modelo es? Por ejemplo: *piezas fuente de alimentación Bar 50 España*.",
    "parts.error.engineersOnly":
      "Los niveles de stock son para los ingenieros de soporte. Pregunta *piezas <pieza> <modelo>* para saber si hay disponibilidad.",
    "parts.low.notice": "Stock bajo en {depot}: {part} — {available} disponibles (reponer con {lowAt}).",
    "parts.stock.title": "Stock ({count} líneas)",
    "parts.stock.lowTitle": "Stock bajo ({count} líneas)",
    "parts.stock.none": "Aún no hay stock registrado. Carga almacenes y stock con *npm run import:service -- <fichero>*.",
    "parts.stock.noneLow": "No hay nada bajo: todos los almacenes están por encima de su nivel de reposición.",
    "parts.stock.hint": "Repón con *npm run import:service -- stock.csv* (onHand es lo que hay en la estantería).",
    "parts.stock.notHere": "Las existencias son internas: pídelas en el canal de ingenieros o en un mensaje directo conmigo.",
    "rma.error.unknownDepot": "No conozco el almacén {depot}; no se ha pedido nada.",
    "rma.alternatives.title": "Qué se puede pedir en su lugar",
    "rma.alternatives.unit": "En lugar de la pieza, {part} desde {depot}: sale el {ship}, llega previsiblemente el {delivery}.",
    "rma.alternatives.depot":
      "{part} desde {depot}, que normalmente no sirve este país: sale el {ship}, llega previsiblemente el {delivery}.",
    "rma.alternatives.button.unit": "Unidad completa, sale el {ship}",
    "rma.alternatives.button.depot": "Desde {depot}, sale el {ship}",
    "rma.alternatives.hint": "Al pulsar uno se hace ese pedido.",
    "rma.alternatives.restock": "{depot} espera más {part} el {date}; un pedido hecho entonces sale de allí como siempre.",
  },
);
