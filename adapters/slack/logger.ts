/**
 * Bolt and the Web API client log through @slack/logger's interface; this bridges it to our pino
 * logger, so their lines are JSON with the component field like everything else (and not written
 * to the console behind pino's back).
 *
 * At debug the Web API client logs every request body and response: messages people wrote
 * (internal notes included) and user profiles with e-mail addresses. Those payloads are replaced by
 * their size, and any e-mail address left in an SDK line is masked: debug logs are shipped and
 * read more widely than the conversations they would copy.
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
      const text = scrub(
        parts
          .filter((part) => !(part instanceof Error))
          .map((part) => (typeof part === "string" ? part : safeJson(part)))
          .join(" "),
      );
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

const PAYLOAD = /^(\s*http request (?:body|result|headers)[^:]*:)\s*([\s\S]*)$/i;
const EMAIL = /[\w.!#$%&'*+/=?^`{|}~-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+/g;

/** An SDK line without people's words or addresses (see the file comment). */
export function scrub(text: string): string {
  const payload = PAYLOAD.exec(text);
  const kept = payload ? `${payload[1]} [${payload[2]!.length} characters not logged: messages and profiles]` : text;
  return kept.replace(EMAIL, "[e-mail]");
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
