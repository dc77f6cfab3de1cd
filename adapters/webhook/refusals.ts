/**
 * Signed endpoints report the requests they refuse for their signature or timestamp to the audit
 * of refusals (bot/audit/denied.ts): one call, with the path and the peer address — the only
 * things known about a sender whose signature did not verify.
 */
import type { IncomingMessage } from "node:http";
import type { App } from "../../app/app.ts";
import type { Platform } from "../../core/vocabulary.ts";

/** Records a request refused with 401; resolves when the entry is written (or counted). */
export function auditRefusedRequest(app: App, platform: Platform, req: IncomingMessage, reason: string): Promise<void> {
  const path = (req.url ?? "").split("?")[0]!.slice(0, 200);
  return app.services.denied.refusedRequest(platform, path, reason, req.socket.remoteAddress);
}
