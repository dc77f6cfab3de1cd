import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importData, parseImportFile } from "../../../bot/people/importer.ts";
import { eventually } from "../../support/app.ts";
import { BO, eventEnvelope, message, sendEvent, startTestbed, type Testbed } from "./testbed.ts";

/**
 * Linking a Slack identity by e-mail: in a Slack Connect channel people of other organizations
 * write next to ours, each with a profile of their own workspace. Slack says which workspace a
 * user belongs to (users.info `team_id`); the e-mail links a person only when that workspace is
 * the person's organization's (`slackTeamId`), and links vendor staff only from the installed one.
 */
const MALLORY = "U0MAL";
const GLOBEX = "T0GLOBEX";
const VENDOR_KIM = "U0KIM";
const SHADOW_KIM = "U0KIMFAKE";
const INITECH = "T0INITECH";
const ANA = "U0ANA";

describe("Slack identities are linked by e-mail only within the person's own workspace", () => {
  let bed: Testbed;
  beforeAll(async () => {
    bed = await startTestbed({}, {}, (slack) => {
      slack.addUser({ id: MALLORY, email: "bo@acme.test", name: "Mallory", team: GLOBEX });
      slack.addUser({ id: VENDOR_KIM, email: "kim@vendor.test", name: "Kim Engineer" });
      slack.addUser({ id: SHADOW_KIM, email: "kim@vendor.test", name: "Kim Engineer", team: GLOBEX });
      slack.addUser({ id: ANA, email: "ana@initech.test", name: "Ana", team: INITECH });
    });
    // Globex is another customer whose workspace shares channels with Acme's.
    await importData(
      bed.t.app.db,
      bed.t.app.catalog,
      parseImportFile(
        JSON.stringify({
          version: 1,
          vendor: { people: [{ key: "eng-kim", name: "Kim Engineer", email: "kim@vendor.test", role: "engineer" }] },
          organizations: [
            { key: "globex", name: "Globex", slackTeamId: GLOBEX },
            // The generic form: a tenant per platform, as any chat platform would name it.
            {
              key: "initech",
              name: "Initech",
              tenants: { slack: INITECH },
              people: [{ key: "ana", name: "Ana", email: "ana@initech.test", role: "employee" }],
            },
          ],
        }),
      ),
    );
    bed.t.app.services.people.invalidate();
  });
  afterAll(() => bed.close());

  const dmReply = async (user: string, text: string) => {
    const channel = `D${user}`;
    await sendEvent(bed.url, eventEnvelope(message(user, text, { channel, channel_type: "im" })));
    const [reply] = await eventually(() => {
      const found = bed.slack.callsOf("chat.postMessage").filter((c) => c.args.channel === channel);
      expect(found).toHaveLength(1);
      return found;
    });
    return String(reply!.args.text);
  };

  it("treats a user of another workspace whose profile has a customer's e-mail as unknown", async () => {
    const text = await dmReply(MALLORY, "cases");
    expect(text).toMatch(/don't know you yet/);
    expect(text).not.toMatch(/Bo|CS-\d+/);
    expect(await bed.t.app.db.prisma.platformIdentity.count({ where: { platform: "slack", externalId: MALLORY } })).toBe(0);
  });

  it("treats a user of a customer's workspace whose profile has a vendor engineer's e-mail as unknown", async () => {
    const text = await dmReply(SHADOW_KIM, "hello");
    expect(text).toMatch(/don't know you yet/);
    expect(await bed.t.app.db.prisma.platformIdentity.count({ where: { platform: "slack", externalId: SHADOW_KIM } })).toBe(0);
  });

  it("links the customer writing from their organization's workspace, and vendor staff from the installed one", async () => {
    expect(await dmReply(BO, "hello")).toMatch(/Hi Bo/);
    expect(await dmReply(VENDOR_KIM, "hello")).toMatch(/Hi Kim/);
    expect(await bed.t.app.db.prisma.platformIdentity.count({ where: { platform: "slack", externalId: { in: [BO, VENDOR_KIM] } } })).toBe(
      2,
    );
  });

  it("links a customer whose workspace the import names in its tenants list", async () => {
    expect(await dmReply(ANA, "hello")).toMatch(/Hi Ana/);
    expect(await bed.t.app.db.prisma.platformIdentity.count({ where: { platform: "slack", externalId: ANA } })).toBe(1);
  });
});
