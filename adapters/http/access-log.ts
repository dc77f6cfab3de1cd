/**
 * One log line per HTTP request: method, path, status, duration and request id. The query string
 * is never logged (tokens and signatures travel there), and the id is returned to the caller as
 * `X-Request-Id` so a person reporting a failed call can quote it.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";

export const REQUEST_ID_HEADER = "x-request-id";

/** An id a proxy in front already gave the request is kept when it looks like one; otherwise a new one. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === "string" && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : randomUUID();
}

/** Sends the id back and logs the request once its response is finished or the client went away. */
export function logAccess(log: Logger, req: IncomingMessage, res: ServerResponse, requestId: string): void {
  const started = performance.now();
  res.setHeader(REQUEST_ID_HEADER, requestId);
  res.once("close", () => {
    const line = {
      reqId: requestId,
      method: req.method,
      path: (req.url ?? "/").split("?")[0]?.slice(0, 200),
      status: res.statusCode,
      ms: Math.round((performance.now() - started) * 10) / 10,
      ...(res.writableFinished ? {} : { aborted: true }),
    };
    log.info(line, "request");
  });
}
