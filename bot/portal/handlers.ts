/**
 * The portal in chat: commands, buttons and plain-sentence intents for registration, licenses,
 * software updates, documents and discounts. Handlers read the request and render cards; the
 * services decide who may do what.
 */
import { deviceInSentence } from "../intake/resolve.ts";
import type { Context } from "../context.ts";
import type { Router } from "../router.ts";
import type { TriageResult } from "../triage/index.ts";
import { restAfterVerb } from "./command-text.ts";
import { fold } from "./products.ts";
import { showCoverage, showDiscounts, showLicenses } from "./licenses/handlers.ts";
import { registerAtChosenSite, registerPastedList, showDevices, registerFromText, showRegistrationForm } from "./registration/handlers.ts";
import { handleFiles } from "./registration/upload.ts";
import { firmwareCommand, showCompliance, showDeviceUpdate, showModelFirmware } from "./software/handlers.ts";
import { DOCUMENT_KINDS, KIND_WORDS } from "./documents/kinds.ts";
import { showDocuments } from "./documents/handlers.ts";

const WORDS = {
  portal: ["portal", "admin", "it tools", "herramientas", "herramientas it", "admin help"],
  register: ["register", "registrar", "register device", "register devices", "registrar dispositivo", "registrar dispositivos"],
  devices: ["devices", "dispositivos", "my devices", "mis dispositivos"],
  licenses: ["licenses", "licences", "licencias", "contracts", "contratos", "entitlements", "license", "licencia"],
  covered: ["covered", "cubierto", "coverage", "cobertura", "is covered", "esta cubierto"],
  firmware: [
    "firmware",
    "updates",
    "actualizaciones",
    "software",
    "update",
    "software updates",
    "software update",
    "firmware updates",
    "firmware update",
    "actualizaciones de software",
    "actualizaciones de firmware",
    "actualizacion de software",
  ],
  compliance: ["compliance", "cumplimiento", "firmware report", "firmware informe", "informe firmware"],
  docs: ["docs", "documents", "documentos", "manuals", "manuales", "downloads", "descargas", "documentation", "documentacion"],
  discounts: ["discounts", "descuentos", "discount", "descuento", "professional services", "servicios profesionales"],
};

/**
 * The document kinds people start a request with ("user guide for the Bar 50", "ficha técnica
 * Tap 10"): their phrases of two or three words. Single words ("safety", "seguridad") start too
 * many other sentences to be commands; `docs <kind> <model>` reaches every kind.
 */
const KIND_COMMANDS = DOCUMENT_KINDS.map((kind) => KIND_WORDS[kind].filter((words) => /^\S+( \S+){1,2}$/.test(words))).filter(
  (words) => words.length > 0,
);

/** A sentence about the professional-services discount (folded text). */
const DISCOUNT_CUE = /\b(discounts?|descuentos?|professional services|servicios profesionales)\b/;

/** Registers the portal's commands, buttons and intents. */
export function registerPortalHandlers(router: Router): Router {
  for (const words of KIND_COMMANDS) router.command(words, "text", (ctx) => showDocuments(ctx, ctx.text));
  router.command(["datasheet", "quickstart"], "text", (ctx) => showDocuments(ctx, ctx.text));
  return router
    .command(WORDS.portal, "none", async (ctx) => showPortalMenu(ctx))
    .command(WORDS.register, "text", (ctx) => registerFromText(ctx, restAfterVerb(ctx.text, WORDS.register)))
    .command(WORDS.devices, "none", (ctx) => showDevices(ctx))
    .command(WORDS.licenses, "none", (ctx) => showLicenses(ctx))
    .command(WORDS.covered, "text", (ctx, args) => showCoverage(ctx, args.rest))
    .command(WORDS.compliance, "none", (ctx) => showCompliance(ctx))
    .command(WORDS.firmware, "text", (ctx) => firmwareCommand(ctx, restAfterVerb(ctx.text, WORDS.firmware)))
    .command(WORDS.docs, "text", (ctx, args) => showDocuments(ctx, args.rest))
    .command(WORDS.discounts, "none", (ctx) => showDiscounts(ctx))
    .files((ctx, files) => handleFiles(ctx, files, WORDS.register))
    .pasted((ctx) => registerPastedList(ctx))
    .action("portal.register_site", (ctx, event) => registerAtChosenSite(ctx, event.value.site ?? ""))
    .action("portal.menu", (ctx) => showPortalMenu(ctx))
    .action("portal.register", (ctx, event) =>
      event.inputs?.devices ? registerFromText(ctx, event.inputs.devices) : showRegistrationForm(ctx),
    )
    .action("portal.licenses", (ctx) => showLicenses(ctx))
    .action("portal.compliance", (ctx) => showCompliance(ctx))
    .action("portal.discounts", (ctx) => showDiscounts(ctx))
    .action("portal.firmware", (ctx, event) => showDeviceUpdate(ctx, event.value.serial ?? ""))
    .intent("register_product", registerIntent)
    .intent("license_lookup", licenseIntent)
    .intent("software_update", softwareIntent);
}

async function showPortalMenu(ctx: Context): Promise<void> {
  ctx.reply({
    card: {
      title: ctx.t("portal.title"),
      body: ctx.t("portal.menu"),
      actions: [
        { id: "portal.register", label: ctx.t("portal.action.register"), value: {} },
        { id: "portal.licenses", label: ctx.t("portal.action.licenses"), value: {} },
        { id: "portal.compliance", label: ctx.t("portal.action.compliance"), value: {} },
        { id: "portal.discounts", label: ctx.t("portal.action.discounts"), value: {} },
      ],
    },
  });
}

/** "I want to register the new bar NB5-2231990 in Lisbon": the serials and site the triage found. */
async function registerIntent(ctx: Context, triage: TriageResult): Promise<void> {
  const { serial, site } = triage.entities;
  if (serial.length === 0) return showRegistrationForm(ctx);
  await registerFromText(ctx, `${serial.join(", ")}${site ? ` at ${site}` : ""}`);
}

/** "Is NB5-2231987 still under warranty?" / "which licenses do we have?" */
async function licenseIntent(ctx: Context, triage: TriageResult): Promise<void> {
  // "Can we get a discount on professional services?" reaches the contracts intent; it is the
  // discount answer (open to all of the organization), not the admins' contract list.
  if (DISCOUNT_CUE.test(fold(ctx.text))) return showDiscounts(ctx);
  const [serial] = triage.entities.serial;
  if (serial) return showCoverage(ctx, serial);
  await showLicenses(ctx);
}

/** "Is the bar in Madrid up to date?" / "what's the latest firmware for the Tap 10?" */
async function softwareIntent(ctx: Context, triage: TriageResult): Promise<void> {
  const serial = triage.entities.serial[0] ?? (await deviceInSentence(ctx, ctx.text, triage)).serial;
  // "is the bar in Lisbon up to date?": the one device the sentence names, checked.
  if (serial) return showDeviceUpdate(ctx, serial);
  const [model] = triage.entities.model;
  if (model) return showModelFirmware(ctx, model);
  if (ctx.person.role === "admin") return showCompliance(ctx);
  ctx.reply({ text: ctx.t("portal.whichModel", { example: "firmware NB5-2231987" }) });
}
