/**
 * Teams through the front door: a Switchboard app whose real CloudAdapter receives Activity JSON
 * on /api/messages, with every activity's serviceUrl pointing at a loopback Bot Connector that
 * records what the bot sends (POST …/activities[/:id], PUT …/activities/:id) and answers with ids.
 */
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { importData, parseImportFile } from "../../../bot/people/importer.ts";
import type { Env } from "../../../app/config.ts";
import type { Provider } from "../../../db/client.ts";
import { createTestApp, eventually, type TestApp } from "../../support/app.ts";
import { LoopbackServer, type RecordedRequest, type Responder } from "../../support/loopback.ts";

export const TENANT = "tenant-contoso";
export const BOT = { id: "28:switchboard-bot", name: "Switchboard" };
export const ENGINEERS_CHANNEL = "19:engineers@thread.tacv2";
export const SUPPORT_CHANNEL = "19:support@thread.tacv2";

/** Demo people as Teams knows them (AAD object ids). */
export const PEOPLE = {
  ana: { aad: "aad-ana", name: "Ana García" },
  tom: { aad: "aad-tom", name: "Tom Baker" },
  lee: { aad: "aad-lee", name: "Lee Chen" },
  /** Imported with an e-mail but no Teams identity: linked on first contact through the roster. */
  pat: { aad: "aad-pat", name: "Pat Lopez" },
  stranger: { aad: "aad-stranger", name: "Someone Else" },
  /** Of another tenant; their profile claims Pat's e-mail (see `FakeConnector.roster`). */
  mallory: { aad: "aad-mallory", name: "Mallory Fabrikam" },
} as const;
export type TeamsPerson = { readonly aad: string; readonly name: string };

/** A small organization with Teams identities, and the vendor's engineers' channel on Teams. */
function fixture(serviceUrl: string) {
  return {
    version: 1,
    vendor: {
      people: [{ key: "eng-lee", name: "Lee Chen", email: "lee@vendor.example", role: "engineer", identities: { teams: PEOPLE.lee.aad } }],
      channels: [{ purpose: "engineers", platform: "teams", conversationId: ENGINEERS_CHANNEL, extra: { serviceUrl } }],
    },
    organizations: [
      {
        key: "contoso",
        name: "Contoso Iberia",
        teamsTenantId: TENANT,
        contracts: [
          {
            key: "contoso-premium",
            plan: "premium",
            coverage: "24x7",
            timeZone: "Europe/Madrid",
            holidayCountry: "ES",
            startsOn: "2026-01-01",
            endsOn: "2030-12-31",
          },
        ],
        people: [
          {
            key: "ana",
            name: PEOPLE.ana.name,
            email: "ana@contoso.example",
            role: "employee",
            locale: "es",
            identities: { teams: PEOPLE.ana.aad },
          },
          { key: "tom", name: PEOPLE.tom.name, email: "tom@contoso.example", role: "employee", identities: { teams: PEOPLE.tom.aad } },
          { key: "pat", name: PEOPLE.pat.name, email: "pat@contoso.example", role: "employee" },
        ],
      },
    ],
  };
}

/** The loopback Bot Connector: records calls, answers each post with a fresh activity id. */
export class FakeConnector extends LoopbackServer {
  private next = 1;
  /** Answers some calls differently (e.g. 403 for a removed conversation); undefined = the usual. */
  refuse: Responder | undefined;
  private readonly refused = new WeakSet<RecordedRequest>();

  constructor() {
    super();
    this.respond((request) => {
      const refusal = this.refuse?.(request);
      if (!refusal) return this.answer(request);
      this.refused.add(request);
      return refusal;
    });
  }

  /**
   * The roster (TeamsInfo.getMember) by Teams user id: Pat with her work e-mail, and Mallory, whose
   * profile in her own tenant claims the same address. Anyone else is not found.
   */
  readonly roster = new Map<string, Record<string, string>>([
    [
      `29:${PEOPLE.pat.aad}`,
      { name: PEOPLE.pat.name, aadObjectId: PEOPLE.pat.aad, email: "Pat@Contoso.example", userPrincipalName: "pat@contoso.example" },
    ],
    [
      `29:${PEOPLE.mallory.aad}`,
      {
        name: PEOPLE.mallory.name,
        aadObjectId: PEOPLE.mallory.aad,
        email: "pat@contoso.example",
        userPrincipalName: "pat@contoso.example",
      },
    ],
  ]);

  private answer(request: RecordedRequest) {
    const member = /\/members\/([^/?]+)/.exec(request.path)?.[1];
    if (request.method === "GET" && member !== undefined) {
      const id = decodeURIComponent(member);
      const found = this.roster.get(id);
      if (!found) return { status: 404, body: { error: { code: "MemberNotFoundInConversation", message: "not found" } } };
      return { body: { id, ...found } };
    }
    if (request.method === "PUT") return { body: { id: decodeURIComponent(request.path.split("/").pop() ?? "") } };
    return { body: { id: `bot-msg-${this.next++}` } };
  }

