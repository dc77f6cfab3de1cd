/**
 * Interactivity: buttons, modals and the `/switchboard` slash command. Each listener acks first
 * (Slack's 3 seconds), except where a modal must open: `views.open` needs the trigger id within
 * those 3 seconds, so it is called right after the ack, before anything slower.
 *
 * Buttons of the core's cards become action events; a card with inputs opens a modal first and
 * its submission is the action with the values. The adapter's own buttons (`slack.*`, on the
 * Home tab) open the "open a case" and "register a product" forms or ask for help. Answers to
 * slash commands, Home buttons and forms go to the person's DM with the bot: a slash command may
 * be typed in a channel the bot is not in, and its answers are the person's own business.
 */
import type { App as BoltApp } from "@slack/bolt";
import { MAX_TEXT_LENGTH, type ConversationRef } from "../../bot/events.ts";
import type { Language } from "../../core/vocabulary.ts";
import { languageFromLocale } from "../../bot/i18n/index.ts";
import {
  actionBodySchema,
  actionEvent,
  commandEvent,
  commandSchema,
  conversationKind,
  plainText,
  viewSubmissionSchema,
  type DeliveryInfo,
} from "./inbound.ts";
import { MODAL, commandTextOf, inputsModal, openCaseModal, readOrigin, readViewValues, registerModal, type ModalOrigin } from "./modals.ts";
import { parseButtonValue } from "./render.ts";
import { actorOf, type SlackRuntime } from "./runtime.ts";

const OPEN_CASE_WORDS = /^(open|new|open case|open a case|new case|abrir|abrir caso|abrir un caso|nuevo caso)$/i;
const REGISTER_WORDS = /^(register|registrar|register a product|registrar un producto)$/i;

