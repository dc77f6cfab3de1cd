/** Documentation questions as people ask them (bot/understanding). */
import type { ActionDeclaration } from "../feature.ts";
import { answerQuestion } from "./handlers.ts";

export const answerActions: ActionDeclaration[] = [
  {
    action: "kb_answer",
    roles: "everyone",
    examples: [
      "how do I pair the headset with my laptop?",
      "how do I roll back the firmware on the Bar 50?",
      "how to factory reset the Tap console",
      "what ports does the room system need open?",
      "can the Bar 70 do dual screens?",
      "is there a way to turn off the camera framing?",
      "how do I update the firmware myself?",
      "what's the max cable length for the table mic?",
      "steps to join a Zoom meeting from the Teams room",
      "where do I find the serial number on the speakerphone",
      "recover a console stuck on updates",
      "what does the orange light on the bar mean",
      "how do i change the language of the touch panel",
      "does the cam 4K support PoE?",
      "what's the warranty price of the Bar 70 in Brazil?",
      "can I use the headset with a Mac",
      "¿cómo emparejo los auriculares con el portátil?",
      "¿cómo restablezco de fábrica la consola?",
      "¿qué puertos necesita abiertos la sala?",
      "¿se puede desactivar el encuadre automático de la cámara?",
      "cómo actualizo el firmware de la barra yo mismo",
      "¿dónde está el número de serie del altavoz?",
      "qué significa la luz naranja de la barra",
      "la consola Tap se quedó pillada en la actualización, ¿qué hago?",
      "¿es compatible la cam 4k con PoE?",
      "como cambio el idioma del panel tactil",
      "¿puedo usar los cascos con un Mac?",
      "¿cómo vuelvo a la versión anterior del firmware?",
      "pasos para unirse a una reunión de Zoom desde la sala de Teams",
      "how far can people sit from the speakerphone and still be heard",
      "¿cuántos micrófonos se pueden encadenar?",
    ],
    handler: async (ctx, reading) => {
      await answerQuestion(ctx, ctx.text.trim(), reading.triage.entities.model.length ? reading.triage.entities.model : undefined);
    },
  },
];
