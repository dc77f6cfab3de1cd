/**
 * The one HTTP server (PORT) that every endpoint mounts on: health checks, metrics, the Slack and
 * Teams endpoints, the signed webhooks. A tiny router on node:http keeps the hot path short.
 */
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { withRequestId } from "../../core/request-context.ts";
import { logAccess, requestIdOf } from "./access-log.ts";

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, params: Record<string, string>) => void | Promise<void>;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: RouteHandler;
}

export const MAX_BODY_BYTES = 1_048_576;
/** Past this, an oversized body is cut off (connection closed) rather than read to its end for a clean 413. */
export const DRAIN_LIMIT_BYTES = 8 * MAX_BODY_BYTES;

/**
 * Reads a request body up to a limit; rejects with BodyTooLargeError beyond it. An oversized body
 * is read to its end and discarded (up to DRAIN_LIMIT_BYTES) so the sender receives the 413 rather
 * than a reset connection; one announced or sent beyond that is cut off.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > DRAIN_LIMIT_BYTES) {
      reject(new BodyTooLargeError(limit, true));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > DRAIN_LIMIT_BYTES && !settled) {
        settled = true;
        reject(new BodyTooLargeError(limit, true));
      }
    });
    req.on("end", () => {
      if (settled) return;
      settled = true;
      if (size <= limit) resolve(Buffer.concat(chunks));
      else reject(new BodyTooLargeError(limit, false));
    });
    req.on("close", () => {
      if (!settled) {
        settled = true;
        reject(new RequestAbortedError());
      }
    });
    req.on("error", (error) => {
      if (!settled) {
        settled = true;
        reject(error);
      }
    });
  });
}

/** The body is larger than the endpoint takes; `cutOff` when the rest of it was not read. */
export class BodyTooLargeError extends Error {
  override readonly name = "BodyTooLargeError";
  constructor(
    readonly limit: number,
    readonly cutOff = false,
  ) {
    super(`request body over ${limit} bytes`);
  }
}

/** The client went away before its body arrived; nobody is left to answer. */
export class RequestAbortedError extends Error {
  override readonly name = "RequestAbortedError";
  constructor() {
    super("request aborted by the client");
  }
}

/**
 * Headers on every response: nothing here is meant to be framed, sniffed, cached or to leak the
 * page it was reached from (the endpoints answer machines; a browser that wanders in gets the same).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

/** Connection limits; see DEFAULT_TIMEOUTS. */
export interface HttpTimeouts {
  /** Time to receive a request's headers, from its first byte (slow-header clients are cut off). */
  headersTimeoutMs: number;
  /** Time to receive a whole request, body included. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection is kept after a response. */
  keepAliveTimeoutMs: number;
  /** How often connections are checked against the two limits above. */
  checkIntervalMs: number;
}

/**
 * Slack and Teams send small bodies at once, so 10 s for headers and 30 s for a whole request
 * leave a wide margin while a client trickling bytes to hold a connection is cut off. Keep-alive
 * stays longer than the 60 s idle timeout of common load balancers, so they close first.
 */
export const DEFAULT_TIMEOUTS: HttpTimeouts = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 65_000,
  checkIntervalMs: 1_000,
};

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * A body as text; throws (TypeError) when it is not valid UTF-8. Decoding leniently would turn
 * the bad bytes into U+FFFD and let a body nobody could have meant pass as valid text.
 */
export function decodeUtf8(body: Buffer): string {
  return strictUtf8.decode(body);
}

/** Sends a JSON response. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

export class HttpServer {
  private readonly routes: Route[] = [];
  readonly server: http.Server;

  constructor(
    private readonly log: Logger,
    timeouts: Partial<HttpTimeouts> = {},
  ) {
    const limits = { ...DEFAULT_TIMEOUTS, ...timeouts };
    this.server = http.createServer(
      {
        headersTimeout: limits.headersTimeoutMs,
        requestTimeout: limits.requestTimeoutMs,
        keepAliveTimeout: limits.keepAliveTimeoutMs,
        connectionsCheckingInterval: limits.checkIntervalMs,
      },
      (req, res) => {
        const requestId = requestIdOf(req);
        logAccess(this.log, req, res, requestId);
        withRequestId(requestId, () => this.dispatch(req, res).catch((error: unknown) => this.failed(req, res, error)));
      },
    );
  }

  /** Mounts a handler; `:name` segments become params. */
  route(method: string, path: string, handler: RouteHandler): this {
    const names: string[] = [];
    const pattern = new RegExp(
      `^${path.replace(/\/:([A-Za-z]+)/g, (_whole, name: string) => {
        names.push(name);
        return "/([^/]+)";
      })}/?$`,
    );
    this.routes.push({ method, pattern, names, handler });
    return this;
  }

  async listen(port: number, host: string): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => {
        this.server.off("error", reject);
        resolve();
      });
    });
    return (this.server.address() as AddressInfo).port;
  }

  private closing = false;

  /**
   * Stops accepting connections and waits for requests in flight. A keep-alive connection busy
   * when this is called would otherwise stay open, idle, until its keep-alive timeout (65 s)
   * after its response: responses from now on say `Connection: close`, and each connection is
   * closed as soon as it is idle.
   */
  async close(): Promise<void> {
    this.closing = true;
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
    });
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (this.closing) res.setHeader("connection", "close");
    res.once("finish", () => {
      if (this.closing) setImmediate(() => this.server.closeIdleConnections());
    });
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    let matchedPath = false;
    for (const route of this.routes) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      matchedPath = true;
      if (route.method !== req.method) continue;
      const params = decodeParams(route.names, match);
      if (!params) {
        this.log.warn({ path: path.slice(0, 200), method: req.method }, "request refused: the path is not valid percent-encoding");
        return sendJson(res, 400, { error: "malformed path" });
      }
      await route.handler(req, res, params);
      return;
    }
    sendJson(res, matchedPath ? 405 : 404, { error: matchedPath ? "method not allowed" : "not found" });
  }

  /**
   * A request whose handling threw: answered (413 for a body over the limit, 500 otherwise) and
   * logged; never left to become an unhandled rejection that could end the process.
   */
  private failed(req: IncomingMessage, res: ServerResponse, error: unknown): void {
    const path = (req.url ?? "/").split("?")[0]?.slice(0, 200);
    if (error instanceof RequestAbortedError) {
      this.log.info({ path, method: req.method }, "client went away before its request was read");
      return;
    }
    if (error instanceof BodyTooLargeError) {
      this.log.warn({ path, method: req.method, limit: error.limit }, "request refused: body too large");
      // The rest of a cut-off body is not read: close the connection after the answer.
      if (error.cutOff && !res.headersSent) res.setHeader("connection", "close");
    } else this.log.error({ err: error, path, method: req.method }, "request failed");
    if (res.headersSent) {
      res.end();
      return;
    }
    try {
      sendJson(res, error instanceof BodyTooLargeError ? 413 : 500, {
        error: error instanceof BodyTooLargeError ? "body too large" : "internal error",
      });
    } catch (sendError) {
      this.log.warn({ err: sendError }, "could not answer a failed request");
      res.destroy();
    }
    if (error instanceof BodyTooLargeError && error.cutOff) res.once("finish", () => req.destroy());
  }
}

/** The route's params, percent-decoded; undefined when one is not valid percent-encoding (`%E0%A4%A`). */
function decodeParams(names: string[], match: RegExpExecArray): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (const [i, name] of names.entries()) {
    try {
      params[name] = decodeURIComponent(match[i + 1] ?? "");
    } catch {
      return undefined;
    }
  }
  return params;
}
