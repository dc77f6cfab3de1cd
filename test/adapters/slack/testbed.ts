/**
 * A Switchboard with Slack configured against the loopback Web API, a small organization whose
 * Slack workspace is T0ACME, and helpers that send requests signed exactly as Slack signs them:
 * `v0=` + HMAC-SHA256(signing secret, `v0:{timestamp}:{raw body}`) in `X-Slack-Signature`, the
 * timestamp in `X-Slack-Request-Timestamp`.
 */
import { createHmac, randomUUID } from "node:crypto";
import { importData, parseImportFile } from "../../../bot/people/importer.ts";
import { createTestApp, type TestApp, type TestAppOptions } from "../../support/app.ts";
import { FakeSlack } from "./fake-slack.ts";

export const SIGNING_SECRET = "test-signing-secret";
export const TEAM = "T0ACME";
export const ENGINEERS_CHANNEL = "C0ENG";
/** People of the fixture: Ana (admin, linked by identity), Bo (employee, linked by e-mail), Lee (engineer). */
export const ANA = "U0ANA";
export const BO = "U0BO";
export const LEE = "U0LEE";
export const STRANGER = "U0WHO";

const FIXTURE = {
  version: 1,
  vendor: {
    people: [{ key: "eng-lee", name: "Lee Chen", email: "lee@vendor.test", role: "engineer", identities: { slack: LEE } }],
    channels: [{ purpose: "engineers", platform: "slack", conversationId: ENGINEERS_CHANNEL }],
  },
  organizations: [
    {
      key: "acme",
      name: "Acme Corp",
      slackTeamId: TEAM,
      people: [
        { key: "acme-ana", name: "Ana Admin", email: "ana@acme.test", role: "admin", identities: { slack: ANA } },
        { key: "acme-bo", name: "Bo Baker", email: "bo@acme.test", role: "employee" },
      ],
    },
  ],
};

export interface Testbed {
  t: TestApp;
  slack: FakeSlack;
  url: string;
  close(): Promise<void>;
}

export async function startTestbed(
  env: Record<string, string> = {},
  app: TestAppOptions["app"] = {},
  prepare?: (slack: FakeSlack) => void,
): Promise<Testbed> {
  const slack = await new FakeSlack({ id: TEAM, botUserId: "UBOT", botId: "BBOT" }).start();
  prepare?.(slack);
  slack.addUser({ id: ANA, email: "ana@acme.test", name: "Ana Admin", locale: "en-US" });
  slack.addUser({ id: BO, email: "bo@acme.test", name: "Bo Baker", locale: "en-US" });
  slack.addUser({ id: LEE, email: "lee@vendor.test", name: "Lee Chen", locale: "en-US" });
  slack.addUser({ id: STRANGER, email: "who@elsewhere.test", name: "Someone", locale: "es-ES" });
  const t = await createTestApp({
    seedDemo: false,
    start: false,
    env: { SLACK_BOT_TOKEN: "xoxb-test-token", SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, ...env },
    app,
  });
  await importData(t.app.db, t.app.catalog, parseImportFile(JSON.stringify(FIXTURE)));
  const port = await t.app.start();
  return {
    t,
    slack,
    url: `http://127.0.0.1:${port}/slack/events`,
    async close() {
      await t.close();
      await slack.stop();
    },
  };
}

/** Headers Slack would send with `body`, signed with `secret` at `timestamp` (seconds). */
export function signedHeaders(
  body: string,
  options: { secret?: string; timestamp?: number; contentType?: string } = {},
): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac("sha256", options.secret ?? SIGNING_SECRET)
    .update(`v0:${timestamp}:${body}`)
    .digest("hex")}`;
  return {
    "content-type": options.contentType ?? "application/json",
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": signature,
  };
}

export interface SendOptions {
  secret?: string;
  timestamp?: number;
  headers?: Record<string, string>;
}

/** POSTs a raw body signed as Slack would. */
export async function post(url: string, body: string, contentType: string, options: SendOptions = {}): Promise<Response> {
  return fetch(url, { method: "POST", body, headers: { ...signedHeaders(body, { ...options, contentType }), ...options.headers } });
}

let counter = 0;
/** A fresh Slack-shaped ts. */
export function nextTs(): string {
  counter += 1;
  return `1700001000.${String(counter).padStart(6, "0")}`;
}

/** An Events API envelope around `event`. */
export function eventEnvelope(event: Record<string, unknown>, options: { eventId?: string; team?: string } = {}): Record<string, unknown> {
  const team = options.team ?? TEAM;
  return {
    token: "legacy",
    team_id: team,
    api_app_id: "A0SWITCH",
    type: "event_callback",
    event_id: options.eventId ?? `Ev${randomUUID().replace(/-/g, "").slice(0, 12)}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: team, user_id: "UBOT", is_bot: true, is_enterprise_install: false }],
    event,
  };
}

