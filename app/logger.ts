/**
 * Structured logs with pino: JSON when stdout is not a terminal (production, CI), pretty in a
 * terminal. Secrets are redacted by path. Components take child loggers (`logger.child({...})`).
 */
import { hostname } from "node:os";
import pino, { type Logger, type DestinationStream } from "pino";
import { currentRequestId } from "../core/request-context.ts";

export type { Logger };

const REDACT = [
  "token",
  "*.token",
  "password",
  "*.password",
  "secret",
  "*.secret",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "headers.cookie",
  // People's addresses: never in logs, whatever the level.
  "email",
  "*.email",
  "*.*.email",
];

/**
 * Creates the root logger. `destination` lets tests capture lines in memory; `pretty` forces the
 * human format (the shell uses it on stderr so the conversation stays readable on stdout).
 */
export function createLogger(options: {
  level: string;
  pretty?: boolean;
  destination?: DestinationStream;
  /** Appends JSON lines to this file (created with its folder) instead of writing to the terminal. */
  file?: string;
  /** Told about every error-level line with the logger's `component` (the errors metric). */
  onError?: (component: string) => void;
}): Logger {
  const { onError } = options;
  // pid and hostname tell replicas (and processes on one host) apart in a shared log store.
  const base: pino.LoggerOptions = {
    level: options.level,
    redact: { paths: REDACT, censor: "[redacted]" },
    base: { app: "switchboard", pid: process.pid, hostname: hostname() },
    // Lines written while handling an HTTP request carry its id (the access log line's too).
    mixin: () => {
      const reqId = currentRequestId();
      return reqId === undefined ? {} : { reqId };
    },
  };
  if (onError)
    base.hooks = {
      logMethod(args, method, level) {
        // 50 = error, 60 = fatal. bindings() merges the child loggers' fields.
        if (level >= 50) onError(String(this.bindings().component ?? "app"));
        return method.apply(this, args);
      },
    };
  if (options.destination) return pino(base, options.destination);
  // Synchronous writes: a shell session logs little, and a line must not be lost when it ends.
  if (options.file) return pino(base, pino.destination({ dest: options.file, mkdir: true, sync: true }));
  if (options.pretty) {
    return pino({
      ...base,
      transport: {
        target: "pino-pretty",
        options: { destination: 2, colorize: true, translateTime: "HH:MM:ss", ignore: "pid,hostname,app" },
      },
    });
  }
  return pino(base);
}
