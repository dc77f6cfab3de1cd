/**
 * Writes the replies a handler produced to the outbox in one statement, keyed by the delivery id
 * and their position, then wakes the dispatcher.
 */
import type { Context } from "../context.ts";
import { enqueueStatement, replyKey } from "../runtime/outbox.ts";
import type { Middleware } from "../pipeline.ts";

export const flushReplies: Middleware<Context> = async (ctx, next) => {
  await next();
  ctx.closeTurn();
  await writeReplies(ctx);
};

/** Writes the context's replies to the outbox (nothing when there are none). */
export async function writeReplies(ctx: Context): Promise<void> {
  if (ctx.outbound.length === 0) return;
  const statement = enqueueStatement(
    ctx.outbound.map((message, index) => ({ key: replyKey(ctx.event, index), message, meta: { purpose: "reply" as const } })),
    ctx.services.clock.now(),
  );
  if (statement) await ctx.services.db.fast.query(statement);
  ctx.services.outboxCommitted();
}
