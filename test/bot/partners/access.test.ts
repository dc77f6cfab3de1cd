/**
 * What a partner engineer may see and do: only the cases shared with their partner. Anything
 * else is "not found", whatever the command; and what crosses organizations is in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../../db/ids.ts";
import { eventually } from "../../support/app.ts";
import { createBridgeBed, openPartnerCase, openTicket, say, type BridgeBed } from "./support.ts";

describe("a partner engineer's access", () => {
  let t: BridgeBed;
  let shared: string;
  let other: string;
  let ticket: string;

  beforeAll(async () => {
    t = await createBridgeBed();
    shared = await openPartnerCase(t);
    ticket = await openTicket(t, shared);
    other = await openPartnerCase(t, "Teams Rooms in Lisbon show a Microsoft sign-in loop");
    const id = newId();
    await t.app.db.prisma.person.create({ data: { id, key: "partner-zoom-zoe", partnerId: "zoom", name: "Zoe Park", role: "partner" } });
    await t.app.db.prisma.platformIdentity.create({
      data: { id: newId(), personId: id, platform: "shell", externalId: "zoe", createdAt: new Date() },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("sees and works on the case shared with their partner", async () => {
    expect(await say(t, "partner", `case ${shared}`)).toContain(`${shared} · Teams Rooms can't join`);
    const list = await say(t, "partner", "cases");
    expect(list).toContain(shared);
    expect(list).not.toContain(other);
    await say(t, "partner", `comment ${shared} Looking at the tenant now.`);
    await eventually(() => {
      if (!t.simulator.tickets.get(ticket)!.comments.some((c) => c.body === "Looking at the tenant now." && c.side === "partner"))
        throw new Error("not at the partner yet");
    });
  });

  it("gets 'not found' for every command about a case not shared with their partner", async () => {
    const notFound = `I couldn't find case ${other}.`;
    for (const command of [
      `case ${other}`,
      `comment ${other} hello`,
      `partner status ${other} resolved done`,
      `partner tracking ${other} 123`,
      `joint call ${other}`,
      `partner ${other}`,
    ])
      expect(await say(t, "partner", command), command).toContain(notFound);
    const stranger = `I couldn't find case ${shared}.`;
    for (const command of [`case ${shared}`, `comment ${shared} hello from Zoom`, `partner status ${shared} resolved`])
      expect(await say(t, "zoe", command), command).toContain(stranger);
    expect(await say(t, "partner", `note ${shared} internal?`)).toContain("Only support engineers can do that.");
    expect(await say(t, "partner", `agreement microsoft E-1`)).toContain("Agreements belong to a customer organization");
  });

  it("records every cross-organization action in the audit log", async () => {
    await t.simulator.comment(ticket, "Policy found.");
    await t.simulator.setStatus(ticket, "in_progress", "Checking the fix.", t.simulator.engineer);
    await eventually(async () => {
      const rows = await t.app.db.prisma.auditLog.findMany({ where: { subjectId: shared }, orderBy: { seq: "asc" } });
      const seen = rows.map((row) => `${row.action} by ${row.actorLabel}`);
      for (const expected of [
        "partner.ticket.requested by Tom Baker (employee)",
        "partner.ticket.opened by Microsoft (partner)",
        "case.comment by Sam Patel (Microsoft) (partner)",
        "partner.ticket.status by Sam Patel (Microsoft) (partner)",
      ])
        if (!seen.includes(expected)) throw new Error(`missing ${expected} in ${seen.join(", ")}`);
      // The other partner's refused requests for this case are audited too, in no organization's
      // log (only the vendor reads refusals).
      expect(seen.some((entry) => entry.startsWith("denied by "))).toBe(true);
      expect(rows.filter((row) => row.action !== "denied").every((row) => row.organizationId !== null)).toBe(true);
    });
  });
});
