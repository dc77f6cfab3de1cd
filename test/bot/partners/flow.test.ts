/**
 * A cloud-partner case from the customer's request to the partner's fix, through the loopback
 * partner simulator: the agreement asked for and recorded, the ticket opened with the case facts,
 * the tracking number given, comments both ways (internal notes kept in), a joint call, the
 * partner's fix, and the referrals when no ticket can be opened.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../support/app.ts";
import { createBridgeBed, openPartnerCase, press, received, say, type BridgeBed } from "./support.ts";

const until = (check: () => boolean | Promise<boolean>, what: string) =>
  eventually(async () => {
    if (!(await check())) throw new Error(`still waiting: ${what}`);
  }, 10_000);

describe("a cloud-partner case with the partner's ticket system", () => {
  let t: BridgeBed;
  let ref: string;
  let ticket: string;
  const customer = () => received(t, "dm:employee");

  beforeAll(async () => {
    t = await createBridgeBed();
    ref = await openPartnerCase(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("offers a partner ticket on the case and asks for the customer's own agreement before anything is sent", async () => {
    expect(await say(t, "employee", `case ${ref}`)).toContain("[Open a ticket with the partner]");
    const offer = await say(t, "employee", `open a ticket with Microsoft for ${ref}`);
    expect(offer).toContain(`Open a ticket with Microsoft for ${ref}?`);
    expect(offer).toContain("Agreement: not recorded");
    expect(offer).toContain("[Open the ticket]");
    expect(offer).toContain("[We have no agreement with Microsoft]");
    const withoutAgreement = await press(
      t,
      "employee",
      "partner.confirm",
      { case: ref, partner: "microsoft" },
      { agreement: "", validUntil: "" },
    );
    expect(withoutAgreement).toContain("I need your organization's agreement reference with Microsoft");
    expect(
      await press(t, "employee", "partner.confirm", { case: ref, partner: "microsoft" }, { agreement: "X", validUntil: "" }),
    ).toContain("doesn't look like an agreement reference");
    expect(
      await press(t, "employee", "partner.confirm", { case: ref, partner: "microsoft" }, { agreement: "MS-1", validUntil: "31/12/2027" }),
    ).toContain("is not a date like 2027-12-31");
    expect(t.simulator.tickets.size).toBe(0);
  });

  it("opens the ticket with the case facts and the agreement, gives the customer the tracking number, and the case waits on the partner", async () => {
    const reply = await press(
      t,
      "employee",
      "partner.confirm",
      { case: ref, partner: "microsoft" },
      { agreement: "MS-UNIFIED-4471", validUntil: "2027-12-31" },
    );
    expect(reply).toContain(`Opening a ticket with Microsoft for ${ref}`);
    await until(() => customer().includes(`Microsoft opened ticket MS-10001 for ${ref}`), "tracking number");
    ticket = "MS-10001";
    const sent = t.simulator.tickets.get(ticket)!;
    expect(sent).toMatchObject({ caseRef: ref, organization: "Contoso Iberia", agreement: "MS-UNIFIED-4471" });
    expect(customer()).toContain("Tracking number: MS-10001");
    expect(customer()).toContain("[Request a joint call]");
    await until(() => customer().includes(`${ref} is now waiting for the cloud partner (Microsoft).`), "waiting_partner");
    expect(await say(t, "admin", "partners")).toContain(
      "*Microsoft*: tickets in Microsoft's own system; their engineers join in a Teams shared channel. Your agreement: MS-UNIFIED-4471 (valid until 2027-12-31)",
    );
    const actions = (await t.app.db.prisma.auditLog.findMany({ where: { action: { startsWith: "partner." } } })).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(["partner.agreement.recorded", "partner.ticket.requested", "partner.ticket.opened"]));
    // Asking again shows the ticket instead of opening a second one.
    expect(await say(t, "employee", `partner ${ref}`)).toContain(`${ref} · ticket with Microsoft`);
  });

  it("mirrors public comments both ways with the author's name and side, and keeps internal notes in", async () => {
    await t.simulator.comment(ticket, "We see a conditional access policy blocking the room accounts.", {
      attachments: [{ name: "sign-in-log.csv", url: "https://127.0.0.1:9/partner/files/123" }],
    });
    await until(() => customer().includes(`Sam Patel (Microsoft) on ${ref}: We see a conditional access policy`), "partner comment");
    expect(customer()).toContain("📎 sign-in-log.csv: https://127.0.0.1:9/partner/files/123");
    await say(t, "engineer", `note ${ref} customer tenant changed CA policies on Monday, internal only`, "engineers");
    await say(t, "engineer", `reply ${ref} Sign-in logs attached: http://127.0.0.1:9/vendor/logs/9`, "engineers");
    await say(t, "employee", `comment ${ref} Which policy exactly?`);
    await until(() => t.simulator.tickets.get(ticket)!.comments.filter((c) => c.fromSwitchboard).length >= 2, "comments at the partner");
    const atPartner = t.simulator.tickets.get(ticket)!.comments.filter((c) => c.fromSwitchboard);
    expect(atPartner.map((c) => [c.author, c.side, c.body])).toEqual([
      ["Lee Chen", "vendor", "Sign-in logs attached: http://127.0.0.1:9/vendor/logs/9"],
      ["Tom Baker", "customer", "Which policy exactly?"],
    ]);
    expect(JSON.stringify(t.simulator.tickets.get(ticket))).not.toContain("internal only");
  });

  it("follows the partner's edits and deletions of its comments", async () => {
    await t.simulator.comment(ticket, "The fix ships Friday.");
    const id = t.simulator.tickets.get(ticket)!.comments.at(-1)!.id;
    await t.simulator.editComment(ticket, id, "The fix ships Thursday.");
    await t.simulator.deleteComment(ticket, id);
    await until(() => customer().includes("(deleted their comment: “The fix ships Friday.”)"), "deletion");
    expect(customer()).toContain(`Sam Patel (Microsoft) on ${ref}: (edited) The fix ships Thursday.`);
  });

  it("sends a joint-call request to the partner and the scheduled call to the customer", async () => {
    expect(await say(t, "employee", `joint call ${ref} tomorrow 10:00 CET`)).toContain(`I've asked Microsoft for a joint call on ${ref}`);
    await until(() => t.simulator.tickets.get(ticket)!.calls.length === 1, "call request");
    expect(t.simulator.tickets.get(ticket)!.calls[0]).toEqual({ when: "tomorrow 10:00 CET", requestedBy: "Tom Baker" });
    await t.simulator.scheduleCall(ticket, "2026-01-06T09:00:00Z", "https://127.0.0.1:9/meet/42");
    await until(() => customer().includes(`Joint call with Microsoft for ${ref}:`), "scheduled call");
    expect(customer()).toContain("[Join the call] https://127.0.0.1:9/meet/42");
    // The partner says 09:00 UTC; the customer reads it in the case's zone, named.
    expect(customer()).toContain("Tue 6 Jan 10:00 (Europe/Madrid) · https://127.0.0.1:9/meet/42");
  });

  it("resolves the case as a partner fix when the partner fixes it, and tells the partner when the customer confirms", async () => {
    await t.simulator.setStatus(ticket, "resolved", "Room accounts excluded from the policy.");
    await until(
      () => customer().includes(`${ref} was resolved by Microsoft — fixed by the cloud partner: Room accounts excluded from the policy.`),
      "resolution",
    );
    const view = await t.app.services.cases.get(
      (await t.app.services.people.resolve({ platform: "shell", externalId: "engineer" }))!,
      Number(ref.slice(3)),
    );
    expect(view).toMatchObject({ status: "resolved", resolutionType: "partner_fix" });
    expect(await press(t, "employee", "case.works", { case: ref })).toContain(`${ref} is closed`);
    await until(() => t.simulator.tickets.get(ticket)!.updates.some((u) => u.status === "closed"), "closed at the partner");
  });
});

describe("when no partner ticket can be opened", () => {
  let t: BridgeBed;
  beforeAll(async () => {
    t = await createBridgeBed({ openRetryDelaysMs: [10, 10] });
  });
  afterAll(async () => {
    await t?.close();
  });
  const customer = () => received(t, "dm:employee");

  it("refers a customer without an agreement to the partner with the case facts and how to reach them", async () => {
    const ref = await openPartnerCase(t);
    const reply = await press(t, "employee", "partner.no_agreement", { case: ref, partner: "microsoft" });
    expect(reply).toContain(`We couldn't open a ticket with Microsoft for ${ref}`);
    expect(reply).toContain("Microsoft takes tickets only from customers with their own support agreement");
    expect(reply).toContain("Please contact Microsoft directly");
    expect(reply).toContain("How to reach Microsoft: Microsoft 365 admin center");
    expect(reply).toContain(`Case: ${ref}`);
    expect(t.simulator.tickets.size).toBe(0);
  });

  it("tells the customer clearly when the partner refuses the ticket, and lets them try again", async () => {
    const ref = await openPartnerCase(t);
    t.simulator.refuseTickets = "no support agreement MS-0000 found for this tenant";
    await press(t, "employee", "partner.confirm", { case: ref, partner: "microsoft" }, { agreement: "MS-0000", validUntil: "" });
    await until(() => customer().includes(`We couldn't open a ticket with Microsoft for ${ref}`), "refusal");
    expect(customer()).toContain("Microsoft did not accept the ticket (no support agreement MS-0000 found for this tenant)");
    t.simulator.refuseTickets = undefined;
    const again = await say(t, "employee", `partner ${ref}`);
    expect(again).toContain(`Open a ticket with Microsoft for ${ref}?`);
    await press(t, "employee", "partner.confirm", { case: ref, partner: "microsoft" }, {});
    await until(() => customer().includes(`Microsoft opened ticket`), "second attempt");
  });

  it("tells the customer and refers them when the partner's system stays down after the retries", async () => {
    const ref = await openPartnerCase(t, "Zoom Rooms in Lisbon can't start meetings, the Microsoft Teams interop fails");
    t.simulator.down = true;
    await press(t, "employee", "partner.confirm", { case: ref, partner: "microsoft" }, {});
    await until(() => customer().includes(`Microsoft's system did not answer after several attempts.`), "given up");
    expect(customer()).toContain("[Try again]");
    t.simulator.down = false;
    await until(
      () =>
        received(t, "engineers").includes(
          `No Microsoft ticket for ${ref}: Microsoft's system did not answer after several attempts. The customer was referred to Microsoft.`,
        ),
      "engineers told",
    );
  });
});
