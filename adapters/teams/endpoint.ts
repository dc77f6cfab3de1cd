/**
 * `POST /api/messages`: the Bot Framework endpoint on the shared HTTP server. It reads and checks
 * the request, then hands it to the CloudAdapter, which authenticates it, runs the turn and
 * answers (200, or the invoke response Teams waits for).
 *
 * Refused before the adapter sees them, each with a log line: a body over the limit (413), JSON
 * that does not parse or is not an activity (400), and — with authentication on — a request
 * without a well-formed bearer token (401). That last check also means an unsigned request never
 * makes the adapter fetch signing keys from Microsoft. With authentication off (no app id, the
 * Bot Framework Emulator's way) anyone who can reach the port could speak as any person and make
 * the bot post to any `serviceUrl`, so unsigned requests are taken only from this machine: a
 * loopback peer with no proxy's forwarding header (a tunnel or load balancer adds one). Others get
 * 401 with a log line saying to set MICROSOFT_APP_ID.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TurnContext } from "botbuilder";
import type { Logger } from "pino";
import { decodeUtf8, MAX_BODY_BYTES, sendJson, type RouteHandler } from "../../app/http-server.ts";
import { isLoopbackHost } from "../file-download.ts";
import type { TeamsCloudAdapter } from "./cloud-adapter.ts";
import { activitySchema } from "./inbound.ts";

/** What the core must deduplicate by activity id: those types cannot be taken without one. */
const NEEDS_ID = new Set(["message", "invoke", "conversationUpdate", "installationUpdate"]);
const BEARER_JWT = /^Bearer [A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export interface EndpointDeps {
  adapter: TeamsCloudAdapter;
  /** The turn: runs the activity through the Application. */
  runTurn(context: TurnContext): Promise<void>;
  log: Logger;
}

/** The route handler for POST /api/messages. */
export function teamsEndpoint({ adapter, runTurn, log }: EndpointDeps): RouteHandler {
  return async (req, res) => {
    const raw = await readActivityBody(req);
    if (!raw) {
      log.warn({ limit: MAX_BODY_BYTES }, "Teams request body too large; refused");
      return sendJson(res, 413, { error: "body too large" });
    }
    if (adapter.authEnabled && !BEARER_JWT.test(req.headers.authorization ?? "")) {
      log.warn({ hasHeader: req.headers.authorization !== undefined }, "Teams request without a valid Bot Framework token; refused");
      return sendJson(res, 401, { error: "unauthorized" });
    }
    if (!adapter.authEnabled && !isLocalRequest(req)) {
      log.warn(
        { peer: req.socket.remoteAddress, forwarded: isForwarded(req) },
        "Teams request from another machine while authentication is off; refused (set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD to take signed requests)",
      );
      return sendJson(res, 401, { error: "unauthorized" });
    }
    let json: unknown;
    try {
      json = JSON.parse(decodeUtf8(raw));
    } catch {
      log.warn({ bytes: raw.length }, "Teams request is not JSON; refused");
      return sendJson(res, 400, { error: "malformed JSON" });
    }
    const parsed = activitySchema.safeParse(json);
    if (!parsed.success) {
      log.warn(
        { problems: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".")}: ${i.message}`) },
        "Teams request is not an activity; refused",
      );
      return sendJson(res, 400, { error: "not a Bot Framework activity" });
    }
    const activity = parsed.data;
    if (!activity.id && NEEDS_ID.has(activity.type)) {
      log.warn({ type: activity.type }, "Teams activity without an id cannot be deduplicated; refused");
      return sendJson(res, 400, { error: "activity id required" });
    }
    const outcome = { failed: false };
    await adapter.process({ body: activity, headers: req.headers, method: "POST" }, responder(res, outcome, log), async (context) => {
      try {
        await runTurn(context);
      } catch (error) {
        // Not recorded (e.g. the database is down): a 500 makes Teams deliver it again.
        outcome.failed = true;
        log.error({ err: error, type: context.activity.type, delivery: context.activity.id }, "Teams turn failed");
      }
    });
  };
}

/** Whether a peer's socket address is this machine; undefined (a closed socket) is not. */
export function isLoopbackAddress(address: string | undefined): boolean {
  return address !== undefined && isLoopbackHost(address);
}

function isForwarded(req: IncomingMessage): boolean {
  return req.headers["x-forwarded-for"] !== undefined || req.headers.forwarded !== undefined;
}

/** A request made on this machine, not relayed by a proxy or tunnel running on it. */
function isLocalRequest(req: IncomingMessage): boolean {
  return isLoopbackAddress(req.socket.remoteAddress) && !isForwarded(req);
}

/** Past this, an oversized body is cut off rather than read to its end for a clean 413. */
const DRAIN_LIMIT_BYTES = 8 * MAX_BODY_BYTES;

/**
 * Reads the body up to the shared limit; undefined when it is larger. Unlike the shared
 * `readBody`, a moderately oversized body is drained, so the sender gets a 413 rather than a
 * reset connection (which Teams would count as a failed delivery and retry).
 */
function readActivityBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (size > DRAIN_LIMIT_BYTES) req.destroy();
    });
    req.on("end", () => resolve(size <= MAX_BODY_BYTES ? Buffer.concat(chunks) : undefined));
    req.on("close", () => resolve(undefined));
    req.on("error", reject);
  });
}

/**
 * The response object the CloudAdapter writes to (it expects Express/Restify's shape). A failed
 * turn turns whatever status the adapter picks into 500.
 */
function responder(res: ServerResponse, outcome: { failed: boolean }, log: Logger) {
  return {
    socket: res.socket,
    status(code: number) {
      if (code === 401) log.warn("Teams request with an invalid Bot Framework token; refused");
      res.statusCode = outcome.failed ? 500 : code;
      return this;
    },
    header(name: string, value: unknown) {
      res.setHeader(name, String(value));
      return this;
    },
    send(body: unknown) {
      if (body === undefined || body === null || outcome.failed) return this;
      const text = typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body);
      if (typeof body === "object" && !Buffer.isBuffer(body)) res.setHeader("content-type", "application/json; charset=utf-8");
      res.write(text);
      return this;
    },
    end() {
      if (!res.writableEnded) res.end();
      return this;
    },
  };
}
