import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PEOPLE, personalMessage, startTeams, type TeamsHarness } from "./support.ts";

/**
 * With an app id configured, Bot Framework tokens are required. These requests are refused before
 * the adapter would fetch Microsoft's signing keys, so nothing leaves the machine; the recorder
 * proves the bot sent nothing either.
 */
describe("Teams authentication with an app id configured", () => {
  let t: TeamsHarness;
  beforeAll(async () => {
    t = await startTeams({
      MICROSOFT_APP_ID: "00000000-0000-0000-0000-00000000b07a",
      MICROSOFT_APP_PASSWORD: "not-a-real-secret",
      MICROSOFT_APP_TYPE: "SingleTenant",
      MICROSOFT_APP_TENANT_ID: "tenant-contoso",
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it("refuses an unsigned request with 401 and processes nothing", async () => {
    const activity = personalMessage(t.connector.url, PEOPLE.tom, "open case the bar is dead");
    const response = await t.post(activity);
    expect(response.status).toBe(401);
    expect(await t.app.db.prisma.inboundDelivery.count({ where: { deliveryId: activity.id } })).toBe(0);
    expect(t.connector.requests).toHaveLength(0);
    expect(t.logs.lines.some((line) => String(line.msg).includes("without a valid Bot Framework token"))).toBe(true);
  });

  it("refuses a bearer value that is not a token with 401", async () => {
    const response = await t.post(personalMessage(t.connector.url, PEOPLE.tom, "hello"), { authorization: "Bearer not-a-token" });
    expect(response.status).toBe(401);
    expect(t.connector.requests).toHaveLength(0);
  });

  it("does not warn that authentication is off", () => {
    expect(t.logs.lines.some((line) => String(line.msg).includes("authentication is OFF"))).toBe(false);
  });
});