export function registerInteractionListeners(bolt: BoltApp, rt: SlackRuntime): void {
  bolt.action(/.+/, async ({ ack, body }) => {
    await ack();
    const receivedAt = new Date();
    const parsed = actionBodySchema.safeParse(body);
    if (!parsed.success) {
      rt.log.warn({ issues: parsed.error.issues.slice(0, 5) }, "Slack interaction with missing fields ignored");
      return;
    }
    const b = parsed.data;
    const action = b.actions[0]!;
    const actionId = action.action_id.split("~")[0]!;
    if (actionId === "slack.link") return;
    const lang = await languageOf(rt, b.user.id);
    if (actionId === "slack.open_case" || actionId === "slack.register") {
      const origin: ModalOrigin = { l: lang };
      await openModal(rt, b.trigger_id, actionId === "slack.open_case" ? openCaseModal(origin) : registerModal(origin));
      return;
    }
    const inMessage = b.container?.type === "message" && b.channel;
    const threadId = b.message?.thread_ts ?? b.container?.thread_ts;
    const payload = parseButtonValue(action.value);
    if (payload.i?.length) {
      const origin: ModalOrigin = {
        c: inMessage ? b.channel!.id : undefined,
        t: threadId,
        m: b.container?.message_ts,
        a: actionId,
        v: payload.v,
        l: lang,
      };
      const label = (body as { actions?: { text?: { text?: string } }[] }).actions?.[0]?.text?.text ?? "";
      await openModal(rt, b.trigger_id, inputsModal(label, payload.i, origin));
      return;
    }
    const info: DeliveryInfo = { receivedAt };
    const { actor, locale } = await actorOf(rt, b.user.id);
    if (actionId === "slack.help") {
      const conversation = await dmOf(rt, b.user.id);
      void rt.queue.submit(commandEvent(`action:${b.trigger_id}`, "/switchboard", "help", actor, conversation, info, locale));
      return;
    }
    const conversation: ConversationRef = inMessage
      ? {
          platform: "slack",
          conversationId: b.channel!.id,
          ...(threadId ? { threadId } : {}),
          kind: conversationKind(b.channel!.id),
          tenantId: b.user.team_id,
        }
      : await dmOf(rt, b.user.id);
    const messageId = inMessage ? b.container?.message_ts : undefined;
    void rt.queue.submit(
      actionEvent(`action:${b.trigger_id}`, { actionId, value: payload.v, messageId }, actor, conversation, info, locale),
    );
  });

  bolt.command(/.+/, async ({ ack, body }) => {
    await ack();
    const receivedAt = new Date();
    const parsed = commandSchema.safeParse(body);
    if (!parsed.success) {
      rt.log.warn({ issues: parsed.error.issues.slice(0, 5) }, "Slack slash command with missing fields ignored");
      return;
    }
    const command = parsed.data;
    const text = plainText(command.text).replace(/\s+/g, " ").trim().slice(0, MAX_TEXT_LENGTH);
    if (OPEN_CASE_WORDS.test(text) || REGISTER_WORDS.test(text)) {
      const origin: ModalOrigin = { l: await languageOf(rt, command.user_id) };
      await openModal(rt, command.trigger_id, OPEN_CASE_WORDS.test(text) ? openCaseModal(origin) : registerModal(origin));
      return;
    }
    const { actor, locale } = await actorOf(rt, command.user_id);
    const conversation = await dmOf(rt, command.user_id);
    void rt.queue.submit(commandEvent(`command:${command.trigger_id}`, command.command, text, actor, conversation, { receivedAt }, locale));
  });

  bolt.view({ type: "view_submission", callback_id: /^sb\./ }, async ({ ack, body }) => {
    await ack();
    const receivedAt = new Date();
    const parsed = viewSubmissionSchema.safeParse(body);
    if (!parsed.success) {
      rt.log.warn({ issues: parsed.error.issues.slice(0, 5) }, "Slack modal submission with missing fields ignored");
      return;
    }
    const { user, view } = parsed.data;
    const origin = readOrigin(view.private_metadata);
    const values = readViewValues(view.state);
    const { actor, locale } = await actorOf(rt, user.id);
    const conversation: ConversationRef = origin.c
      ? {
          platform: "slack",
          conversationId: origin.c,
          ...(origin.t ? { threadId: origin.t } : {}),
          kind: conversationKind(origin.c),
          tenantId: user.team_id,
        }
      : await dmOf(rt, user.id);
    // The view id: submitting the same modal twice (a double click) is one delivery.
    const deliveryId = `view:${view.id}`;
    const info: DeliveryInfo = { receivedAt };
    if (view.callback_id === MODAL.inputs && origin.a) {
      void rt.queue.submit(
        actionEvent(
          deliveryId,
          { actionId: origin.a, value: origin.v ?? {}, inputs: values, messageId: origin.m },
          actor,
          conversation,
          info,
          locale,
        ),
      );
      return;
    }
    const text = commandTextOf(view.callback_id, values);
    if (!text) {
      rt.log.warn({ callback: view.callback_id }, "Slack modal submission without the required values ignored");
      return;
    }
    void rt.queue.submit(commandEvent(deliveryId, "/switchboard", text, actor, conversation, info, locale));
  });
}

async function openModal(
  rt: SlackRuntime,
  triggerId: string,
  view: Parameters<SlackRuntime["api"]["views"]["open"]>[0]["view"],
): Promise<void> {
  await rt.api.views
    .open({ trigger_id: triggerId, view })
    .catch((error: unknown) => rt.log.warn({ err: error }, "could not open a Slack modal"));
}

/** The person's DM with the bot, as a conversation. */
async function dmOf(rt: SlackRuntime, userId: string): Promise<ConversationRef> {
  return { platform: "slack", conversationId: await rt.users.dmChannel(userId), kind: "personal" };
}

/** The person's language for a modal; English if Slack is slow to say (the trigger id expires in 3 s). */
async function languageOf(rt: SlackRuntime, userId: string): Promise<Language> {
  let timer: NodeJS.Timeout | undefined;
  const profile = await Promise.race([
    rt.users.profile(userId),
    new Promise<{ locale?: string }>((resolve) => (timer = setTimeout(() => resolve({}), 800))),
  ]);
  clearTimeout(timer);
  return languageFromLocale(profile.locale) ?? "en";
}
