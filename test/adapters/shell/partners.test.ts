import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../support/app.ts";
import { ScreenTerminal } from "../../support/terminal.ts";

/** Cloud partners from the terminal: a customer without an agreement, a shared-thread ticket. */
describe("cloud partners (shell)", () => {
  let t: TestApp;
  let term: ScreenTerminal;

  beforeAll(async () => {
    t = await createTestApp();
    term = ScreenTerminal.attach(t);
  });
  afterAll(async () => {
    term.stop();
    await t.close();
  });

  async function openCase(text: string): Promise<string> {
    const mark = term.screen.length;
    term.type(text);
    const opened = await term.sees(/I opened case (CS-\d{5})/, mark);
    return /I opened case (CS-\d{5})/.exec(opened)![1]!;
  }

  it("refers a customer without an agreement at once, with the case's findings and how to reach the partner", async () => {
    const ref = await openCase("open case Teams Rooms on the Bar 50 in Madrid cannot join any Teams meeting since the Microsoft outage");
    let mark = term.screen.length;
    term.type("/as engineer");
    term.type(`comment ${ref} The room account signs in, but every join fails with error 0x8007 after the tenant change.`);
    await term.sees(`Added to ${ref}.`, mark);
    term.type("/as employee");
    term.type(`open a ticket with Microsoft for ${ref}`);
    const offer = await term.sees(/\[(\d+)\] We have no agreement with Microsoft/, mark);
    const number = /\[(\d+)\] We have no agreement with Microsoft/.exec(offer)![1]!;

    // Pressed without typing an agreement reference: no prompt for one, the referral comes at once.
    mark = term.screen.length;
    term.type(number);
    const referral = await term.sees(/How to reach Microsoft: .*\n/, mark);
    expect(referral).not.toContain("Your agreement reference with Microsoft:");
    expect(referral).toContain(`We couldn't open a ticket with Microsoft for ${ref}`);
    expect(referral).toContain("Please contact Microsoft directly");
    expect(referral).toContain("What the case documents so far (give it to Microsoft too):");
    expect(referral).toMatch(/• \d{1,2} \w{3} \d{4} · Lee Chen: The room account signs in, but every join fails with error 0x8007/);
    expect(await t.app.db.prisma.partnerTicket.count()).toBe(0);
  });

  it("names a shared-thread ticket by its case for the engineers, never by an internal id", async () => {
    let mark = term.screen.length;
    term.type("/as manager");
    term.type("partner connect microsoft thread shell partner-microsoft channel");
    await term.sees("Microsoft now uses a shared thread", mark);
    term.type("/as employee");
    const ref = await openCase("open case Teams Rooms on the Bar 50 in Madrid shows a black screen when a Teams meeting starts");
    mark = term.screen.length;
    term.type(`open a ticket with Microsoft for ${ref}`);
    const offer = await term.sees(/\[(\d+)\] Open the ticket/, mark);
    const number = /\[(\d+)\] Open the ticket/.exec(offer)![1]!;
    // The shell asks for the card's fields one by one.
    const asked = term.screen.length;
    term.type(number);
    await term.sees("Your agreement reference with Microsoft: ", asked);
    term.type("MS-PREMIER-4411");
    await term.sees("Valid until", asked);
    term.type("2027-12-31");
    const opened = await term.sees(/Microsoft ticket .* opened for CS-\d{5}/, mark);
    const line = /Microsoft ticket .* opened for CS-\d{5}/.exec(opened)![0];
    expect(line).toBe(`Microsoft ticket (shared thread of ${ref}) opened for ${ref}`);
    expect(term.screen.slice(mark)).not.toMatch(/thread:[0-9a-f]/);
  });
});
