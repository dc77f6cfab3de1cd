/**
 * Structured logs with pino: JSON when stdout is not a terminal (production, CI), pretty in a
 * terminal. Secrets are redacted by path. Components take child loggers (`logger.child({...})`).
 */
import pino, { type Logger, type DestinationStream } from "pino";

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
];

/**
 * Creates the root logger. `destination` lets tests capture lines in memory; `pretty` forces the
 * human format (the shell uses it on stderr so the conversation stays readable on stdout).
 */
export function createLogger(options: { level: string; pretty?: boolean; destination?: DestinationStream }): Logger {
  const base = { level: options.level, redact: { paths: REDACT, censor: "[redacted]" }, base: { app: "switchboard" } };
  if (options.destination) return pino(base, options.destination);
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
