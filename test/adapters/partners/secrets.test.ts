/**
 * Per-partner webhook secrets through POST /webhooks/partners/:partner: Microsoft has its own
 * secret (PARTNER_WEBHOOK_SECRET_MICROSOFT), Zoom has none and uses the shared fallback
 * (PARTNER_WEBHOOK_SECRET). A partner's path takes only that partner's secret, so neither the
 * shared secret nor another partner's lets anyone act as Microsoft.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sign } from "../../../adapters/webhook/signature.ts";
import { eventually } from "../../support/app.ts";
import { createBridgeBed, openPartnerCase, openTicket, received, SECRET, type BridgeBed } from "../../bot/partners/support.ts";

const MICROSOFT_SECRET = "microsoft-own-secret";

describe("per-partner webhook secrets", () => {
  let t: BridgeBed;
  let ticket: string;
  const trace = async () => ({
    deliveries: await t.app.db.prisma.inboundDelivery.count({ where: { platform: "partner" } }),
    events: await t.app.db.prisma.caseEvent.count(),
  });
  const post = (partner: string, secret: string, event: Record<string, unknown>) => {
    const body = JSON.stringify(event);
    const timestamp = Math.floor(Date.now() / 1000);
    return fetch(`${t.baseUrl}/webhooks/partners/${partner}`, {
      method: "POST",
      headers: { "x-switchboard-timestamp": String(timestamp), "x-switchboard-signature": sign(secret, timestamp, body) },
      body,
    });
  };
  const comment = (id: string, body: string) => ({
    id,
    type: "comment.created",
    ticket,
    comment: { id: `c-${id}`, author: { name: "Sam Patel" }, body },
  });

  beforeAll(async () => {
    t = await createBridgeBed({ env: { PARTNER_WEBHOOK_SECRET_MICROSOFT: MICROSOFT_SECRET }, simulator: { secret: MICROSOFT_SECRET } });
    ticket = await openTicket(t, await openPartnerCase(t));
  });
  afterAll(async () => {
    await t?.close();
  });

  it("refuses Microsoft's path signed with the shared secret or with another partner's, and nothing happens", async () => {
    const before = await trace();
    const shared = await post("microsoft", SECRET, comment("forged-1", "signed with the shared secret"));
    expect(shared.status).toBe(401);
    expect(((await shared.json()) as { error: string }).error).toContain("signature does not match");
    const zoomSigned = await post("microsoft", "zoom-knows-only-the-shared-one", comment("forged-2", "signed as someone else"));
    expect(zoomSigned.status).toBe(401);
    expect(await trace()).toEqual(before);
    expect(received(t, "dm:employee")).not.toMatch(/shared secret|someone else/);
  });

  it("takes Microsoft's path signed with Microsoft's own secret", async () => {
    const response = await post("microsoft", MICROSOFT_SECRET, comment("genuine-1", "the tenant policy was fixed"));
    expect(response.status).toBe(202);
    await eventually(() => {
      if (!received(t, "dm:employee").includes("the tenant policy was fixed")) throw new Error("not mirrored yet");
    });
  });

  it("refuses Microsoft's secret on Zoom's path; Zoom, without a secret of its own, signs with the shared one", async () => {
    const withMicrosoft = await post("zoom", MICROSOFT_SECRET, comment("zoom-1", "microsoft posing as zoom"));
    expect(withMicrosoft.status).toBe(401);
    const withShared = await post("zoom", SECRET, comment("zoom-2", "zoom with the shared secret"));
    expect(withShared.status).toBe(202);
  });

  it("signs what it sends Microsoft with Microsoft's own secret", () => {
    expect(t.simulator.stats.received).toBeGreaterThan(0);
    expect(t.simulator.stats.badSignature).toBe(0);
  });
});
