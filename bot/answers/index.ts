/**
 * Documentation answers, declared on the feature contract (bot/feature.ts): a question is
 * answered from the documentation, with buttons to say it helped or to open a case instead.
 */
import { answerActions } from "./requests.ts";
import { defineFeature } from "../feature.ts";
import { invalid } from "../errors.ts";
import type { IntentHandler } from "../router.ts";
import { answerQuestion, helpedAction, openCaseFromAnswer } from "./handlers.ts";
import { knowledgeMessages } from "./messages.ts";

/** A how-to question, narrowed to the models the sentence names. */
const howTo: IntentHandler = async (ctx, triage) => {
  await answerQuestion(ctx, ctx.text.trim(), triage.entities.model.length ? triage.entities.model : undefined);
};

export const answerFeature = defineFeature<void>({
  name: "answers",
  messages: knowledgeMessages,
  buttons: [
    { id: "kb.helped", handler: helpedAction },
    { id: "kb.open_case", handler: openCaseFromAnswer },
  ],
  intents: [{ intent: "how_to", handler: howTo }],
  actions: answerActions,
  unavailable: () => invalid("error.feature.coming", { feature: "Documentation answers" }),
  create: () => undefined,
});
