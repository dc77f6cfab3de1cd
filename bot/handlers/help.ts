/** help / ayuda — what the bot can do, for this person's role. */
import { policy } from "../authz.ts";
import type { Context } from "../context.ts";
import type { HelpSection } from "../feature-registry.ts";
import type { MessageKey } from "../i18n/index.ts";

/**
 * The kernel's own help lines: `lead` before the features' lines of the section, `tail` after
 * them (the quarantine, a kernel command, closes the engineers' section).
 */
const KERNEL_HELP: Record<HelpSection, { lead: MessageKey[]; tail: MessageKey[] }> = {
  employee: { lead: ["help.employee"], tail: [] },
  services: { lead: [], tail: [] },
  cloudPartners: { lead: [], tail: [] },
  partnerEngineer: { lead: [], tail: [] },
  admin: { lead: [], tail: [] },
  engineer: { lead: ["help.engineer"], tail: ["help.engineer.quarantine"] },
};

export async function showHelp(ctx: Context): Promise<void> {
  const section = (name: HelpSection) =>
    [...KERNEL_HELP[name].lead, ...ctx.services.features.helpLines(name), ...KERNEL_HELP[name].tail].map((key) => ctx.t(key)).join("\n");
  // A cloud partner's engineer sees the cases shared with them and nothing of the plan's services.
  const sections =
    ctx.viewer?.role === "partner"
      ? [ctx.t("help.intro"), section("partnerEngineer")]
      : [ctx.t("help.intro"), section("employee"), section("services"), section("cloudPartners")];
  if (ctx.viewer && (ctx.viewer.role === "admin" || policy.isSupport(ctx.viewer))) sections.push(section("admin"));
  if (ctx.viewer && policy.isSupport(ctx.viewer)) sections.push(section("engineer"));
  if (ctx.event.platform === "shell") sections.push(ctx.t("help.shell"));
  ctx.reply({ card: { title: ctx.t("help.title"), body: sections.join("\n\n") } });
}
