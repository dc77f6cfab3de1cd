/**
 * GET /metrics on the main port: only with METRICS_TOKEN, as `Authorization: Bearer <token>`.
 * Metrics show traffic, error rates and backlog, which is nobody's business outside operations.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { ServerResponse } from "node:http";
import { sendJson } from "./server.ts";

/** Whether an Authorization header carries the token; constant-time in the token. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer (\S+)$/.exec(header ?? "")?.[1];
  if (!given) return false;
  // Hashes have the same length whatever was sent, so the comparison leaks nothing about the token's.
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(token));
}

/** The answer to a scrape without the right token. */
export function refuseMetrics(res: ServerResponse): void {
  res.setHeader("www-authenticate", 'Bearer realm="metrics"');
  sendJson(res, 401, { error: "unauthorized" });
}
