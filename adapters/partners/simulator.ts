/**
 * A partner's ticket system on loopback, speaking the webhook contract of README.md: it accepts
 * signed tickets, comments, status changes and call requests (once per Idempotency-Key), and sends
 * signed events back to Switchboard — comments, status changes, scheduled calls — one at a time and
 * in order, retrying on 5xx like a well-behaved partner. Used by the tests, the benchmark and the
 * shell demo (`npm run partner:simulator`).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, sign, verify } from "../webhook/signature.ts";

export interface SimulatedComment {
  id: string;
  author: string;
  side: string;
  body: string;
  /** Posted by Switchboard (mirrored from the customer or the vendor), not by the partner. */
  fromSwitchboard: boolean;
  /** When it was written or received (performance.now()), for latency measurements. */
  at: number;
  deleted?: boolean;
}

export interface SimulatedTicket {
  id: string;
  reference: string;
  caseRef: string;
  title: string;
  organization: string;
  agreement: string | null;
  status: string;
  comments: SimulatedComment[];
  /** What Switchboard told about its side (resolved, closed, …). */
  updates: { status: string; caseStatus: string; note: string | null }[];
  calls: { when: string | null; requestedBy: string }[];
}

export interface SimulatorOptions {
  partner: string;
  secret: string;
  /** Switchboard's base URL, e.g. http://127.0.0.1:3978. */
  bridgeUrl?: string;
  ticketPrefix?: string;
  now?: () => Date;
  /** Send each comment received back as a `comment.created` event, as ticket systems that webhook every comment do: "marked" keeps our origin on it. */
  echo?: "none" | "marked" | "unmarked";
  /** Acknowledge new tickets at once: status in_progress and a greeting from a partner engineer. */
  auto?: boolean;
  /** The partner engineer who writes (auto greeting, console): an e-mail lets Switchboard match an imported person. */
  engineer?: PartnerEngineer;
  /** A line for each thing that happens (the CLI prints them). */
  onActivity?: (line: string) => void;
}

export interface PartnerEngineer {
  name: string;
  email?: string;
}

export interface SendResult {
  status: number;
  json: Record<string, unknown>;
}

type Answer = { status: number; body: unknown };

export class PartnerSimulator {
  readonly tickets = new Map<string, SimulatedTicket>();
  /** Requests accepted (once per idempotency key), repeats of a key, and requests refused for their signature. */
  readonly stats = { received: 0, duplicates: 0, badSignature: 0, echoed: 0 };
  /** Answer 503 to everything while true. */
  down = false;
  /** Refuse new tickets with this reason (HTTP 422). */
  refuseTickets: string | undefined;
  /** Process this many more requests but answer 500, as when an answer is lost on the way back. */
  loseAnswers = 0;
  /** Echo the comments Switchboard posts (see SimulatorOptions.echo). */
  echo: "none" | "marked" | "unmarked";
  url = "";
  private readonly server: http.Server;
  private readonly answered = new Map<string, Answer>();
  private sequence = 0;
  /** One queue per ticket: in order within a ticket, in parallel across tickets. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly options: SimulatorOptions) {
    this.echo = options.echo ?? "none";
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const answer = this.answer(req, Buffer.concat(chunks));
        res.writeHead(answer.status, { "content-type": "application/json" });
        res.end(JSON.stringify(answer.body));
      });
    });
  }

  async start(port = 0, host = "127.0.0.1"): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(port, host, resolve));
    this.url = `http://${host}:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The latest ticket, for "." in the console. */
  latest(): SimulatedTicket | undefined {
    return [...this.tickets.values()].at(-1);
  }

  /** A partner engineer comments on a ticket (by default the simulator's engineer). */
  comment(
    ticket: string,
    body: string,
    options: { author?: PartnerEngineer; attachments?: { name?: string; url: string }[] } = {},
  ): Promise<SendResult> {
    const id = this.nextId("pc");
    const author = options.author ?? this.engineer;
    this.tickets
      .get(ticket)
      ?.comments.push({ id, author: author.name, side: "partner", body, fromSwitchboard: false, at: performance.now() });
    return this.send({
      type: "comment.created",
      ticket,
      comment: { id, author: { id: slug(author.email ?? author.name), ...author }, body, attachments: options.attachments ?? [] },
    });
  }

  /** Who writes for the partner. */
  get engineer(): PartnerEngineer {
    return this.options.engineer ?? { name: "Sam Patel", email: "sam.patel@partner.example" };
  }

