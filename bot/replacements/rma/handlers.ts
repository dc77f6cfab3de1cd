/** RMA commands and buttons: order, show, list, ship, delivered, received, cancel. */
import { policy } from "../../authz.ts";
import type { Context } from "../../context.ts";
import { invalid } from "../../errors.ts";
import type { ActionEvent, Card } from "../../events.ts";
import type { CommandArgs } from "../../router.ts";
import { formatCaseRef, parseCaseRef, stripCaseRef } from "../../cases/refs.ts";
import type { TriageResult } from "../../triage/index.ts";
import { parseSerial, stripSerial } from "../entitlement.ts";
import { formatDay, parseRmaRef, stripRefs } from "../format.ts";
import { replacementFeature } from "../index.ts";
import { fold } from "../parts/query.ts";
import { renderRmaCard, renderShipForm, serviceAudience, type ServiceAudience } from "./card.ts";
import { NoStockError, type OrderAlternative, type Restock } from "./alternatives.ts";
import type { OrderInput, ReplacementService } from "./service.ts";
import type { RmaView } from "./view.ts";

// prettier-ignore
const SUBCOMMANDS: Record<string, "order" | "ship" | "delivered" | "received" | "cancel" | "all"> = {
  order: "order", new: "order", pedir: "order", solicitar: "order", nuevo: "order",
  ship: "ship", shipped: "ship", enviar: "ship", enviado: "ship",
  delivered: "delivered", arrived: "delivered", entregado: "delivered", entregada: "delivered", llego: "delivered",
  received: "received", returned: "received", recibido: "received", devuelto: "received", devuelta: "received",
  cancel: "cancel", cancelar: "cancel", anular: "cancel",
  all: "all", todos: "all", todas: "all",
};

/**
 * What a reply shows follows the conversation's readers (bot/audience.ts), not the asker: an engineer
 * asking in a customer's or partner's thread gets the card they may read. What the asker may do
 * stays on the asker's role, checked by the service.
 */
const audience = async (ctx: Context): Promise<ServiceAudience> => serviceAudience(await ctx.audience());

function rmaOf(value: string | undefined): number {
  const number = parseRmaRef(value ?? "");
  if (number === undefined) throw invalid("error.malformed");
  return number;
}

/** One line of a list: "RMA-200001 · Northwind Bar 50 NB5-2231987 · shipped · arrives Thu 12 Mar 2026". */
function listLine(ctx: Context, view: RmaView, shownTo: ServiceAudience): string {
  return ctx.t("rma.list.line", {
    rma: view.ref,
    device: `${view.modelName} ${view.serial}`,
    status: ctx.t(`rma.status.${view.status}`),
    delivery: formatDay(view.deliveryDate, ctx.lang),
    organization: shownTo === "support" ? ` · ${view.organizationName}` : "",
  });
}

/** Shows one RMA, or a list with a button per RMA. */
export async function replyWithRmas(
  ctx: Context,
  views: RmaView[],
  empty: "rma.list.none" | "rma.list.noneForDevice" = "rma.list.none",
): Promise<void> {
  if (views.length === 0) return ctx.reply({ text: ctx.t(empty) });
  const shownTo = await audience(ctx);
  if (views.length === 1) return ctx.reply({ card: renderRmaCard(views[0]!, ctx.t, ctx.lang, shownTo) });
  ctx.reply({
    card: {
      title: ctx.t("rma.list.title", { count: views.length }),
      body: views.map((view) => `• ${listLine(ctx, view, shownTo)}`).join("\n"),
      actions: views.slice(0, 5).map((view) => ({ id: "rma.view", label: view.ref, value: { rma: view.ref } })),
    },
  });
}

/** `rma …` / `reemplazos …`: the subcommand decides. */
export async function rmaCommand(ctx: Context, args: CommandArgs): Promise<void> {
  const { replacements } = replacementFeature.of(ctx);
  const rest = args.rest.trim();
  const [first = "", ...others] = rest.split(/\s+/);
  const sub = SUBCOMMANDS[fold(first)];
  const tail = sub ? others.join(" ") : rest;
  const number = parseRmaRef(tail);
  switch (sub) {
    case "order":
      return orderRma(ctx, tail, args.caseNumber);
    case "all":
      return replyWithRmas(ctx, await replacements.list(ctx.person, { all: true }));
    case undefined:
      break;
    default: {
      if (number === undefined) throw invalid("rma.usage", { usage: ctx.t(`rma.usage.${sub}`) });
      return runSubcommand(ctx, sub, number, stripRefs(tail));
    }
  }
  if (number !== undefined)
    return ctx.reply({ card: renderRmaCard(await replacements.get(ctx.person, number), ctx.t, ctx.lang, await audience(ctx)) });
  const serial = parseSerial(rest);
  if (serial) return replyWithRmas(ctx, await replacements.list(ctx.person, { serial, all: true }), "rma.list.noneForDevice");
  if (args.caseNumber !== undefined) {
    const views = await replacements.list(ctx.person, { caseNumber: args.caseNumber, all: true });
    if (views.length > 0) return replyWithRmas(ctx, views);
    const caseRef = formatCaseRef(args.caseNumber);
    return ctx.reply({
      text:
        (await audience(ctx)) === "support"
          ? ctx.t("rma.list.noneForCaseSupport", { case: caseRef })
          : ctx.t("rma.list.noneForCase", { case: caseRef }),
    });
  }
  if (rest && policy.isSupport(ctx.person)) throw invalid("rma.usage", { usage: ctx.t("rma.usage.support") });
  await replyWithRmas(ctx, await replacements.list(ctx.person));
}

