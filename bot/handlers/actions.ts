/**
 * The kernel's actions as people ask for them in their own words (bot/feature.ts
 * `ActionDeclaration`): help, the cases and their lifecycle, engineers' notes and work, the
 * escalation overview, and "other" (greetings, thanks, what the bot does not do). Each handler
 * acts on the reading's slots; a case the sentence does not name is the case of this thread, the
 * person's only open case, or asked for (bot/cases/questions.ts).
 */
import type { Context } from "../context.ts";
import type { ActionDeclaration } from "../feature.ts";
import type { Reading } from "../understanding/index.ts";
import { commentCommand, listCases, reopenCommand, resolveCommand, severityCommand, takeCommand } from "../cases/handlers.ts";
import { escalateCommand } from "../escalations/handlers.ts";
import { showBreaches, showEscalations } from "../escalations/views.ts";
import { fold } from "../../core/text/fold.ts";
import { showHelp } from "./help.ts";
import { bodyOf, closeFromSentence, onCase, showCaseOf } from "../cases/questions.ts";

const support = ["engineer", "manager"] as const;

const SEVERITY_OF = (reading: Reading) => reading.slots.severity ?? "";
const BREACH = /\b(breach|breaches|breached|sla|overdue|late|incumpl\w*|vencid\w*|fuera de plazo|retrasad\w*)\b/;

