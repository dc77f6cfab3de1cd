/**
 * The bridge's other shortcuts: the partner registry and agreements, the partner side's status
 * and tracking number (thread mode, or support on their behalf), joint calls, and connecting a
 * partner (managers).
 */
import { policy } from "../../authz.ts";
import type { Context } from "../../context.ts";
import { invalid } from "../../errors.ts";
import type { ActionEvent } from "../../events.ts";
import { PLATFORMS, type Platform } from "../../../core/vocabulary.ts";
import type { CommandArgs } from "../../router.ts";
import { parseCaseRef, stripCaseRef } from "../../cases/refs.ts";
import { parseValidUntil } from "./agreements.ts";
import { agreementText } from "../card.ts";
import { bridgeOf } from "../tickets/handlers.ts";
import { PARTNER_STATUSES, type PartnerStatus } from "../types.ts";

/** The case a bridge command is about: the one it names, or the one of this thread. */
async function caseAndRest(ctx: Context, args: CommandArgs, usage: string): Promise<{ number: number; rest: string }> {
  const rest = stripCaseRef(args.rest);
  const number = args.caseNumber ?? (await ctx.services.cases.findByThread(ctx.person, ctx.event.conversation))?.number;
  if (number === undefined) throw invalid("error.missingText", { usage });
  return { number, rest };
}

/** `partners`: who the partners are, how their engineers join, and this organization's agreements. */
export async function listPartners(ctx: Context): Promise<void> {
  const bridge = bridgeOf(ctx);
  const partners = await bridge.registry.list();
  const organizationId = ctx.person.organizationId;
  const agreements = organizationId ? await bridge.agreements.list(organizationId) : [];
  const lines = await Promise.all(
    partners.map(async (p) => {
      const connector =
        p.connector === "webhook" && p.endpointUrl
          ? ctx.t("ecps.connector.webhook", { partner: p.name })
          : p.connector === "thread" && p.sharedChannel
            ? ctx.t("ecps.connector.thread")
            : ctx.t("ecps.connector.unconfigured");
      const base = { partner: p.name, id: p.id, connector, join: ctx.t(`ecps.join.${p.joinMode}`) };
      if (!organizationId) return ctx.t("ecps.registry.lineSupport", base);
      const mine = agreements.find((a) => a.partnerId === p.id);
      const agreement = mine ? await bridge.agreements.check(organizationId, p.id) : { state: "missing" as const };
      return ctx.t("ecps.registry.line", { ...base, agreement: agreementText(ctx.t, agreement) });
    }),
  );
  ctx.reply({ card: { title: ctx.t("ecps.registry.title"), body: lines.join("\n"), context: [ctx.t("ecps.registry.hint")] } });
}

/** `agreement microsoft E-4471 [until 2027-12-31]`: a customer records their organization's agreement. */
export async function agreementCommand(ctx: Context, args: CommandArgs): Promise<void> {
  const usage = ctx.t("ecps.agreement.usage");
  const organizationId = ctx.person.organizationId;
  if (!organizationId) throw invalid("ecps.agreement.orgOnly");
  const match = /^(\S+)\s+(.+?)(?:\s+(?:until|hasta)\s+(\S+))?\s*$/i.exec(args.rest.trim());
  if (!match) throw invalid("error.missingText", { usage });
  const bridge = bridgeOf(ctx);
  const partner = await bridge.registry.find(match[1]!);
  if (!partner)
    throw invalid("ecps.error.unknownPartner", { partner: match[1]!, known: (await bridge.registry.list()).map((p) => p.id).join(", ") });
  const validUntil = parseValidUntil(match[3]);
  if (validUntil === undefined) throw invalid("ecps.error.badDate", { date: match[3] ?? "" });
  const saved = await bridge.agreements.record(ctx.person, organizationId, partner.id, { reference: match[2]!, validUntil }, ctx.origin);
  const organization = await ctx.services.directory.organizationName(organizationId);
  ctx.reply({
    text: ctx.t("ecps.agreement.recorded", {
      organization,
      partner: partner.name,
      agreement: agreementText(ctx.t, { state: "valid", agreement: saved }),
    }),
  });
}

