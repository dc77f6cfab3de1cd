/**
 * Sentences of the kernel's plain-sentence routing: what the conversation says when no feature
 * took the sentence, and the names of services that are not built yet. The keys keep their
 * `intake.` prefix so that every sentence a person sees stays worded and keyed as before.
 */
import { defineMessages } from "../i18n/define.ts";

export const conversationMessages = defineMessages(
  {
    "intake.nothingToCancel": "There's nothing in progress to cancel.",
    "intake.addedToCase": "I added that to {case}.",
    "intake.noCase": "You have no open case to close.",
    "intake.whichCase": "Which case do you mean?",
    "intake.other":
      "I'm the support assistant for your collaboration devices, so I can't help with that one. Type *help* to see what I can do.",
    "intake.nothingOpen": "You have no open cases. Describe a problem and I'll help.",
    "feature.replacement_status": "Tracking advance replacements",
    "feature.register_product": "Product registration",
    "feature.license_lookup": "License and contract look-up",
    "feature.parts_availability": "Spare-part availability",
    "feature.software_update": "Software update information",
    "feature.onsite_request": "Onsite technician requests",
    "feature.partner_ticket": "Cloud-partner tickets",
  },
  {
    "intake.nothingToCancel": "No hay nada en curso que cancelar.",
    "intake.addedToCase": "Lo he añadido a {case}.",
    "intake.noCase": "No tienes ningún caso abierto que cerrar.",
    "intake.whichCase": "¿A qué caso te refieres?",
    "intake.other":
      "Soy el asistente de soporte de tus dispositivos de colaboración, así que no puedo ayudarte con eso. Escribe *ayuda* para ver lo que puedo hacer.",
    "intake.nothingOpen": "No tienes casos abiertos. Describe el problema y te ayudo.",
    "feature.replacement_status": "El seguimiento de sustituciones anticipadas",
    "feature.register_product": "El registro de productos",
    "feature.license_lookup": "La consulta de licencias y contratos",
    "feature.parts_availability": "La consulta de repuestos",
    "feature.software_update": "La información de actualizaciones de software",
    "feature.onsite_request": "La solicitud de técnicos in situ",
    "feature.partner_ticket": "Las incidencias con partners en la nube",
  },
);
