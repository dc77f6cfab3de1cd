/** Sentences of the documentation answers. */
import { defineMessages } from "../i18n/define.ts";

export const knowledgeMessages = defineMessages(
  {
    "kb.answer.title": "From the documentation",
    "kb.answer.more": "{count} more passages matched; ask more precisely to narrow them down.",
    "kb.source": "Source: {source}",
    "kb.abstain": "I couldn't find this in the documentation. Shall I open a case so an engineer can look at it?",
    "kb.action.helped": "That helped",
    "kb.action.openCase": "Open a case",
    "kb.thanks": "Glad it helped! I'll note that this answer worked.",
    "kb.noted": "Noted — I'll open a case for it.",
    "kb.empty": 'Ask me a question about a device, e.g. "how do I pair the Headset Pro".',
  },
  {
    "kb.answer.title": "De la documentación",
    "kb.answer.more": "Hay {count} pasajes más; pregunta con más detalle para acotarlos.",
    "kb.source": "Fuente: {source}",
    "kb.abstain": "No he encontrado esto en la documentación. ¿Abro un caso para que lo revise un ingeniero?",
    "kb.action.helped": "Me ha servido",
    "kb.action.openCase": "Abrir un caso",
    "kb.thanks": "¡Me alegro! Anoto que esta respuesta funcionó.",
    "kb.noted": "Entendido: abro un caso.",
    "kb.empty": 'Hazme una pregunta sobre un dispositivo, p. ej. "¿cómo emparejo los Headset Pro?".',
  },
);

type AnswerMessages = typeof knowledgeMessages.en;

declare module "../i18n/index.ts" {
  // Declaration merging adds the feature's keys to MessageKey (bot/i18n/index.ts).
  interface FeatureMessages extends AnswerMessages {}
}
