/** Onsite commands and buttons: request, show, list, choose a slot, reschedule, contact, cancel, done. */
import type { Context } from "../../context.ts";
import { invalid } from "../../errors.ts";
import type { ActionEvent } from "../../events.ts";
import type { CommandArgs } from "../../router.ts";
import { deviceInSentence, siteInSentence } from "../../intake/index.ts";
import type { TriageResult } from "../../triage/index.ts";
import { parseSerial, stripSerial } from "../entitlement.ts";
import { replacementFeature } from "../index.ts";
import { formatMoney, parseRmaRef, parseVisitRef, stripRefs } from "../format.ts";
import { renderVisitCard, slotLabel } from "./card.ts";
import type { Slot } from "./slots.ts";
import type { VisitView } from "./view.ts";
import type { DeviceChoices } from "./devices.ts";
import { fold } from "../parts/query.ts";
import { serviceAudience, type ServiceAudience } from "../rma/card.ts";

type Sub = "cancel" | "reschedule" | "done" | "contact" | "all";
// prettier-ignore
const SUBCOMMANDS: Record<string, Sub> = {
  cancel: "cancel", cancelar: "cancel", anular: "cancel",
  reschedule: "reschedule", move: "reschedule", reprogramar: "reschedule", cambiar: "reschedule",
  done: "done", complete: "done", completed: "done", hecho: "done", completada: "done", terminada: "done",
  contact: "contact", contacto: "contact",
  all: "all", todos: "all", todas: "all",
};

/** What a reply shows follows the conversation's readers (bot/audience.ts); what the asker may do stays on their role. */
const audience = async (ctx: Context): Promise<ServiceAudience> => serviceAudience(await ctx.audience());

function visitOf(value: string | undefined): number {
  const number = parseVisitRef(value ?? "");
  if (number === undefined) throw invalid("error.malformed");
  return number;
}

async function showVisit(ctx: Context, view: VisitView, slots: Slot[], inPlace = false): Promise<void> {
  ctx.reply({ card: renderVisitCard(view, ctx.t, ctx.lang, await audience(ctx), slots), inPlace });
}

/** The slots of a booked visit, to move it. */
function replyWithSlotPicker(ctx: Context, view: VisitView, slots: Slot[]): void {
  ctx.reply({
    card: {
      title: ctx.t("onsite.reschedule.title", { visit: view.ref }),
      body: ctx.t("onsite.reschedule.body", { zone: view.timeZone }),
      actions: slots.map((slot) => ({
        id: "onsite.schedule",
        label: slotLabel(slot, view.timeZone, ctx.lang),
        value: { visit: view.ref, slot: slot.start.toISOString() },
      })),
    },
  });
}

/** Asks for a visit and answers with the fee, the scope and the slots to choose from. */
async function requestVisit(
  ctx: Context,
  input: { serial: string; purpose: string; sentence?: string; category?: string | null; rma?: string },
): Promise<void> {
  const { view, slots, created } = await replacementFeature
    .of(ctx)
    .onsite.request(ctx.person, { ...input, language: ctx.lang }, ctx.origin);
  const fee = formatMoney(view.fee, view.currency, ctx.lang);
  ctx.reply({
    text: ctx.t(created ? ((await audience(ctx)) === "support" ? "onsite.quotedForCustomer" : "onsite.quoted") : "onsite.existing", {
      visit: view.ref,
      fee,
    }),
  });
  await showVisit(ctx, view, slots);
}

