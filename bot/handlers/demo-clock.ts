/**
 * `/clock` (`/reloj`) — the shell's demo clock: shows the demo time, or moves it forward and
 * fires everything due on the way. Refused on Slack and Teams, where time is real.
 */
import type { Context } from "../context.ts";
import { formatAhead, parseClockTarget } from "../demo-clock.ts";
import type { CommandArgs } from "../router.ts";
import { formatLocal, readerZone } from "./reader-zone.ts";

export async function clockCommand(ctx: Context, args: CommandArgs): Promise<void> {
  if (ctx.event.platform !== "shell") return void ctx.reply({ text: ctx.t("clock.shellOnly") });
  const demo = ctx.services.demoClock;
  if (!demo) return void ctx.reply({ text: ctx.t("clock.off") });
  const zone = await readerZone(ctx);
  const text = args.rest.trim();
  if (text) {
    const target = parseClockTarget(text, demo.now(), zone);
    if (!target) return void ctx.reply({ text: ctx.t("clock.usage", { text }) });
    const { fired } = await demo.advanceTo(target);
    return void ctx.reply({
      text: ctx.t("clock.moved", { time: formatLocal(demo.now(), zone, ctx.lang), zone, ahead: formatAhead(demo.aheadMs), fired }),
    });
  }
  ctx.reply({ text: ctx.t("clock.now", { time: formatLocal(demo.now(), zone, ctx.lang), zone, ahead: formatAhead(demo.aheadMs) }) });
}