/** Sends an Events API event (JSON), as Slack does. */
export function sendEvent(url: string, envelope: Record<string, unknown>, options: SendOptions = {}): Promise<Response> {
  return post(url, JSON.stringify(envelope), "application/json", options);
}

/** Sends an interaction payload (`payload=<json>`, form-encoded), as Slack does. */
export function sendInteraction(url: string, payload: Record<string, unknown>, options: SendOptions = {}): Promise<Response> {
  return post(url, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), "application/x-www-form-urlencoded", options);
}

/** Sends a slash command (form fields), as Slack does. */
export function sendCommand(url: string, fields: Record<string, string>, options: SendOptions = {}): Promise<Response> {
  const body = new URLSearchParams({
    token: "legacy",
    team_id: TEAM,
    team_domain: "acme",
    channel_id: "C0GENERAL",
    channel_name: "general",
    command: "/switchboard",
    text: "",
    api_app_id: "A0SWITCH",
    response_url: "http://127.0.0.1:9/commands/unused",
    trigger_id: `${Date.now()}.${randomUUID()}`,
    ...fields,
  }).toString();
  return post(url, body, "application/x-www-form-urlencoded", options);
}

/** A mention of the bot in a channel. */
export function mention(
  user: string,
  text: string,
  options: { channel?: string; ts?: string; thread_ts?: string } = {},
): Record<string, unknown> {
  const ts = options.ts ?? nextTs();
  return {
    type: "app_mention",
    user,
    text: `<@UBOT> ${text}`,
    ts,
    channel: options.channel ?? "C0SUPPORT",
    event_ts: ts,
    team: TEAM,
    ...(options.thread_ts ? { thread_ts: options.thread_ts } : {}),
  };
}

/** A message in a channel or DM (`channel_type` im for a DM). */
export function message(
  user: string,
  text: string,
  options: { channel?: string; channel_type?: string; ts?: string; thread_ts?: string; parent_user_id?: string } = {},
): Record<string, unknown> {
  const ts = options.ts ?? nextTs();
  return {
    type: "message",
    user,
    text,
    ts,
    event_ts: ts,
    team: TEAM,
    channel: options.channel ?? "C0SUPPORT",
    channel_type: options.channel_type ?? "channel",
    ...(options.thread_ts ? { thread_ts: options.thread_ts } : {}),
    ...(options.parent_user_id ? { parent_user_id: options.parent_user_id } : {}),
  };
}

/** A block_actions payload for a button of a message the bot posted. */
export function buttonPress(
  user: string,
  button: { action_id: string; value?: string },
  where: { channel: string; ts: string; thread_ts?: string },
): Record<string, unknown> {
  return {
    type: "block_actions",
    team: { id: TEAM, domain: "acme" },
    user: { id: user, team_id: TEAM },
    api_app_id: "A0SWITCH",
    trigger_id: `${Date.now()}.${randomUUID()}`,
    container: {
      type: "message",
      message_ts: where.ts,
      channel_id: where.channel,
      is_ephemeral: false,
      ...(where.thread_ts ? { thread_ts: where.thread_ts } : {}),
    },
    channel: { id: where.channel },
    message: { ts: where.ts, ...(where.thread_ts ? { thread_ts: where.thread_ts } : {}) },
    actions: [{ type: "button", action_id: button.action_id, block_id: "b1", value: button.value, action_ts: `${Date.now() / 1000}` }],
  };
}
