/** Partner tickets, joint calls and partner agreements as people ask for them (bot/understanding). */
import type { ActionDeclaration } from "../feature.ts";
import { onCase } from "../cases/questions.ts";
import { jointCallCommand, listPartners } from "./registry/handlers.ts";
import { partnerTicketIntent } from "./tickets/handlers.ts";

export const partnerActions: ActionDeclaration[] = [
  {
    action: "partner_ticket",
    roles: "everyone",
    changes: true,
    examples: [
      "partner CS-10422",
      "open a ticket with Microsoft for CS-10422",
      "can you raise this with Zoom?",
      "this looks like a Teams service problem, get Microsoft involved",
      "link CS-10422 to a Microsoft ticket",
      "bring Zoom into CS-10422",
      "abrid un ticket con Microsoft para el CS-10422",
      "¿podéis escalarlo a Zoom?",
      "parece un fallo de Teams, meted a Microsoft",
      "incidencia partner CS-10422",
      "Microsoft support case for the Teams rooms sign-in issue please",
    ],
    handler: async (ctx, reading) => partnerTicketIntent(ctx, reading.triage),
  },
  {
    action: "joint_call",
    roles: "everyone",
    changes: true,
    examples: [
      "joint call CS-10422",
      "can we get a call with Microsoft and you?",
      "set up a three-way call with Zoom about CS-10422",
      "I'd like a bridge call with your engineer and Microsoft tomorrow",
      "llamada conjunta CS-10422",
      "¿podemos tener una llamada con Microsoft y vosotros?",
      "organizad una llamada a tres con Zoom",
      "quiero una reunión con vuestro técnico y el de Microsoft",
      "get everyone on a call about this case",
    ],
    handler: onCase("call", jointCallCommand, (reading) => reading.text),
  },
  {
    action: "partner_agreement",
    roles: "everyone",
    examples: [
      "partners",
      "do we have an agreement with Microsoft?",
      "which cloud partners are we connected to",
      "is our Zoom support agreement on file?",
      "agreement microsoft",
      "¿tenemos acuerdo con Microsoft?",
      "¿con qué partners estamos conectados?",
      "acuerdo partner zoom",
      "lista de partners",
      "what's our premier support contract number with Microsoft",
      "what does our agreement with you cover for Microsoft cases",
    ],
    handler: async (ctx) => listPartners(ctx),
  },
];
