/**
 * The audit trail of refusals: a case asked for by someone who may not see it, an admin command
 * from a non-admin, a webhook with a forged or stale signature. The person is answered exactly as
 * before ("not found", "not allowed", 401); this only writes an audit entry (action `denied`) that
 * the vendor's support team can search ("audit denied last 24h").
 *
 * A flood of refusals must not fill the log: each actor gets at most `perActor` entries per
 * window, and all actors together at most `overall`; what is held back is counted and written as
 * one summarising entry ("and 37 more") once the window is over — at the next refusal or the next
 * search of the log, whichever comes first. The counters live in this process (each replica
 * limits its own share), which bounds the log without a shared store on the hot path.
 */
import type { Logger } from "pino";
import type { Database } from "../../db/client.ts";
import type { Viewer } from "../authz.ts";
import type { Clock } from "../../core/clock.ts";
import type { Platform } from "../../core/vocabulary.ts";
import { recordAudit } from "./log.ts";

/** The action of every refusal entry in the audit log. */
export const DENIED_ACTION = "denied";

/** One refusal, as the caller knows it. */
export interface Denial {
  /** The person, when known. */
  viewer?: Viewer;
  /** Who asked, for the log and the rate limit: a person id, a chat identity, a webhook path. */
  actorKey: string;
  /** A readable label of who asked, when there is no person ("unknown slack user U0WHO"). */
  actorLabel?: string;
  platform: Platform;
  /** What they asked for: a case ("case", "CS-10422"), a command ("command", "audit"), a webhook. */
  subjectType: string;
  subjectId: string;
  /** Why it was refused (never shown to them). */
  reason: string;
  /** The request in a few words (a command line, a path), cut short. */
  request?: string;
}

export interface DeniedLimits {
  /** Entries per actor per window. */
  perActor: number;
  /** Entries per window for all actors together. */
  overall: number;
  windowMs: number;
}

const DEFAULT_LIMITS: DeniedLimits = { perActor: 5, overall: 60, windowMs: 60_000 };

interface Window {
  start: number;
  written: number;
  held: number;
  label: string;
  platform: Platform;
  personId: string | null;
}

/** Writes refusal entries to the audit log, rate-limited per actor and overall. */
export class DeniedLog {
  private readonly windows = new Map<string, Window>();
  private overall: Window | undefined;
  private readonly limits: DeniedLimits;
  /** Writes in flight, so a search sees the entries of refusals answered just before it. */
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly log: Logger,
    limits: Partial<DeniedLimits> = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** Records one refusal (or counts it, over the limits). Never throws: a refusal is answered regardless. */
  record(denial: Denial): Promise<void> {
    const run = this.pending
      .then(() => this.write(denial))
      .catch((error: unknown) => {
        this.log.error({ err: error, subject: denial.subjectType }, "could not record a denied action in the audit log");
      });
    this.pending = run;
    return run;
  }

  /**
   * A request to a signed endpoint (a webhook, the Slack endpoint) whose signature or timestamp
   * did not verify; `from` is the peer address, the only thing known about the sender.
   */
  refusedRequest(platform: Platform, path: string, reason: string, from: string | undefined): Promise<void> {
    const peer = from ?? "an unknown address";
    return this.record({
      actorKey: `${platform}:${peer}`,
      actorLabel: `unsigned request from ${peer}`,
      platform,
      subjectType: "webhook",
      subjectId: path,
      reason,
    });
  }

  /** Writes the summaries of windows that are over; called before the log is searched. */
  flush(): Promise<void> {
    return this.summarizeAt(() => this.clock.now().getTime());
  }

  /** At shutdown: writes what every window has held back so far, over or not, so no count is lost. */
  close(): Promise<void> {
    return this.summarizeAt(() => this.clock.now().getTime() + this.limits.windowMs);
  }

  private summarizeAt(at: () => number): Promise<void> {
    const run = this.pending
      .then(() => this.summarize(at()))
      .catch((error: unknown) => {
        this.log.error({ err: error }, "could not record held-back denied actions in the audit log");
      });
    this.pending = run;
    return run;
  }

  private async write(denial: Denial): Promise<void> {
    const now = this.clock.now().getTime();
    await this.summarize(now);
    const label = denial.actorLabel ?? (denial.viewer ? `${denial.viewer.name} (${denial.viewer.role})` : denial.actorKey);
    const personId = denial.viewer?.personId ?? null;
    const mine = this.windows.get(denial.actorKey) ?? this.open(now, label, denial.platform, personId);
    this.windows.set(denial.actorKey, mine);
    this.overall ??= this.open(now, "several actors", denial.platform, null);
    if (mine.written >= this.limits.perActor) {
      mine.held += 1;
      return;
    }
    if (this.overall.written >= this.limits.overall) {
      this.overall.held += 1;
      return;
    }
    mine.written += 1;
    this.overall.written += 1;
    await this.append(
      {
        personId,
        label,
        platform: denial.platform,
        subjectType: denial.subjectType,
        subjectId: denial.subjectId.slice(0, 200),
        after: { reason: denial.reason, ...(denial.request ? { request: denial.request.slice(0, 120) } : {}) },
      },
      now,
    );
  }

  private open(now: number, label: string, platform: Platform, personId: string | null): Window {
    return { start: now, written: 0, held: 0, label, platform, personId };
  }

  /** One entry per finished window that held refusals back. */
  private async summarize(now: number): Promise<void> {
    const over = (window: Window) => now - window.start >= this.limits.windowMs;
    for (const [key, window] of this.windows) {
      if (!over(window)) continue;
      this.windows.delete(key);
      if (window.held > 0) await this.appendSummary(window, key, now);
    }
    if (this.overall && over(this.overall)) {
      const window = this.overall;
      this.overall = undefined;
      if (window.held > 0) await this.appendSummary(window, "*", now);
    }
  }

  private appendSummary(window: Window, key: string, now: number): Promise<void> {
    return this.append(
      {
        personId: window.personId,
        label: window.label,
        platform: window.platform,
        subjectType: "refusals",
        subjectId: key.slice(0, 200),
        after: { reason: "rate limited", more: window.held, since: new Date(window.start).toISOString() },
      },
      now,
    );
  }

  private async append(
    row: { personId: string | null; label: string; platform: Platform; subjectType: string; subjectId: string; after: unknown },
    now: number,
  ): Promise<void> {
    const actor: Viewer = {
      personId: row.personId,
      name: row.label,
      role: "employee",
      organizationId: null,
      partnerId: null,
      locale: null,
    };
    await this.db.prisma.$transaction(
      (tx) =>
        recordAudit(
          tx,
          {
            actor,
            actorLabel: row.label,
            platform: row.platform,
            action: DENIED_ACTION,
            subjectType: row.subjectType,
            subjectId: row.subjectId,
            // Refusals belong to no organization's log: only the vendor's support team reads them.
            organizationId: null,
            after: row.after,
          },
          new Date(now),
        ),
      { maxWait: 10_000, timeout: 15_000 },
    );
  }
}
