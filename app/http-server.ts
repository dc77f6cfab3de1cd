/**
 * The one HTTP server (PORT) that every endpoint mounts on: health checks, metrics, the Slack and
 * Teams endpoints, the signed webhooks. A tiny router on node:http keeps the hot path short.
 */
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, params: Record<string, string>) => void | Promise<void>;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: RouteHandler;
}

export const MAX_BODY_BYTES = 1_048_576;

/** Reads a request body up to a limit; rejects with a 413-worthy error beyond it. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLargeError(limit));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export class BodyTooLargeError extends Error {
  override readonly name = "BodyTooLargeError";
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
  }
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

  constructor(private readonly log: Logger) {
    this.server = http.createServer((req, res) => void this.dispatch(req, res));
    // Platforms keep connections open between deliveries; match their keep-alive.
    this.server.keepAliveTimeout = 65_000;
    this.server.headersTimeout = 66_000;
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
      const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? "")]));
      try {
        await route.handler(req, res, params);
      } catch (error) {
        this.log.error({ err: error, path, method: req.method }, "request failed");
        if (!res.headersSent)
          sendJson(res, error instanceof BodyTooLargeError ? 413 : 500, {
            error: error instanceof BodyTooLargeError ? "body too large" : "internal error",
          });
        else res.end();
      }
      return;
    }
    sendJson(res, matchedPath ? 405 : 404, { error: matchedPath ? "method not allowed" : "not found" });
  }
}