  editComment(ticket: string, commentId: string, body: string): Promise<SendResult> {
    const comment = this.tickets.get(ticket)?.comments.find((c) => c.id === commentId);
    if (comment) comment.body = body;
    return this.send({
      type: "comment.updated",
      ticket,
      comment: { id: commentId, author: { name: comment?.author ?? "Partner engineer" }, body },
    });
  }

  deleteComment(ticket: string, commentId: string): Promise<SendResult> {
    const comment = this.tickets.get(ticket)?.comments.find((c) => c.id === commentId);
    if (comment) comment.deleted = true;
    return this.send({
      type: "comment.deleted",
      ticket,
      comment: { id: commentId, author: { name: comment?.author ?? "Partner engineer" } },
    });
  }

  /** The partner's ticket changes status; without an author it is the partner's system that says so. */
  setStatus(ticket: string, status: string, note?: string, author?: PartnerEngineer): Promise<SendResult> {
    const known = this.tickets.get(ticket);
    if (known) known.status = status;
    return this.send({ type: "ticket.status", ticket, status, ...(note ? { note } : {}), ...(author ? { author } : {}) });
  }

  scheduleCall(ticket: string, at: string, joinUrl?: string): Promise<SendResult> {
    return this.send({ type: "call.scheduled", ticket, call: { at, ...(joinUrl ? { joinUrl } : {}) } });
  }

  /**
   * Sends one signed event to Switchboard, after the ones before it about the same ticket (a
   * partner keeps its order by waiting for each 2xx), retrying on 5xx and network errors. `eventId`, `secret` and
   * `timestamp` override what a correct sender would use (tests of refusals and duplicates).
   */
  send(
    event: Record<string, unknown>,
    override: { eventId?: string; secret?: string; timestamp?: number; retries?: number } = {},
  ): Promise<SendResult> {
    const id = override.eventId ?? this.nextId("ev");
    const run = () => this.post({ id, ...event }, override);
    const key = typeof event.ticket === "string" ? event.ticket : "";
    const result = (this.queues.get(key) ?? Promise.resolve()).then(run, run);
    this.queues.set(
      key,
      result.catch(() => undefined),
    );
    return result;
  }

