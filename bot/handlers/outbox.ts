/** `outbox dead` / `mensajes no entregados`: the messages the outbox gave up on, for support staff. */
import type { Context } from "../context.ts";

const SHOWN = 20;

export async function listUndelivered(ctx: Context): Promise<void> {
  const { total, messages } = await ctx.services.undelivered.list(ctx.person, SHOWN);
  if (total === 0) return void ctx.reply({ text: ctx.t("outbox.dead.empty"), visibility: "internal" });
  const lines = messages.map((m) =>
    ctx.t("outbox.dead.line", {
      queued: m.queuedAt.toISOString().slice(0, 16).replace("T", " "),
      platform: m.platform,
      conversation: m.conversationId,
      attempts: m.attempts,
      error: m.lastError,
      summary: m.summary,
    }),
  );
  if (total > messages.length) lines.push(ctx.t("outbox.dead.more", { count: total - messages.length }));
  ctx.reply({ visibility: "internal", card: { title: ctx.t("outbox.dead.title", { count: total }), body: lines.join("\n") } });
}
