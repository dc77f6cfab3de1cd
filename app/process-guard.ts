/**
 * What the process does with an error nobody caught. While starting, any such error is a bug or
 * a broken installation: it is logged and the process exits non-zero, so a supervisor shows the
 * failure instead of a half-started server. Once serving, an error that escapes one request or one
 * background job must not take every other conversation down with it: it is logged (and counted
 * in switchboard_errors_total) and the process keeps serving. A burst of uncaught exceptions
 * means the process itself is in trouble, so past `maxExceptions` within `windowMs` it exits
 * for the supervisor to restart it.
 */
import type { Logger } from "pino";

/** The part of `process` the guard listens to and stops (a stand-in in tests). */
export interface GuardedProcess {
  on(event: "unhandledRejection", listener: (reason: unknown) => void): unknown;
  on(event: "uncaughtException", listener: (error: Error) => void): unknown;
  exit(code: number): void;
}

export interface ProcessGuardOptions {
  /** True once the server is up; before that every uncaught error is fatal. */
  serving(): boolean;
  /** Uncaught exceptions tolerated within `windowMs` while serving. */
  maxExceptions?: number;
  windowMs?: number;
  now?: () => number;
}

/** Installs the policy on a process. */
export function guardProcess(target: GuardedProcess, log: Logger, options: ProcessGuardOptions): void {
  const maxExceptions = options.maxExceptions ?? 10;
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  const recent: number[] = [];
  const fatal = (error: unknown, what: string) => {
    log.fatal({ err: error }, `${what}; stopping`);
    target.exit(1);
  };
  target.on("unhandledRejection", (reason) => {
    if (!options.serving()) return fatal(reason, "unhandled promise rejection while starting");
    log.error({ err: reason }, "unhandled promise rejection; still serving");
  });
  target.on("uncaughtException", (error) => {
    if (!options.serving()) return fatal(error, "uncaught exception while starting");
    const at = now();
    recent.push(at);
    while (recent.length > 0 && recent[0]! <= at - windowMs) recent.shift();
    if (recent.length > maxExceptions) return fatal(error, `more than ${maxExceptions} uncaught exceptions within ${windowMs / 1000} s`);
    log.error({ err: error }, "uncaught exception; still serving");
  });
}
