/**
 * Sentences of a case as the subject of a conversation: the question asked when a remark could
 * belong to the person's recent case or be a new problem (bot/cases/thread.ts).
 */
import { defineMessages } from "../i18n/define.ts";

export const caseThreadMessages = defineMessages(
  {
    "case.addOrNew.question": "Add this to {case}, or is it a new problem?",
    "case.addOrNew.add": "Add to {case}",
    "case.addOrNew.new": "New problem",
    "case.addOrNew.gone": "That message is no longer here to add; please write it again.",
  },
  {
    "case.addOrNew.question": "¿Lo añado a {case} o es un problema nuevo?",
    "case.addOrNew.add": "Añadir a {case}",
    "case.addOrNew.new": "Problema nuevo",
    "case.addOrNew.gone": "Ese mensaje ya no está para añadirlo; escríbelo de nuevo, por favor.",
  },
);