  private async post(
    event: Record<string, unknown>,
    override: { secret?: string; timestamp?: number; retries?: number },
  ): Promise<SendResult> {
    if (!this.options.bridgeUrl) throw new Error("the simulator has no bridge URL to send events to");
    const body = JSON.stringify(event);
    for (let attempt = 0; ; attempt++) {
      const timestamp = override.timestamp ?? Math.floor((this.options.now?.() ?? new Date()).getTime() / 1000);
      try {
        const response = await fetch(`${this.options.bridgeUrl}/webhooks/partners/${this.options.partner}`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            [TIMESTAMP_HEADER]: String(timestamp),
            [SIGNATURE_HEADER]: sign(override.secret ?? this.options.secret, timestamp, body),
          },
          body,
        });
        const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
        if (response.status < 500 || attempt >= (override.retries ?? 8)) {
          this.options.onActivity?.(`→ Switchboard ${String(event.type)} ${String(event.id)}: ${response.status}`);
          return { status: response.status, json };
        }
      } catch (error) {
        if (attempt >= (override.retries ?? 8)) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 2_000)));
    }
  }

  private answer(req: http.IncomingMessage, raw: Buffer): Answer {
    if (this.down) return { status: 503, body: { error: "partner system down (simulated)" } };
    // Reading is open, so a ticket's link can be followed in a browser.
    if (req.method === "GET") {
      const id = /^\/tickets\/([^/]+)$/.exec(req.url ?? "")?.[1];
      const ticket = id ? this.tickets.get(decodeURIComponent(id)) : undefined;
      return id
        ? ticket
          ? { status: 200, body: ticket }
          : { status: 404, body: { error: "no such ticket" } }
        : { status: 200, body: [...this.tickets.values()] };
    }
    const header = (name: string) => (typeof req.headers[name] === "string" ? (req.headers[name] as string) : undefined);
    const now = Math.floor((this.options.now?.() ?? new Date()).getTime() / 1000);
    const check = verify(this.options.secret, { timestamp: header(TIMESTAMP_HEADER), signature: header(SIGNATURE_HEADER) }, raw, now);
    if (!check.ok) {
      this.stats.badSignature += 1;
      return { status: 401, body: { error: `signature ${check.reason}` } };
    }
    const key = header("idempotency-key") ?? "";
    const earlier = this.answered.get(key);
    if (earlier) {
      this.stats.duplicates += 1;
      return earlier;
    }
    const body = JSON.parse(raw.toString("utf8")) as Record<string, any>;
    const answer = this.apply(req.method ?? "", (req.url ?? "").split("?")[0] ?? "", body);
    // Refusals and outages are not remembered: a later retry is a new answer.
    if (answer.status < 300) {
      this.answered.set(key, answer);
      this.stats.received += 1;
      if (this.loseAnswers > 0) {
        this.loseAnswers -= 1;
        return { status: 500, body: { error: "answer lost (simulated)" } };
      }
    }
    return answer;
  }

  private apply(method: string, path: string, body: Record<string, any>): Answer {
    if (method !== "POST") return { status: 405, body: { error: "method not allowed" } };
    if (path === "/tickets") return this.openTicket(body);
    const match = /^\/tickets\/([^/]+)\/(comments|status|calls)$/.exec(path);
    const ticket = match ? this.tickets.get(decodeURIComponent(match[1]!)) : undefined;
    if (!match || !ticket) return { status: 404, body: { error: "no such ticket" } };
    if (match[2] === "comments") {
      const id = this.nextId("c");
      const comment = body.comment ?? {};
      ticket.comments.push({
        id,
        author: String(comment.author?.name ?? "?"),
        side: String(comment.author?.side ?? "?"),
        body: String(comment.body ?? ""),
        fromSwitchboard: true,
        at: performance.now(),
      });
      this.options.onActivity?.(
        `[${ticket.id}] ${comment.author?.name} (${comment.author?.side}${comment.author?.organization ? `, ${comment.author.organization}` : ""}): ${comment.body}`,
      );
      // Like a ticket system's webhook queue: the echo leaves shortly after the API call was answered.
      if (this.echo !== "none") {
        const echo = {
          type: "comment.created",
          ticket: ticket.id,
          comment: {
            id,
            author: { name: "Switchboard integration" },
            body: comment.body,
            ...(this.echo === "marked" ? { origin: comment.origin } : {}),
          },
        };
        setTimeout(
          () =>
            void this.send(echo).then(
              () => (this.stats.echoed += 1),
              () => undefined,
            ),
          50,
        );
      }
      return { status: 201, body: { id } };
    }
    if (match[2] === "status") {
      ticket.updates.push({ status: String(body.status), caseStatus: String(body.caseStatus), note: body.note ?? null });
      this.options.onActivity?.(
        `[${ticket.id}] Switchboard: case ${body.caseStatus} (${body.status})${body.note ? ` — ${body.note}` : ""}`,
      );
      return { status: 200, body: { ok: true } };
    }
    ticket.calls.push({ when: body.call?.when ?? null, requestedBy: String(body.call?.requestedBy?.name ?? "?") });
    this.options.onActivity?.(
      `[${ticket.id}] joint call requested by ${body.call?.requestedBy?.name}${body.call?.when ? ` (${body.call.when})` : ""}`,
    );
    return { status: 202, body: { ok: true } };
  }

  private openTicket(body: Record<string, any>): Answer {
    if (this.refuseTickets) return { status: 422, body: { error: this.refuseTickets } };
    const id = `${this.options.ticketPrefix ?? "PT-"}${10_000 + this.tickets.size + 1}`;
    const ticket: SimulatedTicket = {
      id,
      reference: String(body.reference),
      caseRef: String(body.case?.ref),
      title: String(body.case?.title),
      organization: String(body.customer?.organization),
      agreement: body.customer?.agreementReference ?? null,
      status: "open",
      comments: [],
      updates: [],
      calls: [],
    };
    this.tickets.set(id, ticket);
    this.options.onActivity?.(
      `[${id}] new ticket for ${ticket.caseRef} (${ticket.organization}, agreement ${ticket.agreement}): ${ticket.title}`,
    );
    if (this.options.auto)
      setTimeout(() => {
        void this.setStatus(id, "in_progress");
        const partner = this.options.partner.charAt(0).toUpperCase() + this.options.partner.slice(1);
        void this.comment(
          id,
          `Hi, ${this.engineer.name.split(" ")[0]} from ${partner} support here. We're looking at ${ticket.caseRef} now.`,
        );
      }, 200);
    return { status: 201, body: { id, trackingNumber: id, url: `${this.url}/tickets/${id}` } };
  }

  private nextId(prefix: string): string {
    this.sequence += 1;
    return `${prefix}-${Date.now().toString(36)}-${this.sequence}`;
  }
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-");
