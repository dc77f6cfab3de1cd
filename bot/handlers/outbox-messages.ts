/** Sentences of the undelivered-messages list. */
import { defineMessages } from "../i18n/define.ts";

export const outboxMessages = defineMessages(
  {
    "outbox.dead.title": "Messages I could not deliver ({count})",
    "outbox.dead.empty": "Every message was delivered: none is waiting or given up.",
    "outbox.dead.line": "{queued} UTC · {platform} {conversation} · {attempts} attempts · {error} · {summary}",
    "outbox.dead.more": "… and {count} older ones.",
    "outbox.supportOnly": "Only support engineers and managers can see undelivered messages.",
  },
  {
    "outbox.dead.title": "Mensajes que no pude entregar ({count})",
    "outbox.dead.empty": "Todos los mensajes se entregaron: ninguno está pendiente ni descartado.",
    "outbox.dead.line": "{queued} UTC · {platform} {conversation} · {attempts} intentos · {error} · {summary}",
    "outbox.dead.more": "… y {count} más antiguos.",
    "outbox.supportOnly": "Solo los ingenieros y responsables de soporte pueden ver los mensajes no entregados.",
  },
);
