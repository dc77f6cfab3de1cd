/**
 * The teams-ai Application: routes each activity of a turn to the core as one normalized event.
 *
 * The turn records the event (dedupe, the change, the replies into the outbox); the outbox
 * dispatcher posts the replies, and the turn ends once the replies to this conversation are out
 * (at most REPLY_WAIT_MS), so the CloudAdapter answers Teams after the reply, as a bot replying in
 * the turn would. An `Action.Execute` press is answered at once: Teams waits for the refreshed
 * card in the invoke response, so the core hands in-place card updates back (`respondInline`).
 */
import { Application, TurnState } from "@microsoft/teams-ai";
import { ActivityTypes, CardFactory, MessageFactory, type TurnContext } from "botbuilder";
import type { Logger } from "pino";
import type { HandleResult } from "../../bot/bot.ts";
import type { InboundEvent } from "../../bot/events.ts";
import type { AdapterHost } from "../../bot/ports.ts";
import type { TeamsSettings } from "./settings.ts";
import { parseActionData, renderAdaptiveCard, toTeamsMarkdown, type AdaptiveCard } from "./adaptive-card.ts";
import { conversationFromActivity, type TeamsConversations } from "./conversations.ts";
import { RosterEmails } from "./identity.ts";
import type { DeliveryWaits } from "./delivery-waits.ts";
import { kindOf, splitConversationId, toActionEvent, toInstallEvent, toMessageEvent } from "./inbound.ts";
import { registerMessageExtension } from "./message-extension.ts";
import { teamsText } from "./messages.ts";

export interface TeamsAppDeps {
  host: AdapterHost<TeamsSettings>;
  conversations: TeamsConversations;
  waits: DeliveryWaits;
  log: Logger;
}

/** Activity types whose conversation is worth remembering for proactive messages later. */
const REMEMBERED = new Set<string>([
  ActivityTypes.Message,
  ActivityTypes.Invoke,
  ActivityTypes.ConversationUpdate,
  ActivityTypes.InstallationUpdate,
]);

