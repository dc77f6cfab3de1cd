/** The escalation views as engineers and managers ask for them (bot/feature.ts `ActionDeclaration`). */
import type { ActionDeclaration } from "../feature.ts";
import { fold } from "../../core/text/fold.ts";
import { showBreaches, showEscalations } from "./views.ts";

const BREACH = /\b(breach|breaches|breached|sla|overdue|late|incumpl\w*|vencid\w*|fuera de plazo|retrasad\w*)\b/;

export const escalationActions: ActionDeclaration[] = [
  {
    action: "escalations_overview",
    roles: ["engineer", "manager"],
    examples: [
      "what is on fire right now?",
      "anything urgent in the queue?",
      "what needs me now?",
      "¿qué hay urgente ahora mismo?",
      "¿qué está que arde?",
      "¿qué escalados hay abiertos?",
      "¿algún caso incumpliendo el SLA ahora mismo?",
      "resumen de escalaciones",
      "¿qué casos tenemos en riesgo de SLA?",
      "lista de casos escalados por nivel",
      "¿qué se ha escalado esta semana?",
      "¿qué casos van tarde con el SLA?",
      "muéstrame los escalados",
      "incumplimientos de hoy",
      "queue status for today",
      "¿cómo está la cola de escalados?",
      "what breached overnight?",
      "¿qué se ha incumplido esta noche?",
      "overdue cases",
      "casos escalados de hoy",
      "what needs attention right now in the queue",
      "¿qué casos necesitan atención urgente?",
      "¿qué tickets se han pasado de plazo?",
      "which cases have blown their SLA",
      "what's escalated at the moment",
      "¿qué está escalado ahora mismo?",
      "¿algún caso a punto de incumplir el SLA?",
      "show me the escalation queue",
      "hot cases today?",
      "escalations",
      "which cases are escalated right now?",
      "any SLA breaches?",
      "breaches",
      "show me everything that is overdue",
      "what's burning today",
      "escalados",
      "¿qué casos están escalados?",
      "¿hay incumplimientos de SLA?",
      "casos fuera de plazo",
      "which tickets are about to breach",
      "lista de escalaciones abiertas",
      "anything at risk of missing its SLA?",
    ],
    handler: async (ctx) => (BREACH.test(fold(ctx.text)) ? showBreaches(ctx) : showEscalations(ctx)),
  },
];
