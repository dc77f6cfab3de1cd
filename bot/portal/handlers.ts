/**
 * The portal in chat: commands, buttons and plain-sentence intents for registration, licenses,
 * software updates, documents and discounts. Handlers read the request and render cards; the
 * services decide who may do what.
 */
import { deviceInSentence } from "../intake/index.ts";
import type { Context } from "../context.ts";
import type { ButtonDeclaration, CommandDeclaration, IntentDeclaration } from "../feature.ts";
import type { FilesHandler } from "../router.ts";
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

const everyone = "everyone" as const;
const admins = ["admin", "engineer", "manager"] as const;

/**
 * The portal's commands, in the order they were always registered: the document kinds' phrases
 * first, so that a later single word wins where both claim one.
 */
export const portalCommands: CommandDeclaration[] = [
  ...KIND_COMMANDS.map((words) => ({
    words,
    slots: "text" as const,
    roles: everyone,
    handler: showDocumentsOfText,
    action: "documents" as const,
  })),
  { words: ["datasheet", "quickstart"], slots: "text", roles: everyone, handler: showDocumentsOfText, action: "documents" },
  { words: WORDS.portal, slots: "none", roles: admins, handler: async (ctx) => showPortalMenu(ctx), action: "help" },
  {
    words: WORDS.register,
    slots: "text",
    roles: admins,
    handler: (ctx) => registerFromText(ctx, restAfterVerb(ctx.text, WORDS.register)),
    action: "register",
  },
  { words: WORDS.devices, slots: "none", roles: admins, handler: (ctx) => showDevices(ctx), action: "device_status" },
  { words: WORDS.licenses, slots: "none", roles: admins, handler: (ctx) => showLicenses(ctx), action: "licenses" },
  { words: WORDS.covered, slots: "text", roles: everyone, handler: (ctx, args) => showCoverage(ctx, args.rest), action: "licenses" },
  { words: WORDS.compliance, slots: "none", roles: admins, handler: (ctx) => showCompliance(ctx), action: "firmware" },
  {
    words: WORDS.firmware,
    slots: "text",
    roles: everyone,
    handler: (ctx) => firmwareCommand(ctx, restAfterVerb(ctx.text, WORDS.firmware)),
    action: "firmware",
  },
  { words: WORDS.docs, slots: "text", roles: everyone, handler: (ctx, args) => showDocuments(ctx, args.rest), action: "documents" },
  { words: WORDS.discounts, slots: "none", roles: everyone, handler: (ctx) => showDiscounts(ctx), action: "discounts" },
];

export const portalButtons: ButtonDeclaration[] = [
  { id: "portal.register_site", handler: (ctx, event) => registerAtChosenSite(ctx, event.value.site ?? "") },
  { id: "portal.menu", handler: (ctx) => showPortalMenu(ctx) },
  {
    id: "portal.register",
    handler: (ctx, event) => (event.inputs?.devices ? registerFromText(ctx, event.inputs.devices) : showRegistrationForm(ctx)),
  },
  { id: "portal.licenses", handler: (ctx) => showLicenses(ctx) },
  { id: "portal.compliance", handler: (ctx) => showCompliance(ctx) },
  { id: "portal.discounts", handler: (ctx) => showDiscounts(ctx) },
  { id: "portal.firmware", handler: (ctx, event) => showDeviceUpdate(ctx, event.value.serial ?? "") },
];

export const portalIntents: IntentDeclaration[] = [
  { intent: "register_product", handler: registerIntent },
  { intent: "license_lookup", handler: licenseIntent },
  { intent: "software_update", handler: softwareIntent },
];

/** A spreadsheet or CSV of devices to register. */
export const portalFiles: FilesHandler = (ctx, files) => handleFiles(ctx, files, WORDS.register);

/** A pasted list of serials to register. */
export const portalPasted = (ctx: Context): Promise<boolean> => registerPastedList(ctx);

async function showDocumentsOfText(ctx: Context): Promise<void> {
  await showDocuments(ctx, ctx.text);
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
export async function registerIntent(ctx: Context, triage: TriageResult): Promise<void> {
  const { serial, site } = triage.entities;
  if (serial.length === 0) return showRegistrationForm(ctx);
  await registerFromText(ctx, `${serial.join(", ")}${site ? ` at ${site}` : ""}`);
}

/** "Is NB5-2231987 still under warranty?" / "which licenses do we have?" */
export async function licenseIntent(ctx: Context, triage: TriageResult): Promise<void> {
  // "Can we get a discount on professional services?" reaches the contracts intent; it is the
  // discount answer (open to all of the organization), not the admins' contract list.
  if (DISCOUNT_CUE.test(fold(ctx.text))) return showDiscounts(ctx);
  const [serial] = triage.entities.serial;
  if (serial) return showCoverage(ctx, serial);
  await showLicenses(ctx);
}

/** "Is the bar in Madrid up to date?" / "what's the latest firmware for the Tap 10?" */
export async function softwareIntent(ctx: Context, triage: TriageResult): Promise<void> {
  const serial = triage.entities.serial[0] ?? (await deviceInSentence(ctx, ctx.text, triage)).serial;
  // "is the bar in Lisbon up to date?": the one device the sentence names, checked.
  if (serial) return showDeviceUpdate(ctx, serial);
  const [model] = triage.entities.model;
  if (model) return showModelFirmware(ctx, model);
  if (ctx.person.role === "admin") return showCompliance(ctx);
  ctx.reply({ text: ctx.t("portal.whichModel", { example: "firmware NB5-2231987" }) });
}
