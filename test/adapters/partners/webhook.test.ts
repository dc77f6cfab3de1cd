/**
 * POST /webhooks/partners/:partner through the real HTTP endpoint, signed as a partner signs:
 * refusals leave no trace, invalid events are named by field, events about tickets the partner
 * does not own change nothing — and what Switchboard sends the partner is signed too.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sign } from "../../../adapters/webhook/signature.ts";
import { eventually } from "../../support/app.ts";
import { createBridgeBed, openPartnerCase, openTicket, received, SECRET, type BridgeBed } from "../../bot/partners/support.ts";

describe("POST /webhooks/partners/:partner", () => {
  let t: BridgeBed;
  let ref: string;
  let ticket: string;
  const trace = async () => ({
    deliveries: await t.app.db.prisma.inboundDelivery.count({ where: { platform: "partner" } }),
    events: await t.app.db.prisma.caseEvent.count(),
  });
  const comment = (body: string, id = `c-${body.length}-${Date.now()}`) => ({
    type: "comment.created",
    ticket,
    comment: { id, author: { name: "Sam Patel" }, body },
  });

  beforeAll(async () => {
    t = await createBridgeBed();
    ref = await openPartnerCase(t);
    ticket = await openTicket(t, ref);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("refuses a wrong signature, an expired timestamp or a missing one, and nothing happens", async () => {
    const before = await trace();
    const wrong = await t.simulator.send(comment("signed with the wrong secret"), { secret: "not-the-secret", retries: 0 });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error).toContain("signature does not match");
    const old = await t.simulator.send(comment("ten minutes late"), { timestamp: Math.floor(Date.now() / 1000) - 600, retries: 0 });
    expect(old.status).toBe(401);
    expect(old.json.error).toContain("outside the 300 s replay window");
    const unsigned = await fetch(`${t.baseUrl}/webhooks/partners/microsoft`, {
      method: "POST",
      body: JSON.stringify({ id: "e1", ...comment("unsigned") }),
    });
    expect(unsigned.status).toBe(401);
    expect(await trace()).toEqual(before);
    expect(received(t, "dm:employee")).not.toMatch(/wrong secret|ten minutes late|unsigned/);
  });

  it("answers 404 for an unknown partner and names the fields of invalid events while processing the valid ones", async () => {
    const body = JSON.stringify({ id: "e-x", ...comment("for nobody") });
    const timestamp = Math.floor(Date.now() / 1000);
    const unknown = await fetch(`${t.baseUrl}/webhooks/partners/acme-cloud`, {
      method: "POST",
      headers: { "x-switchboard-timestamp": String(timestamp), "x-switchboard-signature": sign(SECRET, timestamp, body) },
      body,
    });
    expect(unknown.status).toBe(404);
    const batch = await t.simulator.send({
      events: [
        { id: "batch-1", ...comment("valid one in a batch", "batch-c1") },
        { id: "batch-2", type: "ticket.status", ticket, status: "exploded" },
        { id: "batch-3", type: "comment.created", ticket, comment: { id: "c3" } },
      ],
    });
    expect(batch.status).toBe(202);
    expect(batch.json.accepted).toBe(1);
    const problems = JSON.stringify(batch.json.rejected);
    expect(problems).toContain("events[1].status: must be one of open, in_progress, waiting_vendor, resolved, closed, refused");
    expect(problems).toContain("events[2].comment.body: is required");
    await eventually(() => {
      if (!received(t, "dm:employee").includes("valid one in a batch")) throw new Error("not mirrored");
    });
  });

  it("ignores an event about a ticket that is not the partner's", async () => {
    // Zoom's system naming Microsoft's ticket: its events are looked up among Zoom's tickets only.
    const before = await trace();
    const body = JSON.stringify({ id: "zoom-1", ...comment("zoom writing on a microsoft ticket") });
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await fetch(`${t.baseUrl}/webhooks/partners/zoom`, {
      method: "POST",
      headers: { "x-switchboard-timestamp": String(timestamp), "x-switchboard-signature": sign(SECRET, timestamp, body) },
      body,
    });
    expect(response.status).toBe(202);
    expect((await trace()).events).toBe(before.events);
    expect(received(t, "dm:employee")).not.toContain("zoom writing");
  });

  it("signs everything it sends the partner", async () => {
    expect(t.simulator.stats.received).toBeGreaterThan(0);
    expect(t.simulator.stats.badSignature).toBe(0);
  });
});
