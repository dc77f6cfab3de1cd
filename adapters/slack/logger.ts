/**
 * Bolt and the Web API client log through @slack/logger's interface; this bridges it to our pino
 * logger, so their lines are JSON with the component field like everything else (and not written
 * to the console behind pino's back).
 */
import { LogLevel, type Logger as SlackLogger } from "@slack/bolt";
import type { Logger } from "pino";

const LEVELS: Record<string, LogLevel> = { trace: LogLevel.DEBUG, debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN };

/** A Slack SDK logger writing to `log`. Level changes by the SDK are ignored: pino's level rules. */
export function slackLogger(log: Logger): SlackLogger {
  const write =
    (level: "debug" | "info" | "warn" | "error") =>
    (...parts: unknown[]): void => {
      // The SDK logs every request body at debug; do not format what pino would drop.
      if (!log.isLevelEnabled(level)) return;
      const err = parts.find((part) => part instanceof Error);
      const text = parts
        .filter((part) => !(part instanceof Error))
        .map((part) => (typeof part === "string" ? part : safeJson(part)))
        .join(" ");
      if (err) log[level]({ err }, text);
      else log[level](text);
    };
  return {
    debug: write("debug"),
    info: write("info"),
    warn: write("warn"),
    error: write("error"),
    setLevel: () => undefined,
    getLevel: () => LEVELS[log.level] ?? LogLevel.ERROR,
    setName: () => undefined,
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