  /** Activities the bot sent and Teams accepted (posts and updates), with their conversation. */
  activities(): { method: string; conversation: string; activityId: string | undefined; body: Record<string, any> }[] {
    return this.requests
      .filter((r) => /^\/v3\/conversations\/[^/]+\/activities/.test(r.path) && !this.refused.has(r))
      .map((r) => {
        const [, , , conversation, , activityId] = r.path.split("/");
        return {
          method: r.method,
          conversation: decodeURIComponent(conversation!),
          activityId: activityId && decodeURIComponent(activityId),
          body: r.json as Record<string, any>,
        };
      });
  }

  /** Messages posted to a conversation (a channel thread is "<channel>;messageid=<root>"). */
  postsTo(conversation: string) {
    return this.activities().filter((a) => a.method === "POST" && a.conversation === conversation && a.body?.type === "message");
  }

  /** Everything a person would read in those activities: text and card text. */
  static textOf(activity: { body: Record<string, any> }): string {
    const card = activity.body.attachments?.[0]?.content;
    return [activity.body.text ?? "", card ? JSON.stringify(card) : ""].join("\n");
  }
}

export interface TeamsHarness extends TestApp {
  connector: FakeConnector;
  url: string;
  post(activity: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; text: string }>;
  postRaw(body: string, headers?: Record<string, string>): Promise<{ status: number; text: string }>;
  close(): Promise<void>;
}

export async function startTeams(env: Env = {}, provider: Provider = "sqlite"): Promise<TeamsHarness> {
  const connector = await new FakeConnector().start();
  const t = await createTestApp({ seedDemo: false, env, provider });
  await importData(t.app.db, t.app.catalog, parseImportFile(JSON.stringify(fixture(connector.url))));
  t.app.services.people.invalidate();
  t.app.services.directory.invalidate();
  const url = `http://127.0.0.1:${(t.app.http.server.address() as AddressInfo).port}/api/messages`;
  const postRaw = async (body: string, headers: Record<string, string> = {}) => {
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
    return { status: response.status, text: await response.text() };
  };
  return {
    ...t,
    connector,
    url,
    postRaw,
    async post(activity, headers) {
      const { status, text } = await postRaw(JSON.stringify(activity), headers);
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = undefined;
      }
      return { status, body, text };
    },
    async close() {
      await t.close();
      await connector.stop();
    },
  };
}

const common = (serviceUrl: string) => ({
  channelId: "msteams",
  serviceUrl,
  timestamp: new Date().toISOString(),
  recipient: BOT,
  locale: "en-US",
  channelData: { tenant: { id: TENANT } },
});

const fromPerson = (person: TeamsPerson) => ({ id: `29:${person.aad}`, name: person.name, aadObjectId: person.aad });

/** The personal chat of a person with the bot. */
export const personalChat = (person: TeamsPerson) => `a:personal-${person.aad}`;

/** A message in the person's 1:1 chat with the bot. */
export function personalMessage(serviceUrl: string, person: TeamsPerson, text: string, extra: Record<string, unknown> = {}) {
  return {
    ...common(serviceUrl),
    type: "message",
    id: randomUUID(),
    from: fromPerson(person),
    conversation: { id: personalChat(person), conversationType: "personal", tenantId: TENANT },
    text,
    ...extra,
  };
}

/** A channel post that @mentions the bot, or a reply in the reply chain under `root`. */
export function channelMention(serviceUrl: string, person: TeamsPerson, channel: string, text: string, root?: string) {
  const id = `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  return {
    ...common(serviceUrl),
    type: "message",
    id,
    from: fromPerson(person),
    conversation: { id: `${channel};messageid=${root ?? id}`, conversationType: "channel", isGroup: true, tenantId: TENANT },
    text: `<at>${BOT.name}</at> ${text}`,
    entities: [{ type: "mention", mentioned: BOT, text: `<at>${BOT.name}</at>` }],
    channelData: { tenant: { id: TENANT }, team: { id: "19:team@thread.tacv2" }, channel: { id: channel } },
  };
}

/** An Action.Execute press on the card message `cardId` in a conversation. */
export function executeAction(
  serviceUrl: string,
  person: TeamsPerson,
  conversation: Record<string, unknown>,
  cardId: string,
  verb: string,
  data: unknown,
) {
  return {
    ...common(serviceUrl),
    type: "invoke",
    name: "adaptiveCard/action",
    id: randomUUID(),
    replyToId: cardId,
    from: fromPerson(person),
    conversation,
    value: { action: { type: "Action.Execute", verb, data } },
  };
}

/** Waits until the connector has received what `check` looks for. */
export function received<T>(check: () => T | undefined | false): Promise<T> {
  return eventually(() => {
    const value = check();
    if (value === undefined || value === false || (Array.isArray(value) && value.length === 0)) throw new Error("not received yet");
    return value;
  });
}

/** Opens a case from the person's personal chat; resolves with its reference once it exists. */
export async function openCase(t: TeamsHarness, person: TeamsPerson, text: string): Promise<{ ref: string; number: number }> {
  await t.post(personalMessage(t.connector.url, person, `open case ${text}`));
  const row = await eventually(async () => {
    const found = await t.app.db.prisma.case.findFirst({ where: { description: { contains: text } } });
    if (!found) throw new Error("case not opened yet");
    return found;
  });
  return { ref: `CS-${row.number}`, number: row.number };
}

/** The Adaptive Card of an activity the bot sent, if it has one. */
export function cardOf(activity: { body: Record<string, any> } | undefined): Record<string, any> | undefined {
  return activity?.body?.attachments?.[0]?.content;
}
