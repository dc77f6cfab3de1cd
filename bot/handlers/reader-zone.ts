/** The time zone to show times in for the person reading them, and how to write a time there. */
import { DateTime } from "luxon";
import type { Context } from "../context.ts";

/**
 * The reader's zone: their own (`timeZone` in the import file) when set, else their organization's
 * contract zone when they belong to a customer, else UTC. Every time shown names the zone it is in.
 */
export async function readerZone(ctx: Context): Promise<string> {
  if (ctx.viewer?.timeZone) return ctx.viewer.timeZone;
  const organizationId = ctx.viewer?.organizationId;
  if (!organizationId) return "UTC";
  return (await ctx.services.directory.contractOf(organizationId))?.calendar.timeZone ?? "UTC";
}

/** "Mon 7 Dec 10:42" in `zone`, in the reply language. */
export function formatLocal(at: Date, zone: string, lang: string): string {
  return DateTime.fromJSDate(at, { zone }).setLocale(lang).toFormat("ccc d LLL HH:mm");
}
