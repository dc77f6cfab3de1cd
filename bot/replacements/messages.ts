/** The replacement feature's message catalog (RMA and parts, onsite), as one entry for bot/i18n. */
import { defineMessages } from "../i18n/define.ts";
import { onsiteMessages } from "./onsite/messages.ts";
import { rmaMessages } from "./rma/messages.ts";

export const replacementMessages = defineMessages({ ...rmaMessages.en, ...onsiteMessages.en }, { ...rmaMessages.es, ...onsiteMessages.es });
