import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importData, parseImportFile } from "../../../bot/people/importer.ts";
import {
  PEOPLE,
  TENANT,
  openCase,
  personalChat,
  personalMessage,
  received,
  startTeams,
  type TeamsHarness,
  type TeamsPerson,
} from "./support.ts";

/**
 * Linking a Teams identity by e-mail: anyone can create a tenant and give their profile any
 * address, so the roster's e-mail links a person only when the activity comes from the tenant of
 * that person's organization (`teamsTenantId` in the import).
 */
describe("Teams identities are linked by e-mail only within the organization's tenant", () => {
  let t: TeamsHarness;
  beforeAll(async () => {
    t = await startTeams();
    await openCase(t, PEOPLE.tom, "the Madrid boardroom bar has no audio");
  });
  afterAll(async () => {
    await t.close();
  });

  const fromTenant = (person: TeamsPerson, text: string, tenant: string, dataTenant = tenant) =>
    personalMessage(t.connector.url, person, text, {
      conversation: { id: personalChat(person), conversationType: "personal", tenantId: tenant },
      channelData: { tenant: { id: dataTenant } },
    });

  const repliesTo = (person: TeamsPerson) => received(() => t.connector.postsTo(personalChat(person)));

  it("treats someone of another tenant whose profile has a known person's e-mail as unknown: no cases, no link", async () => {
    await t.post(fromTenant(PEOPLE.mallory, "cases", "tenant-fabrikam"));
    const [reply] = await repliesTo(PEOPLE.mallory);
    expect(reply!.body.text).toMatch(/don't know you yet/);
    expect(reply!.body.text).not.toMatch(/CS-\d+|Pat|Contoso/);
    expect(await t.app.db.prisma.platformIdentity.count({ where: { platform: "teams", externalId: PEOPLE.mallory.aad } })).toBe(0);
    expect(t.logs.lines.some((line) => String(line.msg).includes("identity not linked"))).toBe(true);
  });

  it("does not link when the activity's two tenant fields disagree", async () => {
    t.connector.roster.set(`29:${PEOPLE.stranger.aad}`, { name: PEOPLE.stranger.name, email: "pat@contoso.example" });
    await t.post(fromTenant(PEOPLE.stranger, "cases", TENANT, "tenant-fabrikam"));
    const [reply] = await repliesTo(PEOPLE.stranger);
    expect(reply!.body.text).toMatch(/don't know you yet/);
    expect(await t.app.db.prisma.platformIdentity.count({ where: { platform: "teams", externalId: PEOPLE.stranger.aad } })).toBe(0);
  });

  it("links the person writing from their organization's tenant", async () => {
    await t.post(fromTenant(PEOPLE.pat, "hello", TENANT));
    const [reply] = await repliesTo(PEOPLE.pat);
    expect(reply!.body.text).toContain("Pat");
    const identity = await t.app.db.prisma.platformIdentity.findFirst({ where: { platform: "teams", externalId: PEOPLE.pat.aad } });
    expect(identity).not.toBeNull();
  });
});

describe("Teams: the vendor's staff are linked by e-mail only from the bot's own tenant", () => {
  let t: TeamsHarness;
  const kim = { aad: "aad-kim", name: "Kim Engineer" };
  const impostor = { aad: "aad-kim-impostor", name: "Kim Engineer" };
  beforeAll(async () => {
    t = await startTeams({ MICROSOFT_APP_TENANT_ID: "tenant-vendor" });
    const vendor = { people: [{ key: "eng-kim", name: kim.name, email: "kim@vendor.example", role: "engineer" }] };
    await importData(t.app.db, t.app.catalog, parseImportFile(JSON.stringify({ version: 1, vendor })));
    t.app.services.people.invalidate();
    for (const person of [kim, impostor]) t.connector.roster.set(`29:${person.aad}`, { name: kim.name, email: "kim@vendor.example" });
  });
  afterAll(async () => {
    await t.close();
  });

  const say = async (person: TeamsPerson, tenant: string) => {
    await t.post(
      personalMessage(t.connector.url, person, "hello", {
        conversation: { id: personalChat(person), conversationType: "personal", tenantId: tenant },
        channelData: { tenant: { id: tenant } },
      }),
    );
    const [reply] = await received(() => t.connector.postsTo(personalChat(person)));
    return String(reply!.body.text);
  };

  it("treats someone of a customer's tenant whose profile has an engineer's e-mail as unknown", async () => {
    expect(await say(impostor, TENANT)).toMatch(/don't know you yet/);
    expect(await t.app.db.prisma.platformIdentity.count({ where: { platform: "teams", externalId: impostor.aad } })).toBe(0);
  });

  it("links the engineer writing from the vendor's tenant (MICROSOFT_APP_TENANT_ID)", async () => {
    expect(await say(kim, "tenant-vendor")).toContain("Kim");
    expect(await t.app.db.prisma.platformIdentity.count({ where: { platform: "teams", externalId: kim.aad } })).toBe(1);
  });
});
