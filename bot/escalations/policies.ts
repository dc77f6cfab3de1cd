/**
 * Escalation policies: per severity, the SLA thresholds (first response, next update,
 * resolution) in the contract's business time, and the levels that are pinged until someone
 * acknowledges — level 1 the on-call engineers' channel, level 2 the support managers, level 3
 * service management. A JSON file (ESCALATION_POLICIES_FILE) can replace the defaults.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { RoutePurpose } from "../people/directory.ts";
import { SEVERITIES, type Severity } from "../../core/vocabulary.ts";

const minutes = (n: number) => n * 60_000;
const hours = (n: number) => n * 3_600_000;

export interface EscalationLevelPolicy {
  level: number;
  audience: RoutePurpose;
  /** Raised when the level below is still unacknowledged this long after it was raised. */
  afterMs: number;
  /** Pinged again this often until acknowledged. */
  repeatMs: number;
  /**
   * How many reminders the level gets after its first ping; the raise to the next level takes
   * over from there. The last level has no bound: it repeats until acknowledged or resolved.
   */
  maxRepeats: number;
}

/** Reminders of a level that is not the last, when the policy does not say. */
export const DEFAULT_MAX_REPEATS = 10;
/** A repeat of 0 would ping in a loop. */
const MIN_REPEAT_MS = 1_000;

export interface SlaPolicy {
  severity: Severity;
  firstResponseMs: number;
  nextUpdateMs: number;
  resolutionMs: number;
  /** Stop the clock while the case waits on the customer or the cloud partner. */
  pauseWhenWaiting: boolean;
  levels: EscalationLevelPolicy[];
}

const level = (
  n: number,
  audience: RoutePurpose,
  afterMs: number,
  repeatMs: number,
  maxRepeats = DEFAULT_MAX_REPEATS,
): EscalationLevelPolicy => ({
  level: n,
  audience,
  afterMs,
  repeatMs,
  maxRepeats,
});

/** The last level repeats until acknowledged or resolved, whatever its bound says. */
const lastUnbounded = (levels: EscalationLevelPolicy[]): EscalationLevelPolicy[] =>
  levels.map((l, i) => (i === levels.length - 1 ? { ...l, maxRepeats: Number.POSITIVE_INFINITY } : l));

export const DEFAULT_POLICIES: Record<Severity, SlaPolicy> = {
  sev1: {
    severity: "sev1",
    firstResponseMs: minutes(30),
    nextUpdateMs: hours(2),
    resolutionMs: hours(8),
    pauseWhenWaiting: true,
    levels: lastUnbounded([
      level(1, "engineers", 0, minutes(10)),
      level(2, "managers", minutes(15), minutes(15)),
      level(3, "service_management", minutes(30), minutes(30)),
    ]),
  },
  sev2: {
    severity: "sev2",
    firstResponseMs: hours(1),
    nextUpdateMs: hours(4),
    resolutionMs: hours(24),
    pauseWhenWaiting: true,
    levels: lastUnbounded([
      level(1, "engineers", 0, minutes(15)),
      level(2, "managers", minutes(30), minutes(30)),
      level(3, "service_management", hours(2), hours(1)),
    ]),
  },
  sev3: {
    severity: "sev3",
    firstResponseMs: hours(4),
    nextUpdateMs: hours(24),
    resolutionMs: hours(5 * 9),
    pauseWhenWaiting: true,
    levels: lastUnbounded([
      level(1, "engineers", 0, hours(1)),
      level(2, "managers", hours(4), hours(4)),
      level(3, "service_management", hours(9), hours(9)),
    ]),
  },
  sev4: {
    severity: "sev4",
    firstResponseMs: hours(8),
    nextUpdateMs: hours(72),
    resolutionMs: hours(10 * 9),
    pauseWhenWaiting: true,
    levels: lastUnbounded([level(1, "engineers", 0, hours(4)), level(2, "managers", hours(18), hours(9))]),
  },
};

const duration = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d+(ms|s|m|h|d)$/, 'a duration such as "30m", "4h" or "2d"')])
  .transform((value) => {
    if (typeof value === "number") return value;
    const n = Number(value.replace(/[a-z]+$/, ""));
    const unit = value.replace(/^\d+/, "");
    return n * ({ ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as Record<string, number>)[unit]!;
  });

/** The audience of levels 1, 2 and 3, in order (bot/cases/notify.ts routes them so). */
const LEVEL_AUDIENCES = ["engineers", "managers", "service_management"] as const;

const policyFile = z.record(
  z.enum(SEVERITIES),
  z.object({
    firstResponse: duration,
    nextUpdate: duration,
    resolution: duration,
    pauseWhenWaiting: z.boolean().default(true),
    levels: z
      .array(
        z.object({
          audience: z.enum(["engineers", "managers", "service_management"]),
          after: duration,
          repeat: duration.refine((ms) => ms >= MIN_REPEAT_MS, "repeat must be at least 1s"),
          maxRepeats: z.number().int().min(0).optional(),
        }),
      )
      .min(1)
      .max(LEVEL_AUDIENCES.length)
      .superRefine((levels, ctx) => {
        if (levels[0]!.after !== 0)
          ctx.addIssue({ code: "custom", path: [0, "after"], message: 'level 1 is notified at once: "after" must be "0m"' });
        levels.forEach((l, i) => {
          // Who a level reaches is fixed by its number (the channels of the import file): a policy
          // that names another audience would be silently ignored, so it is refused instead.
          if (l.audience !== LEVEL_AUDIENCES[i])
            ctx.addIssue({
              code: "custom",
              path: [i, "audience"],
              message: `level ${i + 1} is the ${LEVEL_AUDIENCES[i] ?? "none"} level (levels go engineers, managers, service_management)`,
            });
          if (i > 0 && l.after === 0)
            ctx.addIssue({ code: "custom", path: [i, "after"], message: "a level above 1 needs a raise-after longer than 0" });
        });
        const last = levels.length - 1;
        if (levels[last]!.maxRepeats !== undefined)
          ctx.addIssue({
            code: "custom",
            path: [last, "maxRepeats"],
            message: "the last level repeats until acknowledged or resolved: remove maxRepeats",
          });
      }),
  }),
);

/** Reads a policy file; severities it omits keep their defaults. */
export function loadPolicies(file: string | undefined): Record<Severity, SlaPolicy> {
  if (!file) return DEFAULT_POLICIES;
  const parsed = policyFile.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) {
    throw new Error(`ESCALATION_POLICIES_FILE ${file}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const policies = { ...DEFAULT_POLICIES };
  for (const [severity, entry] of Object.entries(parsed.data) as [Severity, NonNullable<(typeof parsed.data)[Severity]>][]) {
    policies[severity] = {
      severity,
      firstResponseMs: entry.firstResponse,
      nextUpdateMs: entry.nextUpdate,
      resolutionMs: entry.resolution,
      pauseWhenWaiting: entry.pauseWhenWaiting,
      levels: lastUnbounded(entry.levels.map((l, i) => level(i + 1, l.audience, l.after, l.repeat, l.maxRepeats))),
    };
  }
  return policies;
}

/** The level policy, or undefined past the last level. */
export function levelOf(policy: SlaPolicy, n: number): EscalationLevelPolicy | undefined {
  return policy.levels.find((l) => l.level === n);
}
