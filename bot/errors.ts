/**
 * Errors by origin. Domain errors carry a stable code and a message key that is safe to show a
 * person; everything else is replaced by a neutral reply at the top and logged with its cause.
 */
import type { MessageKey, MessageParams } from "./i18n/index.ts";

/** A rule of the domain said no; `messageKey` is shown to the person in their language. */
export class DomainError extends Error {
  override readonly name = "DomainError";
  constructor(
    readonly code: "not_found" | "forbidden" | "invalid" | "conflict" | "unavailable",
    readonly messageKey: MessageKey,
    readonly params: MessageParams = {},
    /**
     * Why the person was refused, for the audit log only (never shown): set when "not found"
     * hides something that exists, so a refusal and a truly missing thing read the same.
     */
    readonly refusal?: string,
  ) {
    super(`${code}: ${messageKey}`);
  }

  /** Whether this is a refusal (worth an audit entry) rather than a mistake or a missing thing. */
  get denied(): boolean {
    return this.code === "forbidden" || this.refusal !== undefined;
  }
}

/** Something the person asked for does not exist, or they may not see it (we never say which). */
export const notFound = (messageKey: MessageKey = "error.notFound", params: MessageParams = {}) =>
  new DomainError("not_found", messageKey, params);
/**
 * Something exists but the person may not see it: answered exactly like `notFound`, and the
 * `refusal` (why) goes to the audit log of denied actions.
 */
export const hidden = (messageKey: MessageKey, params: MessageParams, refusal: string) =>
  new DomainError("not_found", messageKey, params, refusal);
/** The person may see the thing but not do this to it. */
export const forbidden = (messageKey: MessageKey = "error.forbidden", params: MessageParams = {}) =>
  new DomainError("forbidden", messageKey, params);
/** The input is wrong; the message says what to fix. */
export const invalid = (messageKey: MessageKey, params: MessageParams = {}) => new DomainError("invalid", messageKey, params);
/** The thing is in a state where this cannot be done. */
export const conflict = (messageKey: MessageKey, params: MessageParams = {}) => new DomainError("conflict", messageKey, params);

/** The platform answered with an error (keeps the method and a summary of the payload). */
export class PlatformError extends Error {
  override readonly name = "PlatformError";
  constructor(
    readonly platform: string,
    readonly method: string,
    readonly status: number | undefined,
    readonly detail: string,
    readonly retryAfterMs?: number,
  ) {
    super(`${platform} ${method} failed${status ? ` with ${status}` : ""}: ${detail}`);
  }
}

/** The network failed before the platform could answer. */
export class NetworkError extends Error {
  override readonly name = "NetworkError";
  constructor(
    readonly platform: string,
    readonly method: string,
    cause: unknown,
  ) {
    super(`${platform} ${method}: network error: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}

/** A handler threw while processing an event; wraps the cause with the event's identity. */
export class HandlerError extends Error {
  override readonly name = "HandlerError";
  constructor(
    readonly deliveryId: string,
    readonly platform: string,
    cause: unknown,
  ) {
    super(`handler failed for ${platform} delivery ${deliveryId}: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}
