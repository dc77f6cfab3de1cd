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
import { flushReplies, writeReplies } from "./middleware/flush.ts";
import { resolveIdentity } from "./middleware/identity.ts";
import { compose, type Middleware } from "./pipeline.ts";
import type { Router } from "./router.ts";
import type { Feature } from "./feature.ts";
import type { Services } from "./services.ts";
import type { Admission } from "./runtime/deliveries.ts";
import { replyKey } from "./runtime/outbox.ts";

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
      /** The features whose commands, buttons and intents the router serves (app/features.ts). */
      features?: readonly Feature[];
      extraMiddleware?: Middleware<Context>[];
      /** Observes each handled event (metrics). */
      onHandled?: (event: InboundEvent, outcome: "processed" | "duplicate" | "failed") => void;
      /** Time one resumed event may take before the sweep moves on (a hang counts as a failed attempt). */
      replayBudgetMs?: number;
    } = {},
  ) {
    this.router = options.router ?? createRouter(options.features);
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

  /**
   * Resumes deliveries a crash interrupted, or whose last attempt failed. Returns how many were
   * handled. One that fails again or takes longer than the replay budget is left for a later
   * sweep (its attempt is counted, and at the limit it is quarantined): a poison event never
   * stops the sweep, start-up or readiness.
   */
  async resumeInterrupted(): Promise<number> {
    let count = 0;
    const budgetMs = this.options.replayBudgetMs ?? 30_000;
    const tried = new Set<string>();
    for (let batch = await this.services.deliveries.interrupted(); batch.length > 0; batch = await this.services.deliveries.interrupted()) {
      const fresh = batch.filter((event) => !tried.has(`${event.platform}:${event.deliveryId}`));
      // Each event once per sweep: one that is due again at once (backoff over) waits for the next sweep.
      if (fresh.length === 0) break;
      for (const event of fresh) {
        tried.add(`${event.platform}:${event.deliveryId}`);
        const outcome = await this.replay(event, budgetMs);
        if (outcome === "handled") count += 1;
      }
    }
    return count;
  }

  private async replay(event: InboundEvent, budgetMs: number): Promise<"handled" | "failed"> {
    let timer: NodeJS.Timeout | undefined;
    const overtime = new Promise<"overtime">((resolve) => (timer = setTimeout(() => resolve("overtime"), budgetMs)));
    const run = this.handle(event).then(
      () => "handled" as const,
      (error: unknown) => {
        this.log.warn(
          { err: error, delivery: event.deliveryId, platform: event.platform },
          "resumed delivery failed again; left for a later sweep",
        );
        return "failed" as const;
      },
    );
    try {
      const outcome = await Promise.race([run, overtime]);
      if (outcome !== "overtime") return outcome;
      // The attempt keeps running (it cannot be cancelled); its lease is given back so the
      // attempt is counted and, at the limit, the delivery quarantined.
      this.log.error({ delivery: event.deliveryId, platform: event.platform, budgetMs }, "resumed delivery exceeded its time budget");
      const failed = await this.services.deliveries
        .fail(event, `exceeded the replay time budget of ${budgetMs} ms`)
        .catch((error: unknown) => (this.log.warn({ err: error }, "could not record the timed-out attempt"), "retry" as const));
      if (failed === "quarantined") {
        this.log.error({ delivery: event.deliveryId, platform: event.platform }, "inbound delivery quarantined after repeated failures");
        await this.tellLost(event);
      }
      return "failed";
    } finally {
      clearTimeout(timer);
    }
  }

  /** Tells the person an event of theirs was quarantined (the pipeline does this itself otherwise). */
  private async tellLost(event: InboundEvent): Promise<void> {
    if (event.kind === "webhook") return;
    const ctx = new Context(event, this.services, this.log);
    if (event.locale?.toLowerCase().startsWith("es")) ctx.lang = "es";
    ctx.reply({ text: ctx.t("error.lost") });
    await writeReplies(ctx).catch((error: unknown) => this.log.error({ err: error }, "could not tell the person their message was lost"));
  }
}

export class MalformedEventError extends Error {
  override readonly name = "MalformedEventError";
}
