/**
 * What the Slack listeners share: the Switchboard app, the Web API client, the workspace, the
 * people and thread caches, and the queue that runs events through the core after Slack has
 * been acknowledged.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { webApi } from "@slack/bolt";
import type { Logger } from "pino";
import type { App } from "../../app/app.ts";
import type { Actor, InboundEvent } from "../../bot/events.ts";
import type { EngagedThreads } from "./threads.ts";
import type { SlackUsers } from "./users.ts";
import type { Workspace } from "./workspace.ts";

export interface SlackRuntime {
  app: App;
  /** Bot-token client for calls made while handling a request (users.info, views.*, …). */
  api: webApi.WebClient;
  workspace: Workspace;
  users: SlackUsers;
  threads: EngagedThreads;
  queue: InboundQueue;
  log: Logger;
}

/** The Slack user as an actor for the core, with the e-mail that links them on first contact. */
export async function actorOf(rt: SlackRuntime, userId: string): Promise<{ actor: Actor; locale?: string }> {
  const profile = await rt.users.profile(userId);
  return {
    actor: {
      platform: "slack",
      externalId: userId,
      ...(profile.displayName ? { displayName: profile.displayName.slice(0, 256) } : {}),
      ...(profile.email ? { email: profile.email.slice(0, 320) } : {}),
    },
    ...(profile.locale ? { locale: profile.locale.slice(0, 32) } : {}),
  };
}

/** Waits after a failed attempt before the next (the database may be restarting). */
const RETRY_DELAYS_MS = [1_000, 5_000, 30_000, 120_000];

/**
 * Runs acknowledged events through the core. Slack does not redeliver what we acknowledged, so
 * an event the core could not even record (database unreachable) is retried here a few times;
 * one it recorded but did not finish is also resumed by the core's sweep. Duplicates are
 * harmless: the core processes a delivery id once.
 */
export class InboundQueue {
  private readonly running = new Set<Promise<void>>();
  private readonly stopping = new AbortController();

  constructor(
    private readonly handle: (event: InboundEvent) => Promise<{ duplicate: boolean }>,
    private readonly log: Logger,
    private readonly delays: number[] = RETRY_DELAYS_MS,
  ) {}

  /** Starts processing; returns when done (callers normally do not wait). */
  submit(event: InboundEvent): Promise<void> {
    const run = this.run(event).finally(() => this.running.delete(run));
    this.running.add(run);
    return run;
  }

  /** Stops retrying and waits (bounded) for events in flight. */
  async drain(timeoutMs: number): Promise<void> {
    this.stopping.abort();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.running]),
      new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
  }

  private async run(event: InboundEvent): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await this.handle(event);
        if (result.duplicate) this.log.info({ delivery: event.deliveryId, retry: event.retry }, "Slack delivery already handled; ignored");
        return;
      } catch (error) {
        const delay = this.delays[attempt];
        if (delay === undefined || this.stopping.signal.aborted) {
          this.log.error({ err: error, delivery: event.deliveryId, attempts: attempt + 1 }, "Slack event could not be recorded; giving up");
          return;
        }
        this.log.warn({ err: error, delivery: event.deliveryId, retryInMs: delay }, "Slack event could not be recorded; retrying");
        // Cut short by drain(): the next round gives up, and the core's resume sweep has the rest.
        await sleep(delay, undefined, { signal: this.stopping.signal }).catch(() => undefined);
      }
    }
  }
}