async function orderRma(ctx: Context, text: string, caseFromVerb: number | undefined): Promise<void> {
  const caseNumber = caseFromVerb ?? parseCaseRef(text);
  const withoutCase = stripCaseRef(text);
  const serial = parseSerial(withoutCase);
  const partMatch = /\b(?:part|pieza)\s+([A-Za-z0-9][A-Za-z0-9-]{1,40})/i.exec(withoutCase);
  const reason = stripSerial(withoutCase.replace(partMatch?.[0] ?? "", " ")).trim();
  if (!serial && caseNumber === undefined) throw invalid("rma.usage", { usage: ctx.t("rma.usage.order") });
  await placeOrder(ctx, { serial, caseNumber, partCode: partMatch?.[1], reason });
}

/**
 * Orders and replies with the RMA; when no unit is left, replies with the refusal and a button per
 * alternative the stock allows (`rma.order_alternative` orders it through this same path).
 */
async function placeOrder(ctx: Context, input: OrderInput, inPlace = false): Promise<void> {
  const { replacements } = replacementFeature.of(ctx);
  let result: Awaited<ReturnType<ReplacementService["order"]>>;
  try {
    result = await replacements.order(ctx.person, input, ctx.origin);
  } catch (error) {
    if (!(error instanceof NoStockError) || (error.alternatives.length === 0 && !error.restock)) throw error;
    return ctx.reply({
      text: ctx.t(error.messageKey, error.params),
      card: renderAlternatives(ctx, input, error.alternatives, error.restock),
      inPlace,
    });
  }
  const { view, created } = result;
  ctx.reply({
    inPlace,
    text: ctx.t(created ? "rma.ordered" : "rma.orderedAgain", {
      rma: view.ref,
      depot: view.depotName,
      ship: formatDay(view.shipDate, ctx.lang),
      delivery: formatDay(view.deliveryDate, ctx.lang),
      site: view.siteName ?? "",
    }),
    card: renderRmaCard(view, ctx.t, ctx.lang, await audience(ctx)),
  });
}

async function runSubcommand(ctx: Context, sub: "ship" | "delivered" | "received" | "cancel", number: number, rest: string): Promise<void> {
  const { replacements } = replacementFeature.of(ctx);
  if (sub === "ship") {
    const [serial, tracking, ...carrier] = rest.split(/\s+/).filter(Boolean);
    if (!serial || !tracking) return ctx.reply({ card: renderShipForm(await replacements.get(ctx.person, number), ctx.t) });
    const view = await replacements.ship(
      ctx.person,
      number,
      { replacementSerial: serial, trackingNumber: tracking, carrier: carrier.join(" ") },
      ctx.origin,
    );
    return ctx.reply({
      text: ctx.t("rma.shippedReply", { rma: view.ref }),
      card: renderRmaCard(view, ctx.t, ctx.lang, await audience(ctx)),
    });
  }
  const view = await changeStatus(ctx, replacements, sub, number, rest);
  ctx.reply({ text: ctx.t(`rma.reply.${sub}`, { rma: view.ref }), card: renderRmaCard(view, ctx.t, ctx.lang, await audience(ctx)) });
}

/** Marks an RMA delivered or received, or cancels it with `reason`: the command and the buttons share this. */
function changeStatus(
  ctx: Context,
  replacements: ReplacementService,
  sub: "delivered" | "received" | "cancel",
  number: number,
  reason: string,
): Promise<RmaView> {
  if (sub === "delivered") return replacements.markDelivered(ctx.person, number, ctx.origin);
  if (sub === "received") return replacements.markReturned(ctx.person, number, ctx.origin);
  return replacements.cancel(ctx.person, number, reason, ctx.origin);
}

/** "Where is my replacement?": the RMA named, the device's, or the person's open ones. */
export async function replacementStatusIntent(ctx: Context, triage: TriageResult): Promise<void> {
  const { replacements } = replacementFeature.of(ctx);
  const number = parseRmaRef(triage.entities.rma_id[0] ?? "");
  if (number !== undefined)
    return ctx.reply({ card: renderRmaCard(await replacements.get(ctx.person, number), ctx.t, ctx.lang, await audience(ctx)) });
  const serial = triage.entities.serial[0];
  if (serial) return replyWithRmas(ctx, await replacements.list(ctx.person, { serial, all: true }), "rma.list.noneForDevice");
  await replyWithRmas(ctx, await replacements.list(ctx.person));
}

