/**
 * One Switchboard with the engineers' channel on Slack AND on Teams, as a vendor running both has
 * it: Slack against the loopback Web API (FakeSlack), Teams against the loopback Bot Connector
 * (FakeConnector), one organization present on both, and two engineers — Lee (Slack and Teams)
 * and Sam (Teams). Requests go through the front door: signed Slack interactions on
 * /slack/events, Activity JSON on /api/messages.
 */
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import type { Clock } from "../../../core/clock.ts";
import type { Provider } from "../../../db/client.ts";
import { importData, parseImportFile } from "../../../bot/people/importer.ts";
import { FakeSlack } from "../../adapters/slack/fake-slack.ts";
import { SIGNING_SECRET, TEAM } from "../../adapters/slack/testbed.ts";
import { BOT, FakeConnector, personalChat, personalMessage, TENANT } from "../../adapters/teams/support.ts";
import { createTestApp, eventually, type TestApp } from "../../support/app.ts";

export const SLACK_ENGINEERS = "C0ENG";
export const TEAMS_ENGINEERS = "19:engineers@thread.tacv2";
export const LEE_SLACK = "U0LEE";
export const TEAMS = {
  ana: { aad: "aad-ana", name: "Ana García" },
  lee: { aad: "aad-lee", name: "Lee Chen" },
  sam: { aad: "aad-sam", name: "Sam Ortiz" },
} as const;

function fixture(serviceUrl: string) {
  return {
    version: 1,
    vendor: {
      people: [
        {
          key: "eng-lee",
          name: "Lee Chen",
          email: "lee@vendor.test",
          role: "engineer",
          identities: { slack: LEE_SLACK, teams: TEAMS.lee.aad },
        },
        { key: "eng-sam", name: "Sam Ortiz", email: "sam@vendor.test", role: "engineer", identities: { teams: TEAMS.sam.aad } },
      ],
      channels: [
        { purpose: "engineers", platform: "slack", conversationId: SLACK_ENGINEERS, extra: { name: "#support-engineers" } },
        { purpose: "engineers", platform: "teams", conversationId: TEAMS_ENGINEERS, extra: { serviceUrl, name: "Support engineers" } },
      ],
    },
    organizations: [
      {
        key: "acme",
        name: "Acme Corp",
        slackTeamId: TEAM,
        teamsTenantId: TENANT,
        contracts: [
          {
            key: "acme-premium",
            plan: "premium",
            coverage: "24x7",
            timeZone: "Europe/Madrid",
            holidayCountry: "ES",
            startsOn: "2026-01-01",
            endsOn: "2030-12-31",
          },
        ],
        people: [{ key: "ana", name: TEAMS.ana.name, email: "ana@acme.test", role: "employee", identities: { teams: TEAMS.ana.aad } }],
      },
    ],
  };
}

export interface BothPlatforms {
  t: TestApp;
  slack: FakeSlack;
  connector: FakeConnector;
  slackUrl: string;
  teamsUrl: string;
  /** POSTs an activity to /api/messages; the body of an invoke's answer is parsed. */
  teams(activity: unknown): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function startBothPlatforms(clock?: Clock, provider: Provider = "sqlite"): Promise<BothPlatforms> {
  const slack = await new FakeSlack({ id: TEAM, botUserId: "UBOT", botId: "BBOT" }).start();
  slack.addUser({ id: LEE_SLACK, email: "lee@vendor.test", name: "Lee Chen", locale: "en-US" });
  const connector = await new FakeConnector().start();
  const t = await createTestApp({
    seedDemo: false,
    start: false,
    clock,
    provider,
    env: { SLACK_BOT_TOKEN: "xoxb-test-token", SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl },
  });
  await importData(t.app.db, t.app.catalog, parseImportFile(JSON.stringify(fixture(connector.url))));
  t.app.services.people.invalidate();
  t.app.services.directory.invalidate();
  await t.app.start();
  const port = (t.app.http.server.address() as AddressInfo).port;
  const teamsUrl = `http://127.0.0.1:${port}/api/messages`;
  // The app is installed in the Teams engineers' channel, as in a real team: Teams tells the bot,
  // which keeps the channel's conversation reference for proactive posts and thread replies.
  await fetch(teamsUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      channelId: "msteams",
      serviceUrl: connector.url,
      timestamp: new Date().toISOString(),
      recipient: BOT,
      type: "installationUpdate",
      action: "add",
      id: randomUUID(),
      from: { id: `29:${TEAMS.lee.aad}`, name: TEAMS.lee.name, aadObjectId: TEAMS.lee.aad },
      conversation: { id: TEAMS_ENGINEERS, conversationType: "channel", isGroup: true, tenantId: TENANT },
      channelData: { tenant: { id: TENANT }, team: { id: "19:team@thread.tacv2" }, channel: { id: TEAMS_ENGINEERS } },
    }),
  });
  await eventually(async () => {
    if (!(await t.app.db.prisma.teamsConversation.findUnique({ where: { conversationId: TEAMS_ENGINEERS } })))
      throw new Error("not installed yet");
  });
  return {
    t,
    slack,
    connector,
    slackUrl: `http://127.0.0.1:${port}/slack/events`,
    teamsUrl,
    async teams(activity) {
      const response = await fetch(teamsUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(activity),
      });
      const text = await response.text();
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = undefined;
      }
      return { status: response.status, body };
    },
    async close() {
      await t.close();
      await connector.stop();
      await slack.stop();
    },
  };
}

