/**
 * HMAC-SHA256 signatures with a timestamp for the signed webhooks (device status, partners) in
 * both directions: `X-Switchboard-Timestamp: <unix seconds>` and
 * `X-Switchboard-Signature: v1=<hex hmac of "<timestamp>.<raw body>">`. A request is accepted
 * only inside the replay window; comparison is constant-time.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const TIMESTAMP_HEADER = "x-switchboard-timestamp";
export const SIGNATURE_HEADER = "x-switchboard-signature";
export const DEFAULT_REPLAY_WINDOW_S = 300;

export function sign(secret: string, timestamp: number, body: string | Buffer): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex")}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: "missing" | "stale" | "mismatch" };

/** Verifies a signature and its timestamp against `now` (seconds). */
export function verify(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string | Buffer,
  nowSeconds: number,
  windowSeconds = DEFAULT_REPLAY_WINDOW_S,
): SignatureCheck {
  if (!headers.timestamp || !headers.signature) return { ok: false, reason: "missing" };
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > windowSeconds) return { ok: false, reason: "stale" };
  const expected = Buffer.from(sign(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? { ok: true } : { ok: false, reason: "mismatch" };
}