/** Builds the Application with every route; `runTurn` is the CloudAdapter's turn logic. */
export function createTeamsApplication(deps: TeamsAppDeps): {
  application: Application<TurnState>;
  runTurn(context: TurnContext): Promise<void>;
} {
  const { host, conversations, waits, log } = deps;
  // No typing indicator: replies follow within milliseconds, and each indicator is one more
  // Bot Connector call per message.
  const application = new Application<TurnState>({ startTypingTimer: false, removeRecipientMention: true });
  const now = () => host.clock.now();
  const roster = new RosterEmails(host.queries.people, log, host.config.tenantId);

  const handle = async (event: InboundEvent, context?: TurnContext): Promise<HandleResult> => {
    if (context && event.kind !== "install") event.actor = await roster.complete(context, event.actor);
    const result = await host.handle(event);
    if (result.duplicate) log.info({ delivery: event.deliveryId, kind: event.kind }, "Teams redelivered an activity; already processed");
    return result;
  };

  /** Handles a message or an Action.Submit press, ending the turn once the replies here are out. */
  const handleAndWait = async (event: InboundEvent, context: TurnContext): Promise<void> => {
    const result = await handle(event, context);
    await waits.waitFor(repliesHere(event, result));
  };

  // Universal actions: act, then answer with the refreshed card (or a short note).
  application.adaptiveCards.actionExecute(/.+/, async (context, _state, data) => {
    const pressed = parseActionData(data);
    const locale = context.activity.locale;
    if (!pressed) {
      log.warn(
        { verb: (context.activity.value as { action?: { verb?: string } })?.action?.verb },
        "Action.Execute without Switchboard data",
      );
      return teamsText("teams.action.invalid", locale);
    }
    const pressedAt = Date.now();
    const event = toActionEvent(context.activity, pressed, now(), true);
    const result = await handle(event, context);
    if (result.duplicate) return teamsText("teams.action.already", locale);
    const inline = result.inline.find((message) => message.card)?.card;
    if (inline) {
      const rendered = renderAdaptiveCard(inline);
      await shareWithEveryone(context, rendered, log);
      return rendered;
    }
    // The handler may have changed the card through the outbox (its replaceKey): answer with that.
    const here = repliesHere(event, result);
    const cardId = context.activity.replyToId;
    const updated = cardId ? await waits.cardUpdateOf(cardId, pressedAt, waits.waitFor(here)) : undefined;
    if (updated) return updated;
    // Nothing changed on the card (the button posted something, or was refused): a short note
    // under it, the core's own words when it said something here (also posted as a message).
    const said = result.outbound.find((message) => message.text && message.target.conversationId === event.conversation.conversationId);
    return said?.text ? toTeamsMarkdown(said.text.slice(0, 280)) : teamsText("teams.action.done", locale);
  });

  // Action.Submit: the fallback of older clients; arrives as a message with the button's data.
  application.adaptiveCards.actionSubmit(/.+/, async (context, _state, data) => {
    const pressed = parseActionData(data);
    if (!pressed) return void log.warn("Action.Submit without Switchboard data; ignored");
    await handleAndWait(toActionEvent(context.activity, pressed, now(), false), context);
  });

  registerMessageExtension(application, deps, roster);

  // A malformed universal action (no action, no verb, no data): Teams expects an error response.
  application.addRoute(
    async (context) => context.activity.type === ActivityTypes.Invoke && context.activity.name === "adaptiveCard/action",
    async (context) => {
      log.warn({ value: typeof context.activity.value }, "adaptiveCard/action invoke without a valid action; refused");
      await context.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: {
          status: 400,
          body: {
            statusCode: 400,
            type: "application/vnd.microsoft.error",
            value: { code: "BadRequest", message: "missing or malformed action" },
          },
        },
      });
    },
    true,
  );

  application.activity(ActivityTypes.Message, async (context) => {
    if (!context.activity.text && context.activity.value !== undefined)
      return void log.info("message with data but no Switchboard button; ignored");
    const { event, truncated } = toMessageEvent(context.activity, now());
    if (truncated) log.warn({ delivery: event.deliveryId, length: context.activity.text?.length }, "message text over the limit; cut");
    await handleAndWait(event, context);
  });

  const membership = async (context: TurnContext) => {
    const change = membershipChange(context);
    if (change === "removed")
      return removed(
        context,
        context.activity.type === ActivityTypes.InstallationUpdate ? "app uninstalled" : "bot removed from the conversation",
      );
    if (change === "added") return installed(context);
  };
  application.activity(ActivityTypes.ConversationUpdate, membership);
  application.activity(ActivityTypes.InstallationUpdate, membership);

  /** The app arrived in a conversation: the core hears of it; a person alone gets a welcome. */
  async function installed(context: TurnContext): Promise<void> {
    const created = await conversations.remember(conversationFromActivity(context.activity), true);
    const result = await handle(toInstallEvent(context.activity, now()));
    // Teams sends both a conversationUpdate and an installationUpdate for one install: the
    // welcome goes with whichever created the conversation. Sent in the turn: it says nothing
    // the core must know, and a redelivery (duplicate) does not repeat it.
    if (created && !result.duplicate && kindOf(context.activity) === "personal")
      await context.sendActivity({
        ...MessageFactory.text(toTeamsMarkdown(teamsText("teams.welcome", context.activity.locale))),
        textFormat: "markdown",
      });
  }

  async function removed(context: TurnContext, reason: string): Promise<void> {
    const { conversationId } = splitConversationId(context.activity.conversation?.id ?? "");
    await conversations.markGone(conversationId, reason);
    log.info({ conversation: conversationId, reason }, "Teams conversation closed to the bot");
  }

  async function runTurn(context: TurnContext): Promise<void> {
    const { activity } = context;
    // Installs remember (and may revive) the conversation themselves; removals mark it gone.
    if (REMEMBERED.has(activity.type) && !membershipChange(context)) await conversations.remember(conversationFromActivity(activity));
    const handled = await application.run(context);
    if (!handled) log.info({ type: activity.type, name: activity.name, delivery: activity.id }, "Teams activity not handled");
  }

  return { application, runTurn };
}

/** The outbox keys of the replies that go to the conversation the event came from. */
function repliesHere(event: InboundEvent, result: HandleResult): string[] {
  return result.outboundKeys.filter((_key, i) => result.outbound[i]?.target.conversationId === event.conversation.conversationId);
}

/** Whether the activity adds the bot to a conversation or removes it from one. */
function membershipChange(context: TurnContext): "added" | "removed" | undefined {
  const { activity } = context;
  const bot = activity.recipient?.id;
  if (activity.type === ActivityTypes.InstallationUpdate) {
    const action = String(activity.action ?? "");
    return action.startsWith("remove") ? "removed" : action.startsWith("add") ? "added" : undefined;
  }
  if (activity.type !== ActivityTypes.ConversationUpdate) return undefined;
  if ((activity.membersRemoved ?? []).some((member) => member.id === bot)) return "removed";
  return (activity.membersAdded ?? []).some((member) => member.id === bot) ? "added" : undefined;
}

/**
 * The invoke response refreshes the card for the person who pressed; in a group chat or channel
 * the others see the same message, so it is updated for everyone too (a PUT: safe to repeat).
 */
async function shareWithEveryone(context: TurnContext, card: AdaptiveCard, log: Logger): Promise<void> {
  if (kindOf(context.activity) === "personal" || !context.activity.replyToId) return;
  try {
    await context.updateActivity({ ...MessageFactory.attachment(CardFactory.adaptiveCard(card)), id: context.activity.replyToId });
  } catch (error) {
    log.warn({ err: error, message: context.activity.replyToId }, "could not update the card for everyone; the presser sees it");
  }
}
