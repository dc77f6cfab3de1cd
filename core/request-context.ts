/**
 * The request a piece of work belongs to. The HTTP server opens a scope per request and the
 * logger stamps every line written inside it with the request's id, whichever component writes
 * it — so one id finds the access log line, the adapter's lines and the bot's lines of a turn.
 */
import { AsyncLocalStorage } from "node:async_hooks";

const scope = new AsyncLocalStorage<{ requestId: string }>();

/** Runs `work` (and everything it starts) as part of the request `requestId`. */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return scope.run({ requestId }, work);
}

/** The id of the request the current work belongs to, if any. */
export function currentRequestId(): string | undefined {
  return scope.getStore()?.requestId;
}
