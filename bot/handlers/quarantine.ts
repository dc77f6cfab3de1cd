/** "quarantine" in chat: the inbound events set aside after repeated failures (support only). */
import type { Context } from "../context.ts";
import { policy } from "../authz.ts";
import { forbidden } from "../errors.ts";

const SHOWN = 15;

/** Lists the quarantined inbound events, newest first, with their last error. */
export async function listQuarantine(ctx: Context): Promise<void> {
  if (!policy.canSeeInternal(ctx.person)) throw forbidden("error.engineersOnly");
  const { total, rows } = await ctx.services.deliveries.quarantined(SHOWN);
  if (total === 0) return void ctx.reply({ text: ctx.t("quarantine.none"), visibility: "internal" });
  const cut = (text: string) => (text.length > 120 ? `${text.slice(0, 119)}…` : text);
  ctx.reply({
    visibility: "internal",
    card: {
      title: ctx.t("quarantine.title", { count: total }),
      body: rows
        .map(
          (row) =>
            `• ${ctx.t("quarantine.line", {
              at: row.receivedAt.toISOString().slice(0, 16).replace("T", " "),
              platform: row.platform,
              delivery: row.deliveryId,
              attempts: row.attempts,
              error: cut(row.error ?? "—"),
            })}`,
        )
        .join("\n"),
    },
  });
}
