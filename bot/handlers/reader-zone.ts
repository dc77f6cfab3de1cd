/** The time zone to show times in for the person reading them, and how to write a time there. */
import { DateTime } from "luxon";
import type { Context } from "../context.ts";

/**
 * The reader's zone: their own (`timeZone` in the import file) when set, else the zone of the site
 * they work at, else their organization's contract zone when they belong to a customer, else UTC.
 * Every time shown names the zone it is in.
 */
export async function readerZone(ctx: Context): Promise<string> {
  if (ctx.viewer?.timeZone) return ctx.viewer.timeZone;
  if (ctx.viewer?.siteId) {
    const site = await ctx.services.db.prisma.site.findUnique({ where: { id: ctx.viewer.siteId }, select: { timeZone: true } });
    if (site?.timeZone) return site.timeZone;
  }
  const organizationId = ctx.viewer?.organizationId;
  if (!organizationId) return "UTC";
  return (await ctx.services.directory.contractOf(organizationId))?.calendar.timeZone ?? "UTC";
}

/** "Mon 7 Dec 10:42" in `zone`, in the reply language ("lun 7 dic 10:42"). */
export function formatLocal(at: Date, zone: string, lang: string): string {
  return DateTime.fromJSDate(at, { zone }).setLocale(lang).toFormat("ccc d LLL HH:mm");
}

/** "Mon 7 Dec 10:42 (Europe/Madrid)": a time with the zone it is in named, so nobody has to guess. */
export function formatZoned(at: Date, zone: string, lang: string): string {
  return `${formatLocal(at, zone, lang)} (${zone})`;
}

/** "7 Dec 2026" in `zone`, in the reply language ("7 dic 2026"): a day, for dates without a time. */
export function formatDay(at: Date, zone: string, lang: string): string {
  return DateTime.fromJSDate(at, { zone }).setLocale(lang).toFormat("d LLL yyyy");
}

/** What a card needs to write times for its reader: their zone and language. */
export interface ReaderTime {
  zone: string;
  lang: string;
}

/** The reader's zone and language, for cards that show times. */
export async function readerTime(ctx: Context): Promise<ReaderTime> {
  return { zone: await readerZone(ctx), lang: ctx.lang };
}
