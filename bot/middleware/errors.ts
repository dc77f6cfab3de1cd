/**
 * The top-level error handler: domain errors are shown to the person in their language; an
 * infrastructure failure (database, disk, network) is passed up so the delivery stays
 * unprocessed and is retried (bot/middleware/dedupe.ts); anything else is logged with its cause
 * and replaced by a neutral reply. Nothing is swallowed silently.
 */
import type { Context } from "../context.ts";
import { DomainError, HandlerError } from "../errors.ts";
import type { Denial } from "../audit/denied.ts";
import { InfrastructureError, isInfrastructureError } from "../infrastructure-errors.ts";
import type { Middleware } from "../pipeline.ts";

export const handleErrors: Middleware<Context> = async (ctx, next) => {
  const before = ctx.outbound.length;
  try {
    await next();
  } catch (error) {
    if (error instanceof DomainError) {
      ctx.log.info({ code: error.code, key: error.messageKey }, "request refused");
      ctx.reply({ text: ctx.t(error.messageKey, error.params) });
      if (error.denied) await ctx.services.denied.record(denialOf(ctx, error));
      return;
    }
    // Nothing was done, and it can be done once the infrastructure is back: no reply now.
    if (isInfrastructureError(error)) throw new InfrastructureError(ctx.event.deliveryId, error);
    const wrapped = new HandlerError(ctx.event.deliveryId, ctx.event.platform, error);
    ctx.log.error({ err: wrapped, cause: error }, "handler failed");
    ctx.state.error = wrapped.message.slice(0, 500);
    // A webhook has no person to tell: fail the delivery instead, so it stays unprocessed, the
    // sender's retry or the resume sweep runs it again, and nothing is acknowledged and lost.
    if (ctx.event.kind === "webhook") throw wrapped;
    // Replies queued before the failure may describe work that did not happen.
    ctx.outbound.splice(before);
    ctx.reply({ text: ctx.t("error.generic") });
  }
};

/** The audit entry of a refusal: who, what they asked for, on which platform, and why. */
function denialOf(ctx: Context, error: DomainError): Denial {
  const { event } = ctx;
  const params = error.params as Record<string, unknown>;
  const named = (["case", "rma", "visit"] as const).find((key) => typeof params[key] === "string");
  const verb = event.kind === "action" ? event.actionId : (ctx.text.trim().split(/\s+/)[0] ?? "").slice(0, 40) || event.kind;
  const actor = event.actor;
  return {
    viewer: ctx.viewer,
    actorKey: ctx.viewer?.personId ?? `${event.platform}:${actor?.externalId ?? "unknown"}`,
    actorLabel: ctx.viewer ? undefined : `unknown ${event.platform} user ${actor?.externalId ?? ""}`.trim(),
    platform: event.platform,
    subjectType: named ?? "command",
    subjectId: named ? String(params[named]) : verb,
    reason: error.refusal ?? error.messageKey,
    request: event.kind === "action" ? `${event.actionId} ${JSON.stringify(event.value)}` : ctx.text,
  };
}