/** `onsite …` / `técnico …`. */
export async function onsiteCommand(ctx: Context, args: CommandArgs): Promise<void> {
  const { onsite, replacements } = replacementFeature.of(ctx);
  const rest = args.rest.trim();
  const [first = "", ...others] = rest.split(/\s+/);
  const sub = SUBCOMMANDS[fold(first)];
  const tail = sub ? others.join(" ") : rest;
  const number = parseVisitRef(tail);
  if (sub === "all") {
    const views = await onsite.list(ctx.person, { all: true });
    return replyWithVisits(ctx, views);
  }
  if (sub) {
    if (number === undefined) throw invalid("onsite.usage", { usage: ctx.t(`onsite.usage.${sub}`) });
    return runSubcommand(ctx, sub, number, stripRefs(tail));
  }
  if (number !== undefined) {
    const { view, slots } = await onsite.get(ctx.person, number);
    return await showVisit(ctx, view, slots);
  }
  const rma = parseRmaRef(rest);
  const serial = parseSerial(rest) ?? (rma !== undefined ? (await replacements.get(ctx.person, rma)).serial : undefined);
  if (serial)
    return requestVisit(ctx, { serial, purpose: stripRefs(stripSerial(rest)) || ctx.t("onsite.defaultPurpose"), rma: rma !== undefined ? `RMA-${rma}` : undefined });
  // "onsite Lisboa": the devices of the place named, to pick from.
  if (rest)
    return askForDevice(ctx, await replacementFeature.of(ctx).onsite.deviceChoices(ctx.person, rest, await siteInSentence(ctx, rest)));
  replyWithVisits(ctx, await onsite.list(ctx.person));
}

function replyWithVisits(ctx: Context, views: VisitView[]): void {
  if (views.length === 0) return ctx.reply({ text: ctx.t("onsite.list.none") });
  ctx.reply({
    card: {
      title: ctx.t("onsite.list.title", { count: views.length }),
      body: views
        .map((view) => `• ${view.ref} · ${view.modelName} ${view.serial} · ${view.siteName} · ${ctx.t(`onsite.status.${view.status}`)}`)
        .join("\n"),
      actions: views.slice(0, 5).map((view) => ({ id: "onsite.view", label: view.ref, value: { visit: view.ref } })),
    },
  });
}

async function runSubcommand(ctx: Context, sub: Exclude<Sub, "all">, number: number, rest: string): Promise<void> {
  const { onsite } = replacementFeature.of(ctx);
  if (sub === "reschedule") {
    const { view, slots } = await onsite.get(ctx.person, number);
    return replyWithSlotPicker(ctx, view, slots);
  }
  let view: VisitView;
  if (sub === "contact") {
    const phone = /\+?\d[\d\s-]{5,}\d/.exec(rest)?.[0];
    const name = (phone ? rest.replace(phone, " ") : rest).replace(/\s+/g, " ").trim();
    view = await onsite.setContact(ctx.person, number, { name, phone }, ctx.origin);
  } else if (sub === "cancel") view = await onsite.cancel(ctx.person, number, rest, ctx.origin);
  else view = await onsite.complete(ctx.person, number, rest, ctx.origin);
  ctx.reply({ text: ctx.t(`onsite.reply.${sub}`, { visit: view.ref }) });
  // A visit still waiting for a time keeps offering its slots.
  const { slots } = await onsite.get(ctx.person, view.number);
  await showVisit(ctx, view, slots);
}

/** "Can a technician come and install it?": the device named, or the one replacement on its way. */
export async function onsiteIntent(ctx: Context, triage: TriageResult): Promise<void> {
  const { replacements } = replacementFeature.of(ctx);
  const rmaRef = triage.entities.rma_id[0];
  let serial = triage.entities.serial[0] ?? (rmaRef ? (await replacements.get(ctx.person, parseRmaRef(rmaRef)!)).serial : undefined);
  // "Can you send a technician to Lisbon for the bar?": the device the sentence makes clear.
  const named = serial ? {} : await deviceInSentence(ctx, ctx.text, triage);
  serial ??= named.serial;
  if (!serial) {
    // The place named in any language or form ("Lisboa", "la sede de Madrid", "Lisbn").
    const site = await siteInSentence(ctx, ctx.text);
    const choosable = await replacementFeature.of(ctx).onsite.deviceChoices(ctx.person, ctx.text, site);
    // The one replacement on its way counts only when it goes to the place named and is the model
    // named (if any); a place that is none of the organization's sites rules it out.
    const placeNamed = Boolean(site || triage.entities.site);
    const models = new Set(triage.entities.model.map((id) => ctx.services.catalog.models.find((m) => m.id === id)?.name));
    const open = (await replacements.list(ctx.person)).filter(
      (view) =>
        (!placeNamed || (choosable.site && choosable.devices.some((device) => device.serial === view.serial))) &&
        (models.size === 0 || models.has(view.modelName)),
    );
    if (open.length === 1) serial = open[0]!.serial;
    else if (named.choices?.length) return askWhichDevice(ctx, named.choices);
    else return askForDevice(ctx, choosable);
  }
  // A question ("can someone come and install it?") is checked for excluded work, not recorded as the work.
  await requestVisit(ctx, { serial, purpose: ctx.t("onsite.defaultPurpose"), sentence: ctx.text, category: triage.category, rma: rmaRef });
}

