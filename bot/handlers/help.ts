/** help / ayuda — what the bot can do, for this person's role. */
import { policy } from "../authz.ts";
import type { Context } from "../context.ts";

export async function showHelp(ctx: Context): Promise<void> {
  // A cloud partner's engineer sees the cases shared with them and nothing of the plan's services.
  const sections =
    ctx.viewer?.role === "partner"
      ? [ctx.t("help.intro"), ctx.t("help.partnerEngineer")]
      : [ctx.t("help.intro"), ctx.t("help.employee"), ctx.t("help.services"), ctx.t("help.cloudPartners")];
  if (ctx.viewer && (ctx.viewer.role === "admin" || policy.isSupport(ctx.viewer))) sections.push(ctx.t("help.admin"));
  if (ctx.viewer && policy.isSupport(ctx.viewer)) sections.push(ctx.t("help.engineer"));
  if (ctx.event.platform === "shell") sections.push(ctx.t("help.shell"));
  ctx.reply({ card: { title: ctx.t("help.title"), body: sections.join("\n\n") } });
}
