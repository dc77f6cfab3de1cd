/**
 * The kernel's actions as people ask for them in their own words (bot/feature.ts
 * `ActionDeclaration`): help and "other" (greetings, thanks, what the bot does not do) here, the
 * cases' in bot/cases/requests.ts and the escalation views' in bot/escalations/requests.ts.
 */
import type { Context } from "../context.ts";
import type { ActionDeclaration } from "../feature.ts";
import type { Reading } from "../understanding/index.ts";
import { fold } from "../../core/text/fold.ts";
import { showHelp } from "./help.ts";
import { caseActions } from "../cases/requests.ts";
import { escalationActions } from "../escalations/requests.ts";

export const kernelActions: ActionDeclaration[] = [
  {
    action: "help",
    roles: "everyone",
    examples: [
      "¿me podría indicar qué servicios ofrece este asistente?",
      "buenas, ¿qué se puede hacer por aquí?",
      "i'm new here, what can you do for me",
      "soy nueva, ¿qué puedo pedirte?",
      "commands?",
      "¿comandos?",
      "hello, what can I ask you from here?",
      "¿qué opciones tengo?",
      "what services do you offer",
      "hola, ¿qué cosas puedo pedirte?",
      "what kind of things can I ask you here",
      "¿para qué sirves?",
      "how do I use you",
      "explícame qué haces",
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
    // A bare "hello" is greeted back (the greeting says how to get help); a question gets the card.
    handler: async (ctx) => (isBareGreeting(fold(ctx.text)) ? greetOrDecline(ctx) : showHelp(ctx)),
  },
  {
    action: "other",
    roles: "everyone",
    examples: [
      "¿qué hora es?",
      "¿me ayudas con Excel?",
      "gracias por todo",
      "ok perfecto",
      "can you order me a new laptop charger for my Dell",
      "¿me puedes cambiar la contraseña del correo?",
      "do you sell printers",
      "where is the cafeteria",
      "who is the CEO of Northwind",
      "who won the match last night?",
      "¿quién ganó el partido anoche?",
      "what's your favourite colour",
      "¿me recomiendas un restaurante?",
      "how do I expense a taxi",
      "good job bot",
      "do you also sell printers?",
      "¿me pides un taxi para las cinco?",
      "can you reset my email password",
      "what time is it in Tokyo",
      "¿cuál es la capital de Portugal?",
      "order pizza for the team",
      "book the boardroom for friday",
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
  ...caseActions,
  ...escalationActions,
];

const THANKS = /^\s*(thanks|thank you|thx|ty|gracias|muchas gracias|perfect|perfecto|genial|great)\b/;
const GREETING = /^\s*(hi|hello|hey|hola|buenas|buenos dias|buenas tardes|good (morning|afternoon|evening))\b/;

/** "hi", "hola", "buenos días": a greeting and nothing else. */
function isBareGreeting(folded: string): boolean {
  return GREETING.test(folded) && folded.split(" ").length <= 4 && !/\?/.test(folded);
}

/** A greeting, thanks, or something the bot does not do: a short honest reply. */
export async function greetOrDecline(ctx: Context, _reading?: Reading): Promise<void> {
  const text = fold(ctx.text);
  if (THANKS.test(text)) return void ctx.reply({ text: ctx.t("greeting.thanks") });
  if (isBareGreeting(text)) return void ctx.reply({ text: ctx.t("greeting.hello", { name: ctx.person.name.split(" ")[0] ?? "" }) });
  ctx.reply({ text: ctx.t("intake.other") });
}