export const kernelActions: ActionDeclaration[] = [
  {
    action: "help",
    roles: "everyone",
    examples: [
      "help",
      "ayuda",
      "what can you do?",
      "what can you help me with",
      "how does this bot work",
      "menu",
      "¿qué puedes hacer?",
      "¿en qué me puedes ayudar?",
      "qué comandos hay",
      "show me the commands",
      "hola, ¿cómo funciona esto?",
      "what are my options here",
      "necesito ayuda con el bot",
      "list of things i can ask you",
    ],
    handler: async (ctx) => showHelp(ctx),
  },
  {
    action: "other",
    roles: "everyone",
    examples: [
      "thanks!",
      "thank you so much",
      "gracias",
      "muchas gracias, crack",
      "ok",
      "vale",
      "hi",
      "hola",
      "buenos días",
      "good morning",
      "what's the weather like in Madrid?",
      "who won the game last night",
      "tell me a joke",
      "cuéntame un chiste",
      "qué tiempo hace hoy",
      "lol",
      "asdf",
      "can you book me a flight to Lisbon?",
      "reserva una mesa para comer",
      "what's for lunch",
      "perfect, that's all",
      "nada más, gracias",
      "test",
      "prueba",
    ],
    handler: greetOrDecline,
  },
  {
    action: "case_list",
    roles: "everyone",
    examples: [
      "cases",
      "my cases",
      "mis casos",
      "casos",
      "show my open cases",
      "what tickets do I have open?",
      "list all our cases",
      "which cases are still open for us",
      "¿qué casos tengo abiertos?",
      "muéstrame mis tickets",
      "lista de incidencias abiertas",
      "do we have any open tickets with you",
      "todas mis incidencias",
      "enséñame los casos de mi empresa",
    ],
    handler: (ctx) => listCases(ctx, { verb: "cases", rest: "", caseNumber: undefined }),
  },
  {
    action: "case_status",
    roles: "everyone",
    examples: [
      "case CS-10422",
      "status of CS-10422?",
      "any update on CS-10422",
      "update on 10422?",
      "what's happening with my ticket",
      "where are we with CS-10007",
      "has anyone looked at my case yet?",
      "is my case being worked on",
      "¿cómo va el caso CS-10422?",
      "estado del caso 10422",
      "¿hay novedades de mi incidencia?",
      "¿alguien ha mirado mi caso?",
      "qué pasa con el CS-10007",
      "how is my ticket going",
      "any news?",
      "¿en qué estado está mi ticket?",
      "cs-10422 status pls",
      "still waiting on CS-10422, any progress?",
      "ver caso CS-10422",
    ],
    handler: showCaseOf,
  },
  {
    action: "case_comment",
    roles: "everyone",
    examples: [
      "comment CS-10422 the room is free after 3pm",
      "add a comment to CS-10422: we restarted it twice",
      "please add to CS-10422 that the issue is back",
      "tell the engineer on CS-10422 that we are available tomorrow",
      "update CS-10422 with this: it happens only in room 2",
      "can you pass on to the support team that the unit is in the loading dock",
      "comentario CS-10422 ya lo hemos reiniciado",
      "añade al caso CS-10422 que sigue fallando",
      "dile al técnico del CS-10422 que estamos disponibles el lunes",
      "apunta en el caso 10422 que el cable es nuevo",
      "responder CS-10422 gracias, lo pruebo",
      "let them know on CS-10422 that the photos are attached",
      "añadid al ticket que el fallo es intermitente",
    ],
    handler: onCase("comment", commentCommand, (reading) => bodyOf(reading.text)),
  },
  {
    action: "note",
    roles: support,
    examples: [
      "note CS-10422 customer sounds frustrated, handle with care",
      "add a private note to CS-10422 that the depot is out of stock",
      "internal note on CS-10422: waiting for Microsoft",
      "nota CS-10422 el cliente prefiere llamadas por la tarde",
      "nota interna en el CS-10422: pendiente de repuesto",
      "añade una nota privada al CS-10422 de que hay que revisar el switch",
      "private note for the team on 10422: suspect PoE budget",
      "apunta internamente en el caso 10422 que el cliente es VIP",
      "internal only: CS-10422 probably a bad batch",
    ],
    handler: onCase("note", commentCommand, (reading) => bodyOf(reading.text)),
  },
  {
    action: "case_close",
    roles: "everyone",
    examples: [
      "close CS-10422",
      "you can close CS-10422, it works now",
      "it's fixed, please close the ticket",
      "all good now, close it",
      "cerrar CS-10422",
      "ya funciona, podéis cerrar el caso",
      "cierra el CS-10422 por favor",
      "ciérralo, ya está solucionado",
      "problem solved, thanks, you can close",
      "no hace falta seguir, cerrad la incidencia",
      "resolved on our side, close CS-10422",
    ],
    handler: async (ctx, reading) => closeFromSentence(ctx, reading.triage, reading.slots.case),
  },
  {
    action: "case_reopen",
    roles: "everyone",
    examples: [
      "reopen CS-10422",
      "the problem is back, reopen CS-10422",
      "can you reopen my last case? it broke again",
      "reabrir CS-10422",
      "reábrelo, vuelve a fallar",
      "volvió a pasar, abrid otra vez el CS-10422",
      "please re-open 10422, the echo returned",
      "reabre el caso 10422, no está arreglado",
      "it wasn't really fixed, reopen it",
    ],
    handler: onCase("reopen", reopenCommand, (reading) => bodyOf(reading.text)),
  },
  {
    action: "case_escalate",
    roles: "everyone",
    changes: true,
    examples: [
      "escalate CS-10422",
      "please escalate CS-10422, the CEO is waiting",
      "this needs to go higher, nobody has answered in two days",
      "I want to speak to a manager about CS-10422",
      "escalar CS-10422",
      "escala el CS-10422",
      "escálalo, es urgente",
      "necesito que alguien con más nivel mire el caso 10422",
      "can you bump the priority and get someone senior on CS-10422",
      "this is taking too long, escalate my ticket",
      "subid esto de nivel, llevamos días sin respuesta",
      "escalad la incidencia 10422 por favor",
    ],
    handler: onCase("escalate", escalateCommand, (reading) => reading.text),
  },
  {
    action: "case_severity",
    roles: "everyone",
    changes: true,
    examples: [
      "severity CS-10422 sev2",
      "set CS-10422 to sev1, the whole floor is down",
      "lower the priority of CS-10422 to sev4, we have a workaround",
      "change the severity of 10422 to sev3",
      "severidad CS-10422 sev2",
      "sube la prioridad del CS-10422 a sev1",
      "baja la severidad del caso 10422 a sev4",
      "make CS-10422 a sev 2",
      "priority CS-10422 high",
      "cambia la prioridad de la incidencia 10422 a alta",
    ],
    handler: onCase("severity", severityCommand, SEVERITY_OF),
  },
  {
    action: "case_resolve",
    roles: support,
    changes: true,
    examples: [
      "resolve CS-10422 fix replaced the power supply",
      "mark CS-10422 as resolved, workaround applied",
      "CS-10422 is solved, firmware fixed it",
      "resolver CS-10422 workaround desactivado el eco",
      "marca el CS-10422 como resuelto",
      "da por resuelto el caso 10422, no se encontró fallo",
      "resolve 10422 no fault found",
      "set CS-10422 resolved with a workaround",
    ],
    handler: onCase("resolve", resolveCommand, (reading) => bodyOf(reading.text).replace(/^(as\s+)?(resolved|resuelto)\b[\s,:]*/i, "")),
  },
  {
    action: "case_take",
    roles: support,
    changes: true,
    examples: [
      "take CS-10422",
      "I'll take CS-10422",
      "assign CS-10422 to me",
      "I'm on it, give me 10422",
      "mine: CS-10422",
      "tomar CS-10422",
      "me lo quedo, CS-10422",
      "asígname el caso 10422",
      "yo me encargo del CS-10422",
      "let me handle CS-10422",
      "asignarme CS-10422",
    ],
    handler: onCase("take", takeCommand),
  },
  {
    action: "escalations_overview",
    roles: support,
    examples: [
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

const THANKS = /^\s*(thanks|thank you|thx|ty|gracias|muchas gracias|perfect|perfecto|genial|great)\b/;
const GREETING = /^\s*(hi|hello|hey|hola|buenas|buenos dias|buenas tardes|good (morning|afternoon|evening))\b/;

/** A greeting, thanks, or something the bot does not do: a short honest reply. */
export async function greetOrDecline(ctx: Context, _reading?: Reading): Promise<void> {
  const text = fold(ctx.text);
  if (THANKS.test(text)) return void ctx.reply({ text: ctx.t("greeting.thanks") });
  if (GREETING.test(text) && text.split(" ").length <= 4)
    return void ctx.reply({ text: ctx.t("greeting.hello", { name: ctx.person.name.split(" ")[0] ?? "" }) });
  ctx.reply({ text: ctx.t("intake.other") });
}
