/**
 * Ties what the person said to the organization's records: a serial to its device (and the
 * device's site), a model to the one device of that model (or a choice between them), a place
 * to one of the organization's sites.
 */
import type { Context } from "../context.ts";
import type { TriageResult } from "../triage/index.ts";
import { startDraft, type IntakeDraft } from "./draft.ts";
import { familyWordsIn } from "./families.ts";
import { organizationSites, siteIn } from "./sites.ts";

export interface Resolution {
  draft: IntakeDraft;
  facts: { device?: string; site?: string; reportedModel?: string };
  /** Several devices of the model: the person picks one. */
  choices?: { serial: string; label: string }[];
  /** Something worth telling (a serial we don't know). */
  notice?: string;
}

const fold = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

export async function resolveDraft(ctx: Context, draft: IntakeDraft): Promise<Resolution> {
  const organizationId = ctx.person.organizationId;
  if (!organizationId) return { draft, facts: {} };
  const prisma = ctx.services.db.prisma;
  const next = { ...draft };
  const facts: Resolution["facts"] = {};
  let notice: string | undefined;

  if (next.siteText && !next.siteId) {
    const sites = await organizationSites(ctx);
    const said = fold(next.siteText);
    // Any language or form of the site's name, typos too; else a name the words are part of ("boardroom").
    const mention = siteIn(next.siteText, sites);
    next.siteWords = mention?.exact ? next.siteText : undefined;
    const match =
      mention?.site ??
      sites.find((site) =>
        [site.name, site.city ?? "", ...(JSON.parse(site.aliases) as string[])]
          .filter((name) => name.length >= 3)
          .some((name) => said.includes(fold(name)) || fold(name).includes(said)),
      );
    if (match) next.siteId = match.id;
  }

  let choices: Resolution["choices"];
  if (!next.deviceId && next.serial) {
    const device = await prisma.device.findUnique({ where: { serial: next.serial }, include: { model: true, site: true } });
    if (device && device.organizationId === organizationId) {
      next.deviceId = device.id;
      next.model = device.modelId;
      if (device.siteId && !next.siteText) next.siteId = device.siteId;
    } else if (!draft.deviceId) {
      notice = ctx.t("intake.unknownSerial", { serial: next.serial });
    }
  } else if (!next.deviceId && (next.model || next.family)) {
    // A model, or a kind of device ("the bar"): the organization's devices that fit, in the place named if any.
    const devices = await prisma.device.findMany({
      where: {
        organizationId,
        ...(next.model ? { modelId: next.model } : { model: { family: next.family } }),
        ...(next.siteId ? { siteId: next.siteId } : {}),
      },
      include: { site: true },
      take: 6,
    });
    if (devices.length === 1) {
      next.deviceId = devices[0]!.id;
      if (devices[0]!.siteId && !next.siteId) next.siteId = devices[0]!.siteId;
    } else if (devices.length > 1 && !draft.asked.includes("device")) {
      choices = devices.map((d) => ({ serial: d.serial, label: `${d.serial}${d.site ? ` · ${d.site.name}` : ""}` }));
    }
  }

  if (next.deviceId) {
    const device = await prisma.device.findUnique({ where: { id: next.deviceId }, include: { model: true } });
    if (device) facts.device = `${device.model.name} ${device.serial}`;
  }
  if (!next.deviceId && next.model) facts.reportedModel = ctx.services.catalog.models.find((m) => m.id === next.model)?.name ?? next.model;
  if (next.siteId) facts.site = (await prisma.site.findUnique({ where: { id: next.siteId }, select: { name: true } }))?.name;
  return { draft: next, facts, choices, notice };
}

/** A new draft from a message, with the kind of device it names ("the bar") read from the catalog. */
export function draftFromMessage(ctx: Context, text: string, triage: TriageResult): IntakeDraft {
  const device = familyWordsIn(text, ctx.services.catalog);
  return startDraft(text, triage, ctx.lang, device?.family, device?.words);
}

/**
 * The organization's device a sentence names without its serial ("the bar in Lisbon", "our Bar
 * 50"): its serial when only one fits, or the ones that do when there are a few.
 */
export async function deviceInSentence(
  ctx: Context,
  text: string,
  triage: TriageResult,
): Promise<{ serial?: string; choices?: { serial: string; label: string }[] }> {
  const { draft, choices } = await resolveDraft(ctx, draftFromMessage(ctx, text, triage));
  if (!draft.deviceId) return { choices };
  const device = await ctx.services.db.prisma.device.findUnique({ where: { id: draft.deviceId }, select: { serial: true } });
  return { serial: device?.serial };
}
