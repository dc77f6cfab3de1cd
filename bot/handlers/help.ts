/** help / ayuda — what the bot can do, for this person's role. */
import { policy } from "../authz.ts";
import type { Context } from "../context.ts";

export async function showHelp(ctx: Context): Promise<void> {
  const sections = [ctx.t("help.intro"), ctx.t("help.employee"), ctx.t("help.services")];
  if (ctx.viewer && (ctx.viewer.role === "admin" || policy.isSupport(ctx.viewer))) sections.push(ctx.t("help.admin"));
  if (ctx.viewer && policy.isSupport(ctx.viewer)) sections.push(ctx.t("help.engineer"));
  if (ctx.event.platform === "shell") sections.push(ctx.t("help.shell"));
  ctx.reply({ card: { title: ctx.t("help.title"), body: sections.join("\n\n") } });
}
