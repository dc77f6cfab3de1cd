/**
 * Slack-only sentences: the App Home tab and the modals. The core's replies come from bot/i18n;
 * these live here because only this adapter shows them (adapters do not register into bot/).
 */
import { defineMessages } from "../../bot/i18n/define.ts";
import type { Language } from "../../core/vocabulary.ts";

const catalog = defineMessages(
  {
    "home.title": "Switchboard support",
    "home.intro": "Describe a problem in a message to me, or use the buttons. In channels, mention me: @Switchboard.",
    "home.mine": "Your open cases",
    "home.org": "Open cases of your organization",
    "home.queue": "Your queue",
    "home.unassigned": "Waiting for an engineer",
    "home.escalations": "Escalations",
    "home.acknowledged": "acknowledged",
    "home.unacknowledged": "*not acknowledged*",
    "home.none": "Nothing here right now.",
    "home.more": "…and {count} more. Type *cases* in a message to me to see them all.",
    "home.view": "View",
    "home.openCase": "Open a case",
    "home.register": "Register a product",
    "home.help": "Help",
    "home.updated": "Updated {time} UTC",
    "modal.submit": "Submit",
    "modal.cancel": "Cancel",
    "modal.openCase.title": "Open a case",
    "modal.openCase.what": "What is wrong?",
    "modal.openCase.whatHint": "e.g. The Bar 50 in room 4.12 has no sound since this morning",
    "modal.openCase.severity": "How urgent is it?",
    "modal.severity.sev1": "Sev 1 — everything is down",
    "modal.severity.sev2": "Sev 2 — a room or team is blocked",
    "modal.severity.sev3": "Sev 3 — something does not work well",
    "modal.severity.sev4": "Sev 4 — a question or a small issue",
    "modal.register.title": "Register a product",
    "modal.register.serial": "Serial number",
    "modal.register.serialHint": "e.g. NB5-2231987",
    "modal.register.site": "Site (optional)",
    "modal.register.asset": "Asset tag (optional)",
    "modal.inputs.title": "A few details",
    "render.truncated": "(message shortened: it was longer than Slack allows)",
  },
  {
    "home.title": "Soporte Switchboard",
    "home.intro": "Descríbeme un problema en un mensaje o usa los botones. En los canales, menciónanos: @Switchboard.",
    "home.mine": "Tus casos abiertos",
    "home.org": "Casos abiertos de tu organización",
    "home.queue": "Tu cola",
    "home.unassigned": "Esperando a un ingeniero",
    "home.escalations": "Escalados",
    "home.acknowledged": "atendido",
    "home.unacknowledged": "*sin atender*",
    "home.none": "No hay nada por ahora.",
    "home.more": "…y {count} más. Escríbeme *casos* para verlos todos.",
    "home.view": "Ver",
    "home.openCase": "Abrir un caso",
    "home.register": "Registrar un producto",
    "home.help": "Ayuda",
    "home.updated": "Actualizado {time} UTC",
    "modal.submit": "Enviar",
    "modal.cancel": "Cancelar",
    "modal.openCase.title": "Abrir un caso",
    "modal.openCase.what": "¿Qué ocurre?",
    "modal.openCase.whatHint": "p. ej. La Bar 50 de la sala 4.12 no tiene sonido desde esta mañana",
    "modal.openCase.severity": "¿Cómo de urgente es?",
    "modal.severity.sev1": "Sev 1 — todo está caído",
    "modal.severity.sev2": "Sev 2 — una sala o un equipo bloqueado",
    "modal.severity.sev3": "Sev 3 — algo no funciona bien",
    "modal.severity.sev4": "Sev 4 — una duda o un problema menor",
    "modal.register.title": "Registrar un producto",
    "modal.register.serial": "Número de serie",
    "modal.register.serialHint": "p. ej. NB5-2231987",
    "modal.register.site": "Sede (opcional)",
    "modal.register.asset": "Etiqueta de inventario (opcional)",
    "modal.inputs.title": "Unos detalles",
    "render.truncated": "(mensaje acortado: era más largo de lo que Slack permite)",
  },
);

export type SlackMessageKey = keyof typeof catalog.en;

/** A Slack sentence in `lang`, with `{name}` placeholders filled (missing ones stay visible). */
export function slackText(lang: Language, key: SlackMessageKey, params: Record<string, string | number> = {}): string {
  const template = catalog[lang][key] ?? catalog.en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