/** `partner status [CS-10422] resolved the tenant policy was fixed`. */
export async function partnerStatusCommand(ctx: Context, args: CommandArgs): Promise<void> {
  const usage = ctx.t("ecps.status.usage");
  const { number, rest } = await caseAndRest(ctx, args, usage);
  const [word, ...note] = rest.split(/\s+/);
  const status = (word ?? "").toLowerCase().replace(/-/g, "_");
  if (!(PARTNER_STATUSES as readonly string[]).includes(status)) throw invalid("ecps.error.badStatus", { status: word ?? "" });
  const { view, partner } = await bridgeOf(ctx).sync.statusAsPerson(
    ctx.person,
    number,
    status as PartnerStatus,
    note.join(" ") || undefined,
    ctx.origin,
  );
  ctx.reply({
    text: ctx.t("ecps.status.done", {
      partner: partner.name,
      case: view.ref,
      status: ctx.t(`ecps.ticketStatus.${status as PartnerStatus}`),
    }),
  });
}

/** `tracking [CS-10422] 2611250040001234`: the partner's own ticket number. */
export async function trackingCommand(ctx: Context, args: CommandArgs): Promise<void> {
  const { number, rest } = await caseAndRest(ctx, args, ctx.t("ecps.tracking.usage"));
  if (!rest) throw invalid("error.missingText", { usage: ctx.t("ecps.tracking.usage") });
  const { view, partner } = await bridgeOf(ctx).sync.tracking(ctx.person, number, rest.split(/\s+/)[0]!, ctx.origin);
  ctx.reply({ text: ctx.t("ecps.tracking.done", { partner: partner.name, case: view.ref, tracking: rest.split(/\s+/)[0]! }) });
}

/** `joint call [CS-10422] [tomorrow 10:00 CET]`. */
export async function jointCallCommand(ctx: Context, args: CommandArgs): Promise<void> {
  const { number, rest } = await caseAndRest(ctx, args, ctx.t("ecps.call.usage"));
  const { view, partner } = await bridgeOf(ctx).calls.request(ctx.person, number, rest, ctx.origin);
  ctx.reply({ text: ctx.t("ecps.call.requested", { partner: partner.name, case: view.ref }) });
}

/** "Request a joint call" on the ticket card. */
export async function jointCallAction(ctx: Context, event: ActionEvent): Promise<void> {
  const number = parseCaseRef(event.value.case ?? "");
  if (number === undefined) throw invalid("error.malformed");
  const { view, partner } = await bridgeOf(ctx).calls.request(ctx.person, number, event.inputs?.when ?? "", ctx.origin);
  ctx.reply({ text: ctx.t("ecps.call.requested", { partner: partner.name, case: view.ref }) });
}

/**
 * `partner connect microsoft webhook https://partner.example/switchboard` or
 * `partner connect zoom thread slack C0SHARED [channel|chat]` (managers).
 */
export async function connectCommand(ctx: Context, args: CommandArgs): Promise<void> {
  const usage = ctx.t("ecps.connect.usage");
  const [partnerWord, mode, ...rest] = args.rest.trim().split(/\s+/);
  if (!partnerWord || !mode || !policy.isSupport(ctx.person) || rest.length === 0) {
    if (ctx.person.role !== "manager") throw invalid("ecps.error.managersOnly");
    throw invalid("error.missingText", { usage });
  }
  const bridge = bridgeOf(ctx);
  const partner = await bridge.registry.find(partnerWord);
  if (!partner)
    throw invalid("ecps.error.unknownPartner", { partner: partnerWord, known: (await bridge.registry.list()).map((p) => p.id).join(", ") });
  let saved;
  if (mode === "webhook") {
    const url = rest[0]!;
    if (!/^https?:\/\/[^\s]+$/.test(url)) throw invalid("ecps.error.badEndpoint", { url });
    saved = await bridge.registry.connect(
      ctx.person,
      partner.id,
      { connector: "webhook", endpointUrl: url.replace(/\/+$/, "") },
      ctx.origin,
    );
  } else if (mode === "thread" && rest.length >= 2 && (PLATFORMS as readonly string[]).includes(rest[0]!)) {
    const platform = rest[0] as Platform;
    const kind = rest[2] === "chat" || (rest[2] !== "channel" && platform === "shell") ? "chat" : "channel";
    saved = await bridge.registry.connect(
      ctx.person,
      partner.id,
      { connector: "thread", sharedChannel: { platform, conversationId: rest[1]!, kind } },
      ctx.origin,
    );
  } else throw invalid("error.missingText", { usage });
  const connector =
    saved.connector === "webhook" ? ctx.t("ecps.connector.webhook", { partner: saved.name }) : ctx.t("ecps.connector.thread");
  ctx.reply({
    text: ctx.t("ecps.connected", {
      partner: saved.name,
      connector,
      where: saved.endpointUrl ?? saved.sharedChannel?.conversationId ?? "",
    }),
  });
}