/** The orders that can be placed instead, one button each; the button carries the whole order. */
function renderAlternatives(ctx: Context, input: OrderInput, alternatives: OrderAlternative[], restock?: Restock): Card {
  const line = (option: OrderAlternative) =>
    ctx.t(`rma.alternatives.${option.kind}`, {
      part: ctx.lang === "es" ? (option.partNameEs ?? option.partName) : option.partName,
      depot: option.depotName,
      ship: formatDay(option.shipDate, ctx.lang),
      delivery: formatDay(option.deliveryDate, ctx.lang),
    });
  return {
    title: ctx.t("rma.alternatives.title"),
    body: [
      ...alternatives.map((option) => `• ${line(option)}`),
      ...(restock
        ? [
            `• ${ctx.t("rma.alternatives.restock", {
              depot: restock.depotName,
              part: ctx.lang === "es" ? (restock.partNameEs ?? restock.partName) : restock.partName,
              date: formatDay(restock.date, ctx.lang),
            })}`,
          ]
        : []),
    ].join("\n"),
    actions: alternatives.map((option) => ({
      id: "rma.order_alternative",
      label: ctx.t(`rma.alternatives.button.${option.kind}`, { depot: option.depotName, ship: formatDay(option.shipDate, ctx.lang) }),
      value: {
        ...(input.serial ? { serial: input.serial } : {}),
        ...(input.caseNumber !== undefined ? { case: String(input.caseNumber) } : {}),
        part: option.partCode,
        depot: option.depotKey,
        // Button values are small on every platform: the diagnosis is kept short.
        reason: input.reason.slice(0, 300),
      },
    })),
    context: alternatives.length > 0 ? [ctx.t("rma.alternatives.hint")] : undefined,
  };
}

/** A pressed alternative: the same order, with the part and depot it named, through every check again. */
export async function orderAlternativeAction(ctx: Context, event: ActionEvent): Promise<void> {
  const value = event.value;
  const caseNumber = /^\d{5,7}$/.test(value.case ?? "") ? Number(value.case) : undefined;
  if (!value.part || !value.depot || (!value.serial && caseNumber === undefined)) throw invalid("error.malformed");
  await placeOrder(
    ctx,
    { serial: value.serial, caseNumber, partCode: value.part, depotKey: value.depot, reason: value.reason ?? "" },
    true,
  );
}

export async function viewRmaAction(ctx: Context, event: ActionEvent): Promise<void> {
  const view = await replacementFeature.of(ctx).replacements.get(ctx.person, rmaOf(event.value.rma));
  ctx.reply({ card: renderRmaCard(view, ctx.t, ctx.lang, await audience(ctx)), inPlace: true });
}

export async function shipFormAction(ctx: Context, event: ActionEvent): Promise<void> {
  const view = await replacementFeature.of(ctx).replacements.get(ctx.person, rmaOf(event.value.rma));
  ctx.reply({ card: renderShipForm(view, ctx.t) });
}

export async function shipRmaAction(ctx: Context, event: ActionEvent): Promise<void> {
  const inputs = event.inputs ?? {};
  const view = await replacementFeature
    .of(ctx)
    .replacements.ship(
      ctx.person,
      rmaOf(event.value.rma),
      { replacementSerial: inputs.replacementSerial ?? "", trackingNumber: inputs.trackingNumber ?? "", carrier: inputs.carrier },
      ctx.origin,
    );
  ctx.reply({ card: renderRmaCard(view, ctx.t, ctx.lang, await audience(ctx)), inPlace: true });
  ctx.reply({ text: ctx.t("rma.shippedReply", { rma: view.ref }) });
}

async function changeAction(ctx: Context, event: ActionEvent, sub: "delivered" | "received" | "cancel"): Promise<void> {
  const { replacements } = replacementFeature.of(ctx);
  const number = rmaOf(event.value.rma);
  const view = await changeStatus(ctx, replacements, sub, number, event.inputs?.reason ?? "");
  ctx.reply({ card: renderRmaCard(view, ctx.t, ctx.lang, await audience(ctx)), inPlace: true });
  ctx.reply({ text: ctx.t(`rma.reply.${sub}`, { rma: view.ref }) });
}

export const deliveredRmaAction = (ctx: Context, event: ActionEvent) => changeAction(ctx, event, "delivered");
export const receivedRmaAction = (ctx: Context, event: ActionEvent) => changeAction(ctx, event, "received");
export const cancelRmaAction = (ctx: Context, event: ActionEvent) => changeAction(ctx, event, "cancel");
