/**
 * The bot: runs each normalized inbound event through the pipeline — dedupe, reply flushing,
 * error handling, identity and language, routing — with a child logger carrying the delivery id,
 * platform and conversation.
 */
import type { Logger } from "pino";
import { Context } from "./context.ts";
import { inboundEventSchema, type InboundEvent, type OutboundMessage } from "./events.ts";
import { createRouter } from "./handlers/index.ts";
import { dedupe } from "./middleware/dedupe.ts";
import { handleErrors } from "./middleware/errors.ts";
import { flushReplies } from "./middleware/flush.ts";
import { resolveIdentity } from "./middleware/identity.ts";
import { compose, type Middleware } from "./pipeline.ts";
import type { Router } from "./router.ts";
import type { Services } from "./services/index.ts";
import type { Admission } from "./services/deliveries.ts";
import { replyKey } from "./services/outbox.ts";

export interface HandleResult {
  duplicate: boolean;
  /** The messages the event produced (already in the outbox). */
  outbound: OutboundMessage[];
  /** Their outbox idempotency keys, in order. */
  outboundKeys: string[];
  /** Card updates for the adapter's own HTTP response (ActionEvent.respondInline); not in the outbox. */
  inline: OutboundMessage[];
}

export class Bot {
  readonly router: Router;
  private readonly pipeline: Middleware<Context>;

  constructor(
    readonly services: Services,
    private readonly log: Logger,
    private readonly options: {
      router?: Router;
      extraMiddleware?: Middleware<Context>[];
      /** Observes each handled event (metrics). */
      onHandled?: (event: InboundEvent, outcome: "processed" | "duplicate" | "failed") => void;
    } = {},
  ) {
    this.router = options.router ?? createRouter();
    this.pipeline = compose<Context>([
      dedupe,
      flushReplies,
      handleErrors,
      resolveIdentity,
      ...(options.extraMiddleware ?? []),
      this.router.middleware(),
    ]);
  }

  /** Processes one event. Throws only when the event could not be recorded (e.g. database down). */
  async handle(event: InboundEvent, options: { admitted?: Admission } = {}): Promise<HandleResult> {
    const log = this.log.child({
      delivery: event.deliveryId,
      platform: event.platform,
      conversation: event.conversation.conversationId,
      kind: event.kind,
    });
    const ctx = new Context(event, this.services, log);
    // The adapter recorded the delivery itself before acknowledging the platform (see admit()).
    if (options.admitted) ctx.state.admitted = options.admitted;
    try {
      await this.pipeline(ctx, async () => undefined);
    } catch (error) {
      this.options.onHandled?.(event, "failed");
      throw error;
    }
    this.options.onHandled?.(event, ctx.state.duplicate ? "duplicate" : ctx.state.error ? "failed" : "processed");
    return {
      duplicate: ctx.state.duplicate === true,
      outbound: ctx.outbound,
      outboundKeys: ctx.outbound.map((_m, i) => replyKey(event, i)),
      inline: ctx.inline,
    };
  }

  /**
   * Validates an untrusted event (from an adapter that builds it from raw input) before handling.
   * A malformed event is refused with the validation problems; nothing is recorded.
   */
  async handleUntrusted(input: unknown): Promise<HandleResult> {
    const parsed = inboundEventSchema.safeParse(input);
    if (!parsed.success) throw new MalformedEventError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    return this.handle(parsed.data);
  }

  /**
   * Records a delivery before the adapter acknowledges the platform, for platforms that never
   * redeliver what was acknowledged (Slack): a crash right after the acknowledgement then leaves
   * the event recorded, and the resume sweep processes it. Hand the result to `handle()`.
   */
  admit(event: InboundEvent): Promise<Admission> {
    return this.services.deliveries.admit(event);
  }

  /** Resumes deliveries a crash interrupted. Returns how many were resumed. */
  async resumeInterrupted(): Promise<number> {
    let count = 0;
    for (let batch = await this.services.deliveries.interrupted(); batch.length > 0; batch = await this.services.deliveries.interrupted()) {
      for (const event of batch) {
        await this.handle(event);
        count += 1;
      }
    }
    return count;
  }
}

export class MalformedEventError extends Error {
  override readonly name = "MalformedEventError";
}
