/** Sentences of onsite technician visits. */
import { defineMessages } from "../../i18n/define.ts";

export const onsiteMessages = defineMessages(
  {
    "onsite.status.quoted": "waiting for your confirmation",
    "onsite.status.scheduled": "booked",
    "onsite.status.completed": "done",
    "onsite.status.cancelled": "cancelled",
    "onsite.card.title": "Onsite technician {visit} · {site}",
    "onsite.scope":
      "Included: an authorised technician installs the replacement part at your site in business hours and runs the tests with support and your site contact. Not included: software updates, product upgrades and configuration.",
    "onsite.fact.status": "Status",
    "onsite.fact.organization": "Customer",
    "onsite.fact.device": "Device",
    "onsite.fact.site": "Site",
    "onsite.fact.purpose": "Work",
    "onsite.fact.fee": "Fee",
    "onsite.fact.slot": "When",
    "onsite.fact.technician": "Technician",
    "onsite.fact.contact": "Site contact",
    "onsite.fact.refs": "Related",
    "onsite.hint.choose": "Choosing a time confirms the visit and its fee of {fee}. Times are in the site's time zone ({zone}).",
    "onsite.hint.noSlots": "No time can be offered right now; support will propose one.",
    "onsite.next.quoted": "Next: choose a time to confirm.",
    "onsite.next.scheduled":
      "Next: the technician comes at the time above; the site contact meets them. You can reschedule or cancel here.",
    "onsite.next.completed": "The visit is done.",
    "onsite.next.cancelled": "This visit was cancelled.",
    "onsite.action.reschedule": "Reschedule",
    "onsite.action.cancel": "Cancel visit",
    "onsite.action.complete": "Mark done",
    "onsite.action.refresh": "Refresh",
    "onsite.reschedule.title": "New time for {visit}",
    "onsite.reschedule.body": "Choose a new time (in the site's time zone, {zone}); the technician is told.",
    "onsite.defaultPurpose": "install the replacement part",
    "onsite.quoted": "A technician can come to install the part. The visit {visit} costs {fee}; choose a time below to confirm.",
    "onsite.quotedForCustomer":
      "Onsite visit {visit} is quoted at {fee}; the customer was asked to choose a time to confirm it (you can choose for them too).",
    "onsite.existing": "There is already an onsite visit for this device: {visit}.",
    "onsite.reply.scheduled": "{visit} is booked with {technician}. The technician and the site contact have the details.",
    "onsite.reply.cancel": "{visit} is cancelled; the technician was told.",
    "onsite.reply.done": "{visit} is marked done.",
    "onsite.reply.contact": "{visit}: the site contact is updated and the technician was told.",
    "onsite.list.title": "Onsite visits ({count})",
    "onsite.list.none":
      "There is no onsite visit in progress for you. After a replacement is ordered, ask *onsite <serial>* (or press *Book a technician* on the replacement's card).",
    "onsite.usage": "Please say it like this: {usage}",
    "onsite.whichDevice": "Which device should the technician come for?",
    "onsite.whichDeviceAt": "Which device at {site} should the technician come for?",
    "onsite.noDevicesAtSite":
      "{site} has no registered device, so there is nothing to book a technician for there. Register the device first.",
    "onsite.usage.request": "*onsite NB5-2231987 install the replacement* (or *onsite RMA-200001*)",
    "onsite.usage.cancel": "*onsite cancel ONS-300001 <reason>*",
    "onsite.usage.reschedule": "*onsite reschedule ONS-300001*",
    "onsite.usage.done": "*onsite done ONS-300001 <notes>*",
    "onsite.usage.contact": "*onsite contact ONS-300001 <name> <phone>*",
    "onsite.refused.configuration":
      "Onsite visits don't cover configuration: a technician installs replacement hardware only. For help configuring a device, open a case and an engineer will guide you remotely.",
    "onsite.refused.software":
      "Onsite visits don't cover software updates or product upgrades: updates are free and installed remotely (Lens or the device's web page). Open a case if an update fails and an engineer will help.",
    "onsite.refused.noOption":
      "{organization}'s contract doesn't include the onsite option. The reseller can add it; an engineer can still guide the installation remotely in your case.",
    "onsite.refused.location":
      "Onsite technicians aren't available in {country} (site {site}). The replacement is shipped to you; an engineer can guide the installation remotely in your case.",
    "onsite.refused.family":
      "Onsite installation isn't offered for the {model} at {site}. The replacement is shipped to you; an engineer can guide the installation remotely in your case.",
    "onsite.refused.diagnosis":
      "A technician is sent after an engineer has diagnosed the fault remotely and ordered the part. Open a case about {serial} (or reply in yours); the engineer offers the visit when it's needed.",
    "onsite.error.notFound": "I couldn't find onsite visit {visit}. Check the number, or type *onsite* to see yours.",
    "onsite.error.state.quoted": "{visit} isn't booked yet: choose a time on its card first.",
    "onsite.error.state.scheduled": "{visit} is booked; that doesn't apply now.",
    "onsite.error.state.completed": "{visit} is done already.",
    "onsite.error.state.cancelled": "{visit} was cancelled. Ask again with *onsite <serial>* if you still need a technician.",
    "onsite.error.badSlot":
      "That time can't be booked for {visit} (it has passed or is outside business hours). Choose one of the times offered: *onsite reschedule {visit}*.",
    "onsite.error.noTechnician": "No technician is free at that time for {visit}. Please choose another time; nothing was booked.",
    "onsite.error.contactName": "Please give the site contact's name, e.g. *onsite contact ONS-300001 Pedro Gil +34 600 000 000*.",
    "onsite.notice.requested":
      "{requester} asked for an onsite technician for {model} ({serial}) at {site}: {visit}, fee {fee}. Choose a time on the card to confirm.",
    "onsite.notice.quoted":
      "Support offers an onsite technician for {model} ({serial}) at {site}: {visit}, fee {fee}. Choose a time on the card to confirm.",
    "onsite.notice.scheduled": "Onsite visit {visit} is booked: {slot}, technician {technician}, at {site}. Site contact: {contact}.",
    "onsite.notice.rescheduled": "Onsite visit {visit} moved to {slot} (technician {technician}).",
    "onsite.notice.cancelled": "Onsite visit {visit} at {site} was cancelled.",
    "onsite.notice.completed": "The technician finished visit {visit} at {site}.",
    "onsite.notice.contact": "Onsite visit {visit} at {site}: the site contact is now {contact}.",
    "onsite.tech.job":
      "New onsite job {visit}: {purpose} — {model} {serial} at {site}, {address}. When: {slot}. Site contact: {contact}. Customer: {organization}.",
    "onsite.tech.cancelled": "Onsite job {visit} at {site} ({slot}) is cancelled; you're no longer booked for it.",
    "onsite.tech.contact": "Onsite job {visit} ({slot}): the site contact is now {contact}.",
    "onsite.eng.quoted": "Onsite visit {visit} quoted for {organization}: {model} {serial} at {site}, {fee}.",
    "onsite.eng.scheduled": "Onsite visit {visit} booked for {organization}: {slot}, technician {technician}.",
    "onsite.eng.rescheduled": "Onsite visit {visit} ({organization}) moved to {slot}, technician {technician}.",
    "onsite.eng.cancelled": "Onsite visit {visit} ({organization}) cancelled.",
    "onsite.eng.completed": "Onsite visit {visit} ({organization}) done.",
  },
  {
    "onsite.status.quoted": "pendiente de tu confirmación",
    "onsite.status.scheduled": "reservada",
    "onsite.status.completed": "realizada",
    "onsite.status.cancelled": "cancelada",
    "onsite.card.title": "Técnico in situ {visit} · {site}",
    "onsite.scope":
      "Incluye: un técnico autorizado instala la pieza de repuesto en tus instalaciones en horario laboral y hace las pruebas con soporte y con tu contacto en la sede. No incluye: actualizaciones de software, mejoras de producto ni configuración.",
    "onsite.fact.status": "Estado",
    "onsite.fact.organization": "Cliente",
    "onsite.fact.device": "Equipo",
    "onsite.fact.site": "Sede",
    "onsite.fact.purpose": "Trabajo",
    "onsite.fact.fee": "Cuota",
    "onsite.fact.slot": "Cuándo",
    "onsite.fact.technician": "Técnico",
    "onsite.fact.contact": "Contacto en la sede",
    "onsite.fact.refs": "Relacionado",
    "onsite.hint.choose":
      "Al elegir una hora confirmas la visita y su cuota de {fee}. Las horas son de la zona horaria de la sede ({zone}).",
    "onsite.hint.noSlots": "Ahora mismo no puedo ofrecer ninguna hora; soporte te propondrá una.",
    "onsite.next.quoted": "Siguiente paso: elige una hora para confirmar.",
    "onsite.next.scheduled":
      "Siguiente paso: el técnico acude a la hora indicada y le recibe el contacto de la sede. Puedes cambiarla o cancelarla aquí.",
    "onsite.next.completed": "La visita está hecha.",
    "onsite.next.cancelled": "Esta visita se canceló.",
    "onsite.action.reschedule": "Cambiar hora",
    "onsite.action.cancel": "Cancelar visita",
    "onsite.action.complete": "Marcar como hecha",
    "onsite.action.refresh": "Actualizar",
    "onsite.reschedule.title": "Nueva hora para {visit}",
    "onsite.reschedule.body": "Elige una nueva hora (zona horaria de la sede, {zone}); se avisa al técnico.",
    "onsite.defaultPurpose": "instalar la pieza de repuesto",
    "onsite.quoted": "Un técnico puede ir a instalar la pieza. La visita {visit} cuesta {fee}; elige una hora abajo para confirmarla.",
    "onsite.quotedForCustomer":
      "La visita {visit} está presupuestada en {fee}; se ha pedido al cliente que elija una hora para confirmarla (también puedes elegirla tú).",
    "onsite.existing": "Ya hay una visita técnica para este equipo: {visit}.",
    "onsite.reply.scheduled": "{visit} está reservada con {technician}. El técnico y el contacto de la sede tienen los detalles.",
    "onsite.reply.cancel": "{visit} está cancelada; se ha avisado al técnico.",
    "onsite.reply.done": "{visit} consta como hecha.",
    "onsite.reply.contact": "{visit}: el contacto de la sede está actualizado y se ha avisado al técnico.",
    "onsite.list.title": "Visitas técnicas ({count})",
    "onsite.list.none":
      "No tienes ninguna visita técnica en curso. Cuando se haya pedido un reemplazo, escribe *técnico <serie>* (o pulsa *Pedir un técnico* en la tarjeta del reemplazo).",
    "onsite.whichDevice": "¿Para qué equipo tiene que venir el técnico?",
    "onsite.whichDeviceAt": "¿Para qué equipo de {site} tiene que venir el técnico?",
    "onsite.noDevicesAtSite":
      "{site} no tiene ningún equipo registrado, así que no hay nada para lo que pedir un técnico allí. Registra primero el equipo.",
    "onsite.usage": "Dímelo así, por favor: {usage}",
    "onsite.usage.request": "*técnico NB5-2231987 instalar el reemplazo* (o *técnico RMA-200001*)",
    "onsite.usage.cancel": "*técnico cancelar ONS-300001 <motivo>*",
    "onsite.usage.reschedule": "*técnico reprogramar ONS-300001*",
    "onsite.usage.done": "*técnico hecho ONS-300001 <notas>*",
    "onsite.usage.contact": "*técnico contacto ONS-300001 <nombre> <teléfono>*",
    "onsite.refused.configuration":
      "Las visitas in situ no incluyen configuración: el técnico solo instala hardware de repuesto. Para configurar un equipo, abre un caso y un ingeniero te guiará en remoto.",
    "onsite.refused.software":
      "Las visitas in situ no incluyen actualizaciones de software ni mejoras de producto: las actualizaciones son gratuitas y se instalan en remoto (Lens o la página web del equipo). Abre un caso si una actualización falla y un ingeniero te ayudará.",
    "onsite.refused.noOption":
      "El contrato de {organization} no incluye la opción de soporte in situ. El distribuidor puede añadirla; un ingeniero puede guiar la instalación en remoto en tu caso.",
    "onsite.refused.location":
      "No hay técnicos in situ en {country} (sede {site}). Te enviamos el reemplazo y un ingeniero puede guiar la instalación en remoto en tu caso.",
    "onsite.refused.family":
      "La instalación in situ no está disponible para el {model} en {site}. Te enviamos el reemplazo y un ingeniero puede guiar la instalación en remoto en tu caso.",
    "onsite.refused.diagnosis":
      "El técnico se envía después de que un ingeniero haya diagnosticado la avería en remoto y pedido la pieza. Abre un caso sobre {serial} (o responde en el tuyo); el ingeniero ofrecerá la visita si hace falta.",
    "onsite.error.notFound": "No encuentro la visita técnica {visit}. Revisa el número o escribe *técnico* para ver las tuyas.",
    "onsite.error.state.quoted": "{visit} aún no está reservada: elige primero una hora en su tarjeta.",
    "onsite.error.state.scheduled": "{visit} está reservada; eso no corresponde ahora.",
    "onsite.error.state.completed": "{visit} ya está hecha.",
    "onsite.error.state.cancelled": "{visit} se canceló. Vuelve a pedirla con *técnico <serie>* si aún necesitas un técnico.",
    "onsite.error.badSlot":
      "No se puede reservar esa hora para {visit} (ya ha pasado o está fuera del horario laboral). Elige una de las horas ofrecidas: *técnico reprogramar {visit}*.",
    "onsite.error.noTechnician":
      "No hay ningún técnico libre a esa hora para {visit}. Elige otra hora, por favor; no se ha reservado nada.",
    "onsite.error.contactName":
      "Indica el nombre del contacto en la sede, por ejemplo *técnico contacto ONS-300001 Pedro Gil +34 600 000 000*.",
    "onsite.notice.requested":
      "{requester} ha pedido un técnico in situ para el {model} ({serial}) en {site}: {visit}, cuota {fee}. Elige una hora en la tarjeta para confirmarla.",
    "onsite.notice.quoted":
      "Soporte te ofrece un técnico in situ para el {model} ({serial}) en {site}: {visit}, cuota {fee}. Elige una hora en la tarjeta para confirmarla.",
    "onsite.notice.scheduled":
      "La visita técnica {visit} está reservada: {slot}, técnico {technician}, en {site}. Contacto en la sede: {contact}.",
    "onsite.notice.rescheduled": "La visita técnica {visit} se ha movido a {slot} (técnico {technician}).",
    "onsite.notice.cancelled": "La visita técnica {visit} en {site} se ha cancelado.",
    "onsite.notice.completed": "El técnico ha terminado la visita {visit} en {site}.",
    "onsite.notice.contact": "Visita técnica {visit} en {site}: el contacto en la sede es ahora {contact}.",
    "onsite.tech.job":
      "Nuevo trabajo in situ {visit}: {purpose} — {model} {serial} en {site}, {address}. Cuándo: {slot}. Contacto en la sede: {contact}. Cliente: {organization}.",
    "onsite.tech.cancelled": "El trabajo in situ {visit} en {site} ({slot}) se ha cancelado; ya no tienes esa reserva.",
    "onsite.tech.contact": "Trabajo in situ {visit} ({slot}): el contacto en la sede es ahora {contact}.",
    "onsite.eng.quoted": "Visita técnica {visit} presupuestada para {organization}: {model} {serial} en {site}, {fee}.",
    "onsite.eng.scheduled": "Visita técnica {visit} reservada para {organization}: {slot}, técnico {technician}.",
    "onsite.eng.rescheduled": "Visita técnica {visit} ({organization}) movida a {slot}, técnico {technician}.",
    "onsite.eng.cancelled": "Visita técnica {visit} ({organization}) cancelada.",
    "onsite.eng.completed": "Visita técnica {visit} ({organization}) realizada.",
  },
);