/** Ana opens a case from her Teams chat; resolves once it exists and both engineers' cards are out. */
export async function openCaseOnBoth(bed: BothPlatforms, text: string) {
  await bed.teams(personalMessage(bed.connector.url, TEAMS.ana, `open case ${text}`));
  const row = await eventually(async () => {
    const found = await bed.t.app.db.prisma.case.findFirst({ where: { description: { contains: text.slice(5, 30) } } });
    if (!found) throw new Error("case not opened yet");
    return found;
  });
  const cards = await eventually(async () => {
    const refs = await bed.t.app.db.prisma.messageRef.findMany({ where: { replaceKey: `case:${row.id}:support` } });
    const slack = refs.find((r) => r.platform === "slack" && r.conversationId === SLACK_ENGINEERS);
    const teams = refs.find((r) => r.platform === "teams" && r.conversationId === TEAMS_ENGINEERS);
    if (!slack || !teams) throw new Error("the engineers' cards are not out yet");
    return { slack: slack.messageId, teams: teams.messageId };
  });
  return { id: row.id, number: row.number, ref: `CS-${row.number}`, cards };
}

/** The engineers add the app in their personal chats (Teams keeps a reference the bot writes to). */
export async function installPersonalChats(bed: BothPlatforms, people: { aad: string; name: string }[]): Promise<void> {
  for (const person of people) {
    await bed.teams({ ...personalMessage(bed.connector.url, person, ""), type: "installationUpdate", action: "add", text: undefined });
    await eventually(async () => {
      if (!(await bed.t.app.db.prisma.teamsConversation.findUnique({ where: { conversationId: personalChat(person) } })))
        throw new Error("personal chat not stored yet");
    });
  }
}

/** Waits until the outbox has nothing left to send (pending or in flight). */
export async function outboxSettled(bed: BothPlatforms): Promise<void> {
  await eventually(async () => {
    const left = await bed.t.app.db.prisma.outbox.count({ where: { status: { in: ["pending", "sending"] } } });
    if (left > 0) {
      const rows = await bed.t.app.db.prisma.outbox.findMany({ where: { status: { in: ["pending", "sending"] } } });
      throw new Error(
        `${left} messages still in the outbox: ${JSON.stringify(rows.map((r) => [r.platform, r.conversationId, r.status, r.attempts, r.lastError, r.payload.slice(0, 200)]))}`,
      );
    }
  });
}

/** An Action.Execute press in the Teams engineers' channel, on the card message `cardId`. */
export function teamsPress(serviceUrl: string, person: { aad: string; name: string }, cardId: string, verb: string, data: unknown) {
  return {
    channelId: "msteams",
    serviceUrl,
    timestamp: new Date().toISOString(),
    recipient: BOT,
    locale: "en-US",
    type: "invoke",
    name: "adaptiveCard/action",
    id: randomUUID(),
    replyToId: cardId,
    from: { id: `29:${person.aad}`, name: person.name, aadObjectId: person.aad },
    conversation: { id: `${TEAMS_ENGINEERS};messageid=${cardId}`, conversationType: "channel", isGroup: true, tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, team: { id: "19:team@thread.tacv2" }, channel: { id: TEAMS_ENGINEERS } },
    value: { action: { type: "Action.Execute", verb, data } },
  };
}
