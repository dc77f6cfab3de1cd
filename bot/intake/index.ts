/**
 * The problem-report conversation, declared on the feature contract (bot/feature.ts): a report
 * is drafted over a few questions, the documentation is offered on the way, and the case opens.
 */
import { intakeActions } from "./requests.ts";
import { defineFeature } from "../feature.ts";
import { invalid } from "../errors.ts";
import { deviceChosenAction, fixedAction, newProblemAction, openNowAction, startIntake } from "./flow.ts";
import { NEW_PROBLEM_ACTION } from "../cases/thread.ts";
import { intakeFirst, openCaseCommand } from "./handlers.ts";
import { intakeMessages } from "./messages.ts";

/** The device a sentence names, for features that read one (portal, onsite visits). */
export { deviceInSentence } from "./resolve.ts";
/** The organization's site a sentence names in any language or form ("Lisboa", "la sede de Madrid", "Lisbn"). */
export { siteInSentence } from "./sites.ts";
/**
 * For the conversation router: whether a sentence answers the question a problem report waits
 * on, and the one-line reminder of that question (docs in bot/intake/README.md).
 */
export { pendingAnswerFits, pendingReminder } from "./flow.ts";
export type { PendingFit } from "./pending.ts";

export const intakeFeature = defineFeature<void>({
  name: "intake",
  messages: intakeMessages,
  commands: [
    {
      words: ["open case", "abrir caso", "new case", "nuevo caso", "open a case", "abrir un caso"],
      slots: "text",
      roles: "everyone",
      handler: openCaseCommand,
      action: "intake",
    },
  ],
  buttons: [
    { id: "intake.fixed", handler: fixedAction },
    { id: "intake.broken", handler: openNowAction },
    { id: "intake.open", handler: openNowAction },
    { id: "intake.device", handler: deviceChosenAction },
    { id: NEW_PROBLEM_ACTION, handler: newProblemAction },
  ],
  intents: [{ intent: "report_issue", handler: startIntake }],
  actions: intakeActions,
  afterTriage: intakeFirst,
  unavailable: () => invalid("error.feature.coming", { feature: "Problem reports" }),
  create: () => undefined,
});
