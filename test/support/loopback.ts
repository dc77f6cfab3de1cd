/**
 * A recording HTTP server on 127.0.0.1 standing in for anything Switchboard calls: it stores
 * every request and answers with what the test scripts (by default 200 {"ok":true}).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: unknown;
  at: number;
}

/**
 * What to answer; `drop` closes the connection without an answer (a network failure); `hang`
 * keeps it open and never answers (a server that stopped responding), until `stop`.
 */
export interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  drop?: boolean;
  hang?: boolean;
}

export type Responder = (request: RecordedRequest) => Answer | undefined;

export class LoopbackServer {
  readonly requests: RecordedRequest[] = [];
  private readonly server: http.Server;
  private responder: Responder | undefined;
  url = "";

  constructor() {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const body = Buffer.concat(chunks).toString();
        let json: unknown;
        try {
          json = body ? JSON.parse(body) : undefined;
        } catch {
          json = undefined;
        }
        const request: RecordedRequest = {
          method: req.method ?? "",
          path: req.url ?? "",
          headers: req.headers,
          body,
          json,
          at: Date.now(),
        };
        this.requests.push(request);
        const answer = this.responder?.(request) ?? {};
        if (answer.drop) return void req.socket.destroy();
        if (answer.hang) return;
        const payload = answer.body === undefined ? { ok: true } : answer.body;
        res.writeHead(answer.status ?? 200, { "content-type": "application/json", ...answer.headers });
        res.end(typeof payload === "string" ? payload : JSON.stringify(payload));
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  respond(responder: Responder | undefined): void {
    this.responder = responder;
  }

  /** Requests as a receiver that honours Idempotency-Key shows them: once per key. */
  uniqueByIdempotencyKey(): RecordedRequest[] {
    const seen = new Set<string>();
    return this.requests.filter((request) => {
      const key = String(request.headers["idempotency-key"] ?? "");
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
