/**
 * A loopback stand-in for the Slack Web API: records every call (form-encoded as the real client
 * sends them, JSON fields decoded) and answers like Slack — auth.test, users.info from a small
 * directory, conversations.open, chat.postMessage / chat.update with a fresh ts, and
 * conversations.history / .replies that read back the messages posted (with their metadata).
 * A test can script a different answer for the next calls of a method (e.g. a 429). Files added
 * with `addFile` are served under `/files-pri/…` as Slack's file host serves `url_private_download`
 * (each download is recorded in `downloads`, with its headers).
 */
import { LoopbackServer, type Answer, type RecordedRequest } from "../../support/loopback.ts";

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  at: number;
}

export interface FakeUser {
  id: string;
  email?: string;
  name?: string;
  locale?: string;
  /** The user's own workspace; the installed one by default. */
  team?: string;
}

interface Posted {
  channel: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  metadata?: unknown;
  /** When Slack took it (ms since the epoch). */
  at: number;
}

type Scripted = Answer;

/**
 * A fault of the Web API while it is set: `refuse` answers instead of Slack (the call has no
 * effect, e.g. a 429); `loseAnswer` replaces the answer of a call that did take effect (a post
 * that landed while its response failed). Return undefined to answer normally.
 */
export interface SlackFault {
  refuse?: (method: string, args: Record<string, unknown>) => Scripted | undefined;
  loseAnswer?: (method: string, args: Record<string, unknown>) => Scripted | undefined;
}

const JSON_FIELDS = new Set(["blocks", "metadata", "view", "attachments"]);

export class FakeSlack {
  readonly server = new LoopbackServer();
  readonly calls: SlackCall[] = [];
  readonly posted: Posted[] = [];
  private readonly users = new Map<string, FakeUser>();
  private readonly scripted = new Map<string, Scripted[]>();
  private readonly files = new Map<string, { content: string; contentType: string }>();
  /** Requests for files (`url_private_download`), in order. */
  readonly downloads: RecordedRequest[] = [];
  private seq = 0;
  /** The fault in force, if any (see SlackFault). */
  fault: SlackFault | undefined;

  constructor(readonly team = { id: "T0ACME", botUserId: "UBOT", botId: "BBOT" }) {
    this.server.respond((request) => this.answer(request));
  }

  async start(): Promise<this> {
    await this.server.start();
    return this;
  }

  /** The Web API base URL to give Switchboard (SLACK_API_URL). */
  get apiUrl(): string {
    return `${this.server.url}/api/`;
  }

  addUser(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  /** Serves `content` as a shared file; returns its `url_private_download`. */
  addFile(id: string, name: string, content: string, contentType = "text/csv"): string {
    const path = `/files-pri/${this.team.id}-${id}/download/${encodeURIComponent(name)}`;
    this.files.set(path, { content, contentType });
    return `${this.server.url}${path}`;
  }

  /** The next `times` calls of `method` get this answer instead. */
  script(method: string, answer: Scripted, times = 1): void {
    this.scripted.set(method, [...(this.scripted.get(method) ?? []), ...Array.from({ length: times }, () => answer)]);
  }

  /** The calls of one method, in order. */
  callsOf(method: string): SlackCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Messages as a channel (and thread) shows them: posts, with updates applied. */
  messagesIn(channel: string, thread?: string): Posted[] {
    return this.posted.filter((m) => m.channel === channel && (thread === undefined || m.thread_ts === thread));
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  private answer(request: RecordedRequest): Scripted {
    if (request.path.startsWith("/files-pri/")) {
      this.downloads.push(request);
      const file = this.files.get(request.path.split("?")[0]!);
      if (!file) return { status: 404, headers: { "content-type": "text/plain" }, body: "not found" };
      return { headers: { "content-type": file.contentType }, body: file.content };
    }
    const method = request.path.replace(/^\/api\//, "").split("?")[0] ?? "";
    const args = decode(request);
    this.calls.push({ method, args, at: Date.now() });
    const scripted = this.scripted.get(method)?.shift();
    if (scripted) return scripted;
    const refused = this.fault?.refuse?.(method, args);
    if (refused) return refused;
    const answer = this.normalAnswer(method, args);
    return this.fault?.loseAnswer?.(method, args) ?? answer;
  }

  private normalAnswer(method: string, args: Record<string, unknown>): Scripted {
    const ok = (body: Record<string, unknown>) => ({ body: { ok: true, ...body } });
    switch (method) {
      case "auth.test":
        return ok({ team_id: this.team.id, user_id: this.team.botUserId, bot_id: this.team.botId, team: "Acme" });
      case "users.info": {
        const user = this.users.get(String(args.user));
        if (!user) return { body: { ok: false, error: "user_not_found" } };
        return ok({
          user: {
            id: user.id,
            team_id: user.team ?? this.team.id,
            name: user.name,
            real_name: user.name,
            locale: user.locale,
            profile: { email: user.email, display_name: user.name },
          },
        });
      }
      case "conversations.open":
        return ok({ channel: { id: `D${String(args.users)}` } });
      case "chat.postMessage": {
        const ts = this.nextTs();
        this.posted.push({
          channel: String(args.channel),
          ts,
          thread_ts: args.thread_ts as string | undefined,
          text: args.text as string,
          metadata: args.metadata,
          at: Date.now(),
        });
        return ok({ channel: args.channel, ts });
      }
      case "chat.update": {
        const message = this.posted.find((m) => m.channel === args.channel && m.ts === args.ts);
        if (!message) return { body: { ok: false, error: "message_not_found" } };
        message.text = args.text as string;
        return ok({ channel: args.channel, ts: args.ts });
      }
      case "conversations.history":
      case "conversations.replies": {
        const thread = method === "conversations.replies" ? String(args.ts) : undefined;
        const messages = this.posted.filter(
          (m) => m.channel === args.channel && (thread ? m.thread_ts === thread || m.ts === thread : !m.thread_ts),
        );
        return ok({ messages });
      }
      default:
        return ok({});
    }
  }

  private nextTs(): string {
    this.seq += 1;
    return `1700000000.${String(this.seq).padStart(6, "0")}`;
  }
}

/** The real client posts application/x-www-form-urlencoded with JSON-encoded structured fields. */
function decode(request: RecordedRequest): Record<string, unknown> {
  if (request.json && typeof request.json === "object") return request.json as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(request.body)) {
    args[key] = JSON_FIELDS.has(key) ? safeParse(value) : value;
  }
  return args;
}

function safeParse(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
