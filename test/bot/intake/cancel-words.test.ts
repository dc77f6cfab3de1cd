/**
 * The words that call something off are one list: what cancels a problem report half-way also
 * gets the "nothing to cancel" answer when nothing is under way, in both languages.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../support/app.ts";
import { Terminal } from "../../support/terminal.ts";

describe("cancel words", () => {
  let t: TestApp;
  let term: Terminal;

  beforeAll(async () => {
    t = await createTestApp();
    term = new Terminal(t, "employee");
  });
  afterAll(async () => {
    term.stop();
    await t.close();
  });

  // One word shows no language: the reply is in the person's own (English here).
  it.each(["déjalo", "stop", "never mind", "olvídalo"])("%j with nothing under way says there is nothing to cancel", async (line) => {
    expect(await term.say(line)).toContain("There's nothing in progress to cancel.");
  });

  it("'déjalo' drops a problem report half-way, as 'cancel' does", async () => {
    await term.say("la Speak 40 de Lisboa tiene eco en las llamadas");
    expect(await term.say("déjalo")).toContain("De acuerdo, lo dejo; no se ha abierto ningún caso.");
  });
});
