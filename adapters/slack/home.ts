/**
 * The App Home tab: the person's open cases (an admin sees the organization's), and for
 * engineers their queue — cases assigned to them, the open ones nobody has taken, and the open
 * escalations (bot/cases/queue.ts chooses them; this file renders them). Published
 * each time the tab is opened (views.publish replaces the whole view, so it is idempotent).
 * Unknown people see the same polite explanation the core gives in a message.
 */
import type { types } from "@slack/bolt";
import type { Viewer } from "../../bot/authz.ts";
import { statusLabel } from "../../bot/cases/card.ts";
import type { Language } from "../../core/vocabulary.ts";
import { languageFromLocale, translate, translator } from "../../bot/i18n/index.ts";
import type { EscalationSummary } from "../../bot/escalations/service.ts";
import type { CaseView } from "../../bot/cases/view.ts";
import type { EngineerQueue } from "../../bot/cases/queue.ts";
import { slackText, type SlackMessageKey } from "./messages.ts";
import { buttonValue, clip, escapeMrkdwn } from "./render.ts";
import { actorOf, type SlackRuntime } from "./runtime.ts";

type Block = types.KnownBlock;

const SHOWN_PER_LIST = 15;

/** Builds and publishes the Home tab for a Slack user. */
export async function publishHome(rt: SlackRuntime, userId: string, teamId?: string): Promise<void> {
  const { actor, locale } = await actorOf(rt, userId);
  const viewer = await rt.host.queries.people.resolve(actor);
  const lang: Language = viewer?.locale ?? languageFromLocale(locale) ?? "en";
  const blocks = viewer ? await homeBlocks(rt.host.queries.queue, viewer, lang) : unknownBlocks(lang);
  await rt.api.views.publish({ user_id: userId, view: { type: "home", blocks } });
  rt.log.debug({ user: userId, team: teamId, person: viewer?.personId }, "App Home published");
}

/** The blocks for a known person. */
export async function homeBlocks(queue: EngineerQueue, viewer: Viewer, lang: Language): Promise<Block[]> {
  const t = (key: SlackMessageKey, params?: Record<string, string | number>) => slackText(lang, key, params);
  const blocks: Block[] = [
    { type: "header", text: { type: "plain_text", text: t("home.title") } },
    { type: "section", text: { type: "mrkdwn", text: t("home.intro") } },
    {
      type: "actions",
      elements: [
        button(t("home.openCase"), "slack.open_case~0", {}, "primary"),
        button(t("home.register"), "slack.register~1", {}),
        button(t("home.help"), "slack.help~2", {}),
      ],
    },
  ];
  const lists = await queue.homeOf(viewer);
  if (lists.kind === "engineer") {
    blocks.push(...caseList(t("home.queue"), lists.assigned, lang));
    blocks.push(...caseList(t("home.unassigned"), lists.unassigned, lang));
    blocks.push(...escalationList(t("home.escalations"), lists.escalations, lang));
  } else blocks.push(...caseList(t(lists.kind === "organization" ? "home.org" : "home.mine"), lists.cases, lang));
  blocks.push({
    type: "context",
    elements: [{ type: "mrkdwn", text: t("home.updated", { time: new Date().toISOString().slice(0, 16).replace("T", " ") }) }],
  });
  return blocks;
}

function unknownBlocks(lang: Language): Block[] {
  return [
    { type: "header", text: { type: "plain_text", text: slackText(lang, "home.title") } },
    { type: "section", text: { type: "mrkdwn", text: translate(lang, "error.unknownPerson", { platform: "Slack" }) } },
  ];
}

function caseList(title: string, cases: CaseView[], lang: Language): Block[] {
  const t = translator(lang);
  const blocks: Block[] = [{ type: "divider" }, { type: "section", text: { type: "mrkdwn", text: `*${escapeMrkdwn(title)}*` } }];
  if (cases.length === 0) {
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: slackText(lang, "home.none") }] });
    return blocks;
  }
  for (const view of cases.slice(0, SHOWN_PER_LIST)) {
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text: clip(`*${view.ref}* · ${view.severity} · ${escapeMrkdwn(statusLabel(t, view.status))}\n${escapeMrkdwn(view.title)}`, 3_000),
      },
      accessory: button(slackText(lang, "home.view"), "case.view~0", { case: view.ref }),
    });
  }
  if (cases.length > SHOWN_PER_LIST)
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: slackText(lang, "home.more", { count: cases.length - SHOWN_PER_LIST }) }],
    });
  return blocks;
}

function escalationList(title: string, escalations: EscalationSummary[], lang: Language): Block[] {
  const blocks: Block[] = [{ type: "divider" }, { type: "section", text: { type: "mrkdwn", text: `*${escapeMrkdwn(title)}*` } }];
  if (escalations.length === 0) return [...blocks, { type: "context", elements: [{ type: "mrkdwn", text: slackText(lang, "home.none") }] }];
  for (const e of escalations.slice(0, SHOWN_PER_LIST)) {
    const state = slackText(lang, e.acknowledged ? "home.acknowledged" : "home.unacknowledged");
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text: clip(`*${e.ref}* · L${e.level} · ${e.severity} · ${state}\n${escapeMrkdwn(`${e.organizationName}: ${e.title}`)}`, 3_000),
      },
      accessory: button(slackText(lang, "home.view"), "case.view~0", { case: e.ref }),
    });
  }
  return blocks;
}

function button(label: string, actionId: string, value: Record<string, string>, style?: "primary"): types.Button {
  return {
    type: "button",
    text: { type: "plain_text", text: clip(label, 75) },
    action_id: actionId,
    value: buttonValue(value),
    ...(style ? { style } : {}),
  };
}
