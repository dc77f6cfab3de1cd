/**
 * Processes each platform delivery once. A duplicate (a retry of something already done, or a
 * copy arriving while the first is processed) stops here; an interrupted one is resumed.
 * When the rest of the pipeline throws (e.g. the database is down) the delivery stays
 * `processing`, so the platform's retry or the resume sweep picks it up later.
 */
import type { Context } from "../context.ts";
import type { Admission } from "../services/deliveries.ts";
import type { Middleware } from "../pipeline.ts";

export const dedupe: Middleware<Context> = async (ctx, next) => {
  const admission = (ctx.state.admitted as Admission | undefined) ?? (await ctx.services.deliveries.admit(ctx.event));
  if (admission === "duplicate") {
    ctx.log.debug({ retry: ctx.event.retry }, "duplicate delivery ignored");
    ctx.state.duplicate = true;
    return;
  }
  if (admission === "resumed") ctx.log.info("resuming an interrupted delivery");
  await next();
  await ctx.services.deliveries.complete(ctx.event, ctx.state.error as string | undefined);
};