/** Several devices fit the sentence: one button each; the request keeps the sentence for its checks. */
function askWhichDevice(ctx: Context, choices: { serial: string; label: string }[]): void {
  ctx.reply({
    card: {
      title: ctx.t("onsite.whichDevice"),
      actions: choices.map((choice) => ({
        id: "onsite.request",
        label: choice.label,
        value: { serial: choice.serial, sentence: ctx.text.slice(0, 500) },
      })),
    },
  });
}

/** Which device? One button per device of the site named; without any device to offer, how to ask. */
function askForDevice(ctx: Context, choosable: DeviceChoices): void {
  if (choosable.devices.length === 0) {
    if (choosable.site) return ctx.reply({ text: ctx.t("onsite.noDevicesAtSite", { site: choosable.site.name }) });
    throw invalid("onsite.usage", { usage: ctx.t("onsite.usage.request") });
  }
  ctx.reply({
    card: {
      title: choosable.site ? ctx.t("onsite.whichDeviceAt", { site: choosable.site.name }) : ctx.t("onsite.whichDevice"),
      actions: choosable.devices.map((choice) => ({
        id: "onsite.request",
        label: choice.label,
        value: { serial: choice.serial, sentence: ctx.text.slice(0, 500) },
      })),
    },
  });
}

export async function requestVisitAction(ctx: Context, event: ActionEvent): Promise<void> {
  const serial = event.value.serial ?? "";
  await requestVisit(ctx, { serial, purpose: ctx.t("onsite.defaultPurpose"), sentence: event.value.sentence, rma: event.value.rma });
}

export async function scheduleVisitAction(ctx: Context, event: ActionEvent): Promise<void> {
  const { onsite } = replacementFeature.of(ctx);
  const view = await onsite.schedule(ctx.person, visitOf(event.value.visit), event.value.slot ?? "", ctx.origin);
  await showVisit(ctx, view, [], true);
  ctx.reply({ text: ctx.t("onsite.reply.scheduled", { visit: view.ref, technician: view.technicianName ?? "" }) });
}

export async function rescheduleVisitAction(ctx: Context, event: ActionEvent): Promise<void> {
  const { view, slots } = await replacementFeature.of(ctx).onsite.get(ctx.person, visitOf(event.value.visit));
  replyWithSlotPicker(ctx, view, slots);
}

export async function cancelVisitAction(ctx: Context, event: ActionEvent): Promise<void> {
  const view = await replacementFeature
    .of(ctx)
    .onsite.cancel(ctx.person, visitOf(event.value.visit), event.inputs?.reason ?? "", ctx.origin);
  await showVisit(ctx, view, [], true);
  ctx.reply({ text: ctx.t("onsite.reply.cancel", { visit: view.ref }) });
}

export async function completeVisitAction(ctx: Context, event: ActionEvent): Promise<void> {
  const view = await replacementFeature
    .of(ctx)
    .onsite.complete(ctx.person, visitOf(event.value.visit), event.inputs?.notes ?? "", ctx.origin);
  await showVisit(ctx, view, [], true);
  ctx.reply({ text: ctx.t("onsite.reply.done", { visit: view.ref }) });
}

export async function viewVisitAction(ctx: Context, event: ActionEvent): Promise<void> {
  const { view, slots } = await replacementFeature.of(ctx).onsite.get(ctx.person, visitOf(event.value.visit));
  await showVisit(ctx, view, slots, true);
}
