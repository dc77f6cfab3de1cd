import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../support/app.ts";
import { createBridgeBed, openPartnerCase, openTicket, received, say, type BridgeBed } from "./support.ts";

const run = promisify(execFile);

/** Every link and text the bot has delivered anywhere, as people's screens would get them. */
const everything = (t: BridgeBed) => JSON.stringify(t.recorder.deliveries.map((d) => d.message));

describe("partner-supplied links and names on other people's screens", () => {
  let t: BridgeBed;
  let ref: string;
  let ticket: string;

  beforeAll(async () => {
    t = await createBridgeBed();
    ref = await openPartnerCase(t);
    ticket = await openTicket(t, ref);
  });
  afterAll(() => t.close());

  it("refuses a javascript: join link or attachment from the partner, so no such button or link reaches anyone", async () => {
    const call = await t.simulator.scheduleCall(ticket, "2026-01-06T09:00:00Z", "javascript:alert(document.cookie)");
    expect(call.status).toBe(400);
    expect(JSON.stringify(call.json)).toContain("must be an https: link");
    const comment = await t.simulator.comment(ticket, "Logs attached.", {
      attachments: [{ name: "logs", url: "javascript:fetch('https://127.0.0.1/steal')" }],
    });
    expect(comment.status).toBe(400);
    // A well-formed https link still goes through.
    await t.simulator.scheduleCall(ticket, "2026-01-07T09:00:00Z", "https://127.0.0.1:9/meet/43");
    await eventually(() => expect(received(t, "dm:employee")).toContain("[Join the call] https://127.0.0.1:9/meet/43"));
    expect(everything(t)).not.toContain("javascript:");
  });

  it("exports an author named like a spreadsheet formula as text, not as a formula", async () => {
    const author = { name: '=HYPERLINK("https://127.0.0.1/x","Open")', email: "formula@partner.example" };
    await t.simulator.comment(ticket, "Checked the tenant.", { author });
    await eventually(async () => {
      const row = await t.app.db.prisma.auditLog.findFirst({ where: { actorLabel: { startsWith: "=HYPERLINK" } } });
      if (!row) throw new Error("comment not recorded yet");
    });
    const env = { ...process.env, DATABASE_URL: t.database.url, LOG_LEVEL: "silent" };
    const csv = (await run("npx", ["tsx", "app/cli/audit.ts", "export", "--format", "csv"], { env })).stdout;
    const line = csv.split("\n").find((l) => l.includes("HYPERLINK"));
    expect(line).toBeDefined();
    // No cell of the line starts with a formula character (quoted or not).
    expect(line).not.toMatch(/(^|,)"?[=+\-@]/);
    expect(line).toContain(`"'=HYPERLINK(""https://127.0.0.1/x"",""Open"")`);
  });

  it("answers a partner event signed with the wrong secret with 401 and records the refusal for the vendor", async () => {
    const forged = await t.simulator.send({ type: "ticket.status", ticket, status: "resolved" }, { secret: "guessed-secret", retries: 0 });
    expect(forged.status).toBe(401);
    expect(t.simulator.tickets.get(ticket)!.status).not.toBe("resolved");
    const log = await say(t, "manager", "audit denied last 24h");
    expect(log).toMatch(/unsigned request from [\d.:a-f]+ · partner · denied \/webhooks\/partners\/microsoft/);
  });
});
