/**
 * Mirroring between a case's customer conversation and its partner ticket under stress: both
 * sides posting at once, retries and duplicate deliveries, one side down and back, and a partner
 * system that echoes our own comments. Each message must appear exactly once on the other side,
 * in the order it was written, and never come back to where it started. The time budgets grow
 * with the machine's load (test/support/time-scale.ts): a busy machine is slow, not broken.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testProviders } from "../../support/database.ts";
import { eventually } from "../../support/app.ts";
import { scaled } from "../../support/time-scale.ts";
import { message } from "../../support/events.ts";
import { createBridgeBed, openPartnerCase, openTicket, type BridgeBed } from "./support.ts";

const providers = await testProviders();

describe.each(providers)("mirroring between the customer and the partner (%s)", (provider) => {
  let t: BridgeBed;
  let ref: string;
  let ticket: string;

  /** What the customer's conversation shows, in order, of the lines matching `pattern`. */
  const customerSees = (pattern: RegExp) =>
    t.recorder
      .to("dm:employee")
      .map((m) => m.text ?? "")
      .filter((text) => pattern.test(text));
  /** What the partner's ticket shows, in order, of what Switchboard posted there. */
  const partnerSees = (pattern: RegExp) =>
    t.simulator.tickets
      .get(ticket)!
      .comments.filter((c) => c.fromSwitchboard && pattern.test(c.body))
      .map((c) => c.body);
  const customerComment = (text: string) => t.app.bot.handle(message("employee", `comment ${ref} ${text}`));
  /** Everything queued has been delivered (or given up), so nothing more can still arrive. */
  const drained = () =>
    eventually(async () => {
      const left = await t.app.db.prisma.outbox.count({ where: { status: { in: ["pending", "sending"] } } });
      if (left > 0) throw new Error(`${left} messages still queued`);
    }, scaled(20_000));
  const waitFor = (check: () => boolean, what: string) =>
    eventually(() => {
      if (!check()) throw new Error(`still waiting: ${what}`);
    }, scaled(20_000));

  beforeAll(async () => {
    t = await createBridgeBed({ provider });
    ref = await openPartnerCase(t);
    ticket = await openTicket(t, ref);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("both sides posting fast: every message appears exactly once on the other side, in order", { timeout: scaled(60_000) }, async () => {
    const fromCustomer = Array.from({ length: 40 }, (_, i) => `storm customer ${i}`);
    const fromPartner = Array.from({ length: 40 }, (_, i) => `storm partner ${i}`);
    await Promise.all([
      (async () => {
        for (const text of fromCustomer) await customerComment(text);
      })(),
      Promise.all(fromPartner.map((text) => t.simulator.comment(ticket, text))),
    ]);
    await waitFor(() => partnerSees(/^storm customer/).length >= 40 && customerSees(/storm partner/).length >= 40, "both sides");
    await drained();
    expect(partnerSees(/^storm customer/)).toEqual(fromCustomer);
    expect(customerSees(/storm partner/)).toEqual(fromPartner.map((text) => `Sam Patel (Microsoft) on ${ref}: ${text}`));
    // Nothing came back to where it was written.
    expect(partnerSees(/^storm partner/)).toEqual([]);
    expect(customerSees(/storm customer/)).toEqual([]);
  });

  it("retries and duplicate deliveries: each message still appears once", { timeout: scaled(60_000) }, async () => {
    // The partner sends one event three times, and the same comment again under a new event id.
    const event = {
      type: "comment.created",
      ticket,
      comment: { id: "dup-comment-1", author: { name: "Sam Patel" }, body: "duplicate check from the partner" },
    };
    for (let i = 0; i < 3; i++) expect((await t.simulator.send(event, { eventId: "dup-event-1" })).status).toBe(202);
    expect((await t.simulator.send(event, { eventId: "dup-event-2" })).status).toBe(202);
    // Our answers get lost on the way back: Switchboard sends again with the same idempotency keys.
    t.simulator.loseAnswers = 3;
    const duplicatesBefore = t.simulator.stats.duplicates;
    for (const text of ["retry check 1", "retry check 2", "retry check 3"]) await customerComment(text);
    await waitFor(() => partnerSees(/^retry check/).length >= 3 && customerSees(/duplicate check/).length >= 1, "retries");
    await drained();
    expect(customerSees(/duplicate check from the partner/)).toHaveLength(1);
    expect(partnerSees(/^retry check/)).toEqual(["retry check 1", "retry check 2", "retry check 3"]);
    expect(t.simulator.stats.duplicates).toBeGreaterThan(duplicatesBefore);
  });

  it("one side down, then back: nothing is lost and the order holds", { timeout: scaled(60_000) }, async () => {
    t.simulator.down = true;
    const whileDown = Array.from({ length: 10 }, (_, i) => `while the partner was down ${i}`);
    for (const text of whileDown) await customerComment(text);
    // Switchboard keeps trying, in order, until the partner answers again.
    await eventually(async () => {
      const failing = await t.app.db.prisma.outbox.count({ where: { platform: "partner", threadId: ticket, lastError: { not: null } } });
      if (failing === 0) throw new Error("no failed attempt yet");
    });
    t.simulator.down = false;
    await waitFor(() => partnerSees(/^while the partner was down/).length >= 10, "partner back");
    await drained();
    expect(partnerSees(/^while the partner was down/)).toEqual(whileDown);

    // The customer's platform fails a few deliveries in a row while the partner writes.
    t.recorder.failNext = 3;
    const whileCustomerDown = Array.from({ length: 10 }, (_, i) => `while the customer's chat failed ${i}`);
    await Promise.all(whileCustomerDown.map((text) => t.simulator.comment(ticket, text)));
    await waitFor(() => customerSees(/while the customer's chat failed/).length >= 10, "customer back");
    await drained();
    expect(customerSees(/while the customer's chat failed/)).toEqual(
      whileCustomerDown.map((text) => `Sam Patel (Microsoft) on ${ref}: ${text}`),
    );
  });

  it("a partner system that echoes our comments back never gets them mirrored again", { timeout: scaled(60_000) }, async () => {
    for (const mode of ["marked", "unmarked"] as const) {
      t.simulator.echo = mode;
      const texts = Array.from({ length: 5 }, (_, i) => `echo ${mode} ${i}`);
      const echoed = t.simulator.stats.echoed;
      for (const text of texts) await customerComment(text);
      await waitFor(() => partnerSees(new RegExp(`^echo ${mode}`)).length >= 5, `echo ${mode}`);
      // Every echo has been answered by Switchboard (so processed), and whatever it queued is out.
      await waitFor(() => t.simulator.stats.echoed >= echoed + 5, "echoes processed");
      await drained();
      expect(partnerSees(new RegExp(`^echo ${mode}`))).toEqual(texts);
      expect(customerSees(new RegExp(`echo ${mode}`))).toEqual([]);
      const timeline = await t.app.db.prisma.caseEvent.count({ where: { kind: "comment", body: { startsWith: `echo ${mode}` } } });
      expect(timeline).toBe(5);
    }
    t.simulator.echo = "none";
  });
});
