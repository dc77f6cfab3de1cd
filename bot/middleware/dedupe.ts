/**
 * Processes each platform delivery once. A duplicate (a retry of something already done, or a
 * copy arriving while the first is processed) stops here; an interrupted one is resumed.
 *
 * When the rest of the pipeline throws (the database, disk or network failed — see
 * bot/infrastructure-errors.ts — or a webhook's handler failed) the work was not done: the
 * attempt is recorded and the delivery stays unprocessed, so the platform's retry or the resume
 * sweep runs it again. Only when its attempts run out is it quarantined — and only then is the
 * person told that their message was lost.
 */
import type { Context } from "../context.ts";
import type { Admission } from "../runtime/deliveries.ts";
import type { Middleware } from "../pipeline.ts";
import { writeReplies } from "./flush.ts";

export const dedupe: Middleware<Context> = async (ctx, next) => {
  const admission = (ctx.state.admitted as Admission | undefined) ?? (await ctx.services.deliveries.admit(ctx.event));
  if (admission === "duplicate") {
    ctx.log.debug({ retry: ctx.event.retry }, "duplicate delivery ignored");
    ctx.state.duplicate = true;
    return;
  }
  if (admission === "quarantined") return giveUp(ctx, "interrupted on every attempt");
  if (admission === "resumed") ctx.log.info("resuming an interrupted delivery");
  try {
    await next();
  } catch (error) {
    const reason = (error as Error)?.message ?? String(error);
    // When even this write fails (the database is away), the delivery keeps its lease and is
    // resumed when the lease runs out.
    const outcome = await ctx.services.deliveries.fail(ctx.event, reason).catch((failure: unknown) => {
      ctx.log.warn({ err: failure }, "could not record the failed attempt; the delivery is resumed after its lease");
      return "retry" as const;
    });
    if (outcome === "quarantined") return giveUp(ctx, reason);
    ctx.log.warn({ err: error }, "delivery not processed; it will be retried");
    throw error;
  }
  await ctx.services.deliveries.complete(ctx.event, ctx.state.error as string | undefined);
};

/** The delivery ran out of attempts: it stays quarantined, and the person hears that it was lost. */
async function giveUp(ctx: Context, reason: string): Promise<void> {
  ctx.state.quarantined = true;
  ctx.state.error = reason.slice(0, 500);
  ctx.log.error({ reason, maxAttempts: ctx.services.deliveries.maxAttempts }, "inbound delivery quarantined after repeated failures");
  if (ctx.event.kind === "webhook") return;
  if (ctx.event.locale?.toLowerCase().startsWith("es")) ctx.lang = "es";
  ctx.outbound.splice(0);
  ctx.reply({ text: ctx.t("error.lost") });
  await writeReplies(ctx).catch((error: unknown) => ctx.log.error({ err: error }, "could not tell the person their message was lost"));
}
