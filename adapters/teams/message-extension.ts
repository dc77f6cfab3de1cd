/**
 * The message extension: "Search the documentation" in the compose box (passages as cards to
 * insert), and the message action "Create a case from this message" (a short form, prefilled from
 * the message, that opens the case through the core like a typed "open case …").
 */
import type { Application, TurnState } from "@microsoft/teams-ai";
import { CardFactory, type TurnContext } from "botbuilder";
import type { MessagingExtensionResult, TaskModuleTaskInfo } from "botbuilder";
import type { Viewer } from "../../bot/authz.ts";
import type { Language } from "../../core/vocabulary.ts";
import { MAX_TEXT_LENGTH } from "../../bot/events.ts";
import { languageFromLocale, translate } from "../../bot/i18n/index.ts";
import type { Passage } from "../../knowledge/index.ts";
import { renderAdaptiveCard } from "./adaptive-card.ts";
import type { RosterEmails } from "./identity.ts";
import { actorOf, cleanText, toMessageEvent } from "./inbound.ts";
import { teamsMessages, teamsText } from "./messages.ts";
import type { TeamsAppDeps } from "./teams-app.ts";

/** Command ids, as declared in manifest/manifest.json. */
export const SEARCH_COMMAND = "searchDocs";
export const CREATE_CASE_COMMAND = "createCase";

const SEVERITIES = ["sev1", "sev2", "sev3", "sev4"] as const;

/** Registers the search and the create-case action on the Application. */
export function registerMessageExtension(application: Application<TurnState>, deps: TeamsAppDeps, roster: RosterEmails): void {
  const { host, log } = deps;

  /** The person and their language; undefined person = not known to Switchboard. */
  async function who(context: TurnContext): Promise<{ viewer: Viewer | undefined; lang: Language }> {
    const actor = await roster.complete(context, actorOf(context.activity));
    const viewer = actor ? await host.queries.people.resolve(actor) : undefined;
    return { viewer, lang: viewer?.locale ?? languageFromLocale(context.activity.locale) ?? "en" };
  }

  const message = (text: string): MessagingExtensionResult => ({ type: "message", text });

  application.messageExtensions.query(SEARCH_COMMAND, async (context, _state, query) => {
    const { viewer, lang } = await who(context);
    if (!viewer) return message(translate(lang, "error.unknownPerson", { platform: "Teams" }));
    const text = String(query.parameters.query ?? "")
      .trim()
      .slice(0, 500);
    if (!text) return message(teamsMessages[lang]["teams.search.empty"]);
    const passages = host.queries.documentation.search(text, { limit: query.skip + query.count }).slice(query.skip);
    log.info({ passages: passages.length }, "Teams documentation search");
    if (passages.length === 0) return message(teamsMessages[lang]["teams.search.none"]);
    return { type: "result", attachmentLayout: "list", attachments: passages.map((passage) => passageAttachment(passage, lang)) };
  });

  application.messageExtensions.fetchTask(CREATE_CASE_COMMAND, async (context): Promise<TaskModuleTaskInfo | string> => {
    const { lang } = await who(context);
    const text = payloadText(context);
    if (!text) return teamsMessages[lang]["teams.case.empty"];
    return {
      title: teamsMessages[lang]["teams.case.dialogTitle"],
      width: "medium",
      height: "medium",
      card: CardFactory.adaptiveCard(caseForm(text, lang)),
    };
  });

  application.messageExtensions.submitAction(CREATE_CASE_COMMAND, async (context, _state, data: Record<string, unknown>) => {
    const title = oneLine(String(data.title ?? "")).slice(0, 200);
    const details = String(data.details ?? "").trim() || payloadText(context);
    if (!title && !details) return teamsText("teams.case.empty", context.activity.locale);
    const severity = SEVERITIES.find((s) => s === data.severity) ?? "sev3";
    // Through the core as the words a person would type, so dedupe (the invoke id), identity,
    // audit and the replies in this conversation work as for any other case opened in chat.
    const { event } = toMessageEvent({ ...context.activity, text: "" }, host.clock.now());
    const actor = await roster.complete(context, event.actor);
    const opened = await host.handle({
      ...event,
      actor,
      text: `open case ${severity} ${title || oneLine(details).slice(0, 120)}\n${details}`.slice(0, MAX_TEXT_LENGTH),
    });
    log.info({ duplicate: opened.duplicate, replies: opened.outbound.length }, "case requested from a Teams message");
    return undefined;
  });
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** The text of the message the action was started on. */
function payloadText(context: TurnContext): string {
  const payload = (context.activity.value as { messagePayload?: { body?: { content?: unknown } } } | undefined)?.messagePayload;
  const content = payload?.body?.content;
  return typeof content === "string" ? cleanText(content).slice(0, MAX_TEXT_LENGTH) : "";
}

function passageAttachment(passage: Passage, lang: Language) {
  const card = renderAdaptiveCard({
    title: passage.sectionPath,
    body: passage.snippet,
    context: [passage.link ?? passage.path],
    actions: passage.link ? [{ id: "kb.link", label: teamsMessages[lang]["teams.search.open"], value: {}, url: passage.link }] : undefined,
  });
  return { ...CardFactory.adaptiveCard(card), preview: CardFactory.thumbnailCard(passage.sectionPath, passage.snippet.slice(0, 200)) };
}

/** The create-case dialog (task modules submit with Action.Submit; Execute is for messages). */
function caseForm(text: string, lang: Language) {
  const m = teamsMessages[lang];
  return {
    type: "AdaptiveCard",
    version: "1.5",
    body: [
      {
        type: "Input.Text",
        id: "title",
        label: m["teams.case.title"],
        value: oneLine(text.split(/[.!?\n]/)[0] ?? "").slice(0, 120),
        isRequired: true,
        maxLength: 200,
      },
      { type: "Input.Text", id: "details", label: m["teams.case.details"], value: text, isMultiline: true, maxLength: MAX_TEXT_LENGTH },
      {
        type: "Input.ChoiceSet",
        id: "severity",
        label: m["teams.case.severity"],
        value: "sev3",
        style: "compact",
        choices: SEVERITIES.map((s) => ({ title: m[`teams.case.severity.${s}`], value: s })),
      },
    ],
    actions: [{ type: "Action.Submit", title: m["teams.case.create"], style: "positive" }],
  };
}
