/** The replacement feature's message catalog (RMA and parts, onsite), with its help lines. */
import { defineMessages } from "../i18n/define.ts";
import { onsiteMessages } from "./onsite/messages.ts";
import { rmaMessages } from "./rma/messages.ts";

const helpEn = {
  "help.services":
    '• *rma* — your advance replacements and where they are\n• *parts <part> <model>* — spare-part availability ("do you have a power supply for the Bar 50 in Spain?")\n• *onsite* — technician visits',
  "help.engineer.replacements":
    "• *rma order CS-10422 NB5-2231987 <what the diagnosis found>* — an advance replacement, shipped the next business day; *rma ship|delivered|received RMA-200001* for its steps\n• *onsite RMA-200001* — a technician to install it",
};

const helpEs: Record<keyof typeof helpEn, string> = {
  "help.services":
    '• *rma* — tus sustituciones anticipadas y dónde están\n• *repuestos <pieza> <modelo>* — disponibilidad de recambios ("¿tenéis una fuente de alimentación para la Bar 50 en España?")\n• *visita* — visitas de técnicos',
  "help.engineer.replacements":
    "• *rma pedir CS-10422 NB5-2231987 <lo que encontró el diagnóstico>* — sustitución anticipada, enviada el siguiente día laborable; *rma enviar|entregado|recibido RMA-200001* para sus pasos\n• *visita RMA-200001* — un técnico para instalarla",
};

export const replacementMessages = defineMessages(
  { ...rmaMessages.en, ...onsiteMessages.en, ...helpEn },
  { ...rmaMessages.es, ...onsiteMessages.es, ...helpEs },
);

type ReplacementMessages = typeof replacementMessages.en;

declare module "../i18n/index.ts" {
  // Declaration merging adds the feature's keys to MessageKey (bot/i18n/index.ts).
  interface FeatureMessages extends ReplacementMessages {}
}
