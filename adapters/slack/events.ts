/**
 * Events API listeners: direct messages, mentions in channels, replies in the bot's threads, the
 * App Home tab, and uninstalls. Bolt has already acknowledged each event when these run (the
 * 3-second deadline is met by the receiver); the work continues here, through the core's queue.
 *
 * A mention in a thread also arrives as a `message` event with another event id; the message copy
 * is skipped so the core sees one event. Messages by bots (this one included) are never answered.
 */
import type { App as BoltApp, Context as BoltContext } from "@slack/bolt";
import { envelopeSchema, messageEvent, messageSchema, messageText, type SlackMessage } from "./inbound.ts";
import { publishHome } from "./home.ts";
import { actorOf, type SlackRuntime } from "./runtime.ts";
import { markUnrecorded } from "./receiver.ts";
import { sharedFiles } from "./files.ts";

/** Message subtypes that are a person writing; edits, joins, deletions and the like are not. */
const WRITTEN = new Set([undefined, "file_share", "thread_broadcast"]);
/** Events these listeners handle; any other type is logged once per type and acknowledged. */
export const HANDLED_EVENTS = new Set(["message", "app_mention", "app_home_opened", "app_uninstalled", "tokens_revoked"]);

export function registerEventListeners(bolt: BoltApp, rt: SlackRuntime): void {
  const reported = new Set<string>();
  bolt.use(async ({ body, next }) => {
    const type = (body as { event?: { type?: string } }).event?.type;
    if (type && !HANDLED_EVENTS.has(type) && !reported.has(type)) {
      reported.add(type);
      rt.log.info({ type }, "Slack event type not handled; acknowledged and ignored (remove it from the app's subscriptions)");
    }
    await next();
  });

  bolt.event("app_mention", async ({ body, event, context }) => onMessage(rt, body, event, context));
  bolt.event("message", async ({ body, event, context }) => onMessage(rt, body, event, context));

  bolt.event("app_home_opened", async ({ event, body }) => {
    if (event.channel) rt.users.rememberDm(event.user, event.channel);
    if (event.tab !== "home") return;
    await publishHome(rt, event.user, (body as { team_id?: string }).team_id).catch((error: unknown) =>
      rt.log.warn({ err: error, user: event.user }, "could not publish the App Home tab"),
    );
  });

  bolt.event("app_uninstalled", async ({ body }) => {
    rt.log.warn(
      { team: (body as { team_id?: string }).team_id },
      "Switchboard was uninstalled from a Slack workspace; messages to it will fail until it is reinstalled",
    );
  });
  bolt.event("tokens_revoked", async ({ body }) => {
    rt.log.warn({ team: (body as { team_id?: string }).team_id }, "Slack tokens were revoked; set a new SLACK_BOT_TOKEN");
  });
}

async function onMessage(rt: SlackRuntime, body: unknown, raw: unknown, context: BoltContext): Promise<void> {
  const receivedAt = new Date();
  const envelope = envelopeSchema.safeParse(body);
  const parsed = messageSchema.safeParse(raw);
  if (!envelope.success || !parsed.success) {
    const subtype = (raw as { subtype?: string } | undefined)?.subtype;
    // Edits, deletions and bot posts legitimately lack a user; anything else is malformed.
    if (!subtype)
      rt.log.warn({ issues: (envelope.error ?? parsed.error)?.issues.slice(0, 5) }, "Slack message event with missing fields ignored");
    return;
  }
  const message = parsed.data;
  const botUserId = context.botUserId ?? "";
  if (!WRITTEN.has(message.subtype) || message.bot_id || message.user === botUserId) return;
  if (!(await addressedToBot(rt, message, botUserId))) return;

  const { text, truncated } = messageText(message.text, botUserId);
  if (truncated)
    rt.log.info(
      { delivery: envelope.data.event_id, length: message.text.length },
      "very long Slack message; the core reads the first part",
    );
  const { files, skipped } = sharedFiles(message.files);
  if (skipped > 0) rt.log.info({ delivery: envelope.data.event_id, skipped }, "Slack files without a download URL left out");
  const { actor, locale } = await actorOf(rt, message.user);
  const event = messageEvent(
    envelope.data.event_id,
    message,
    text,
    actor,
    { receivedAt, retryNum: context.retryNum, retryReason: context.retryReason },
    locale,
    files,
  );
  if (event.conversation.kind === "personal") rt.users.rememberDm(message.user, message.channel);
  else if (event.conversation.threadId) rt.threads.remember(message.channel, event.conversation.threadId);
  // Recorded before Slack hears 200 (the receiver holds the response until the listener is done).
  try {
    await rt.queue.recordThenSubmit(event);
  } catch (error) {
    // Bolt logs listener errors and answers anyway; the mark makes the receiver answer 503 instead.
    markUnrecorded(body);
    throw error;
  }
}

/** DMs always; in channels a mention, or a reply in a thread the bot takes part in. */
async function addressedToBot(rt: SlackRuntime, message: SlackMessage, botUserId: string): Promise<boolean> {
  if (message.type === "app_mention") return true;
  if (message.channel_type === "im") return true;
  // The app_mention copy of this message is the one processed.
  if (botUserId && message.text.includes(`<@${botUserId}`)) return false;
  const thread = message.thread_ts;
  if (!thread || thread === message.ts) return false;
  if (message.parent_user_id && message.parent_user_id === botUserId) return true;
  return rt.threads.isEngaged(message.channel, thread);
}
