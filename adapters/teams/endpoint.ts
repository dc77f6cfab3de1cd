/**
 * `POST /api/messages`: the Bot Framework endpoint on the shared HTTP server. It reads and checks
 * the request, then hands it to the CloudAdapter, which authenticates it, runs the turn and
 * answers (200, or the invoke response Teams waits for).
 *
 * Refused before the adapter sees them, each with a log line: a body over the limit (413), JSON
 * that does not parse or is not an activity (400), and — with authentication on — a request
 * whose bearer token cannot be a Bot Framework token (401: not a JWT, not signed with RSA, no key
 * id, expired, for another bot). That check also means a forged token never makes the adapter
 * fetch signing keys from Microsoft. Whatever the adapter refuses afterwards (a bad signature) is
 * answered 401 with the same terse body: the library's error text never reaches the sender.
 *
 * With authentication off (no app id, the Bot Framework Emulator's way) anyone who can reach the
 * port could speak as any person and make the bot post to any `serviceUrl`, so unsigned requests
 * are taken only from this machine: a loopback peer with no proxy header at all (a tunnel, load
 * balancer or CDN adds one), not from a browser (an `Origin` or `Sec-Fetch-Site` header: a web page
 * on this machine could otherwise post to localhost), and only as `application/json` (which a
 * page cannot send cross-site without a preflight this server never grants). Others get 401 or
 * 415 with a log line saying to set MICROSOFT_APP_ID.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TurnContext } from "botbuilder";
import type { Logger } from "pino";
import { decodeUtf8, MAX_BODY_BYTES, sendJson, type RouteHandler } from "../http/server.ts";
import { isLoopbackHost } from "../file-download.ts";
import type { TeamsCloudAdapter } from "./cloud-adapter.ts";
import { activitySchema } from "./inbound.ts";

/** What the core must deduplicate by activity id: those types cannot be taken without one. */
const NEEDS_ID = new Set(["message", "invoke", "conversationUpdate", "installationUpdate"]);
const BEARER_JWT = /^Bearer [A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
/** What the Bot Framework signs its tokens with; anything else (none, HS256) is forged. */
const SIGNING_ALGORITHMS = new Set(["RS256", "RS384", "RS512"]);
/** The clock skew the Bot Framework's own validation allows (5 minutes). */
const CLOCK_SKEW_SECONDS = 300;
/**
 * Headers a proxy, tunnel, load balancer or CDN adds when it relays a request. Any of them on an
 * unauthenticated request means it did not come from this machine, whatever the socket says.
 */
const PROXY_HEADERS = [
  "forwarded",
  "via",
  "x-real-ip",
  "x-client-ip",
  "x-cluster-client-ip",
  "true-client-ip",
  "cf-connecting-ip",
  "fastly-client-ip",
  "x-original-forwarded-for",
  "x-original-host",
  "x-proxyuser-ip",
  "x-envoy-external-address",
  "x-azure-clientip",
  "x-arr-clientip",
];

export interface EndpointDeps {
  adapter: TeamsCloudAdapter;
  /** The turn: runs the activity through the Application. */
  runTurn(context: TurnContext): Promise<void>;
  log: Logger;
  /** Records a request refused with 401 in the audit of refusals (who sent it is only a peer address). */
  refused?: (reason: string, from: string | undefined) => Promise<void>;
}

/** The route handler for POST /api/messages. */
export function teamsEndpoint({ adapter, runTurn, log, refused }: EndpointDeps): RouteHandler {
  const audit = (reason: string, req: IncomingMessage) => refused?.(reason, req.socket.remoteAddress) ?? Promise.resolve();
  return async (req, res) => {
    const raw = await readActivityBody(req);
    if (!raw) {
      log.warn({ limit: MAX_BODY_BYTES }, "Teams request body too large; refused");
      return sendJson(res, 413, { error: "body too large" });
    }
    if (adapter.authEnabled) {
      const problem = tokenProblem(req.headers.authorization, adapter.appId, Date.now() / 1000);
      if (problem) {
        log.warn(
          { hasHeader: req.headers.authorization !== undefined, problem },
          "Teams request without a valid Bot Framework token; refused",
        );
        await audit(`invalid token: ${problem}`, req);
        return sendJson(res, 401, { error: "unauthorized" });
      }
    } else {
      const refusal = localRefusal(req);
      if (refusal) {
        log.warn(
          { peer: req.socket.remoteAddress, reason: refusal.reason },
          "Teams request from another machine while authentication is off; refused (set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD to take signed requests)",
        );
        if (refusal.status === 401) await audit(`local mode: ${refusal.reason}`, req);
        return sendJson(res, refusal.status, { error: refusal.status === 415 ? "content type must be application/json" : "unauthorized" });
      }
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
    const outcome = { failed: false, turnStarted: false };
    await adapter.process(
      { body: activity, headers: req.headers, method: "POST" },
      responder(res, outcome, adapter.authEnabled, log, (cause) => void audit(`invalid token: ${cause.slice(0, 120)}`, req)),
      async (context) => {
        outcome.turnStarted = true;
        try {
          await runTurn(context);
        } catch (error) {
          // Not recorded (e.g. the database is down): a 500 makes Teams deliver it again.
          outcome.failed = true;
          log.error({ err: error, type: context.activity.type, delivery: context.activity.id }, "Teams turn failed");
        }
      },
    );
  };
}

/** Whether a peer's socket address is this machine; undefined (a closed socket) is not. */
export function isLoopbackAddress(address: string | undefined): boolean {
  return address !== undefined && isLoopbackHost(address);
}

/** The proxy headers a request carries (any `X-Forwarded-*` counts). */
export function proxyHeadersOf(headers: IncomingMessage["headers"]): string[] {
  return Object.keys(headers).filter((name) => name.startsWith("x-forwarded-") || PROXY_HEADERS.includes(name));
}

/**
 * Why an unauthenticated request is not taken: not made on this machine, relayed by a proxy or
 * tunnel running on it, sent by a browser, or not JSON. Undefined when it may be taken.
 */
function localRefusal(req: IncomingMessage): { status: 401 | 415; reason: string } | undefined {
  if (!isLoopbackAddress(req.socket.remoteAddress)) return { status: 401, reason: "remote peer" };
  const proxied = proxyHeadersOf(req.headers);
  if (proxied.length > 0) return { status: 401, reason: `proxy header ${proxied.join(", ")}` };
  const fetchSite = req.headers["sec-fetch-site"];
  if (req.headers.origin !== undefined || (fetchSite !== undefined && fetchSite !== "none"))
    return { status: 401, reason: "browser request" };
  const contentType = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (contentType !== "application/json") return { status: 415, reason: `content type ${contentType || "(none)"}` };
  return undefined;
}

/**
 * What makes an Authorization header unfit to be a Bot Framework token, checked without any key:
 * the shape, the algorithm (RSA only: `none` and HMAC are how tokens are forged), a key id, the
 * expiry and the audience (this bot). Undefined when only the signature remains to be checked.
 */
export function tokenProblem(authorization: string | undefined, appId: string, nowSeconds: number): string | undefined {
  if (!authorization || !BEARER_JWT.test(authorization)) return "not a bearer JWT";
  const [headerPart, payloadPart] = authorization.slice("Bearer ".length).split(".");
  const header = decodeJsonPart(headerPart!);
  const payload = decodeJsonPart(payloadPart!);
  if (!header || !payload) return "undecodable token";
  if (typeof header.alg !== "string" || !SIGNING_ALGORITHMS.has(header.alg)) return "signing algorithm not allowed";
  if (typeof header.kid !== "string" || header.kid === "") return "no key id";
  if (typeof payload.exp !== "number" || payload.exp + CLOCK_SKEW_SECONDS < nowSeconds) return "expired";
  if (typeof payload.nbf === "number" && payload.nbf - CLOCK_SKEW_SECONDS > nowSeconds) return "not valid yet";
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audiences.includes(appId)) return "audience is another bot";
  return undefined;
}

function decodeJsonPart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The adapter's words when the OpenID metadata or key set could not be fetched. */
const KEYS_UNREACHABLE = /^Failed to load (openID config|Keys)|^request to \S+ failed/;

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
 * turn turns whatever status the adapter picks into 500. A refusal before the turn started is the
 * adapter rejecting the token (its 500 for a bad signature included): that is 401 with a terse
 * body, and the library's message (which names keys and claims) goes to the log only.
 */
function responder(
  res: ServerResponse,
  outcome: { failed: boolean; turnStarted: boolean },
  authEnabled: boolean,
  log: Logger,
  onRefused: (cause: string) => void,
) {
  let refused = false;
  return {
    socket: res.socket,
    status(code: number) {
      refused = authEnabled && code >= 400 && !outcome.turnStarted;
      res.statusCode = outcome.failed ? 500 : refused ? 401 : code;
      return this;
    },
    header(name: string, value: unknown) {
      if (!refused) res.setHeader(name, String(value));
      return this;
    },
    send(body: unknown) {
      if (refused) {
        const cause = typeof body === "string" ? body.slice(0, 300) : String(body);
        if (KEYS_UNREACHABLE.test(cause)) {
          // Microsoft's signing keys could not be fetched: not the sender's fault, and Teams
          // retries a 503, so the activity is not lost.
          res.statusCode = 503;
          log.error({ cause }, "Bot Framework signing keys could not be fetched; Teams request not checked (503)");
        } else {
          log.warn({ cause }, "Teams request with an invalid Bot Framework token; refused");
          onRefused(cause);
        }
        return this;
      }
      if (body === undefined || body === null || outcome.failed) return this;
      const text = typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body);
      if (typeof body === "object" && !Buffer.isBuffer(body)) res.setHeader("content-type", "application/json; charset=utf-8");
      res.write(text);
      return this;
    },
    end() {
      if (refused && !res.headersSent) {
        sendJson(res, res.statusCode, { error: res.statusCode === 503 ? "temporarily unavailable" : "unauthorized" });
        return this;
      }
      if (!res.writableEnded) res.end();
      return this;
    },
  };
}
