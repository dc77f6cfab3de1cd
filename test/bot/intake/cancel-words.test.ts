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

  it.each([
    ["déjalo", "No hay nada en curso que cancelar."],
    ["stop", "There's nothing in progress to cancel."],
    ["never mind", "There's nothing in progress to cancel."],
    ["olvídalo", "No hay nada en curso que cancelar."],
  ])("%j with nothing under way says there is nothing to cancel", async (line, answer) => {
    expect(await term.say(line)).toContain(answer);
  });

  it("'déjalo' drops a problem report half-way, as 'cancel' does", async () => {
    await term.say("la Speak 40 de Lisboa tiene eco en las llamadas");
    expect(await term.say("déjalo")).toContain("De acuerdo, lo dejo; no se ha abierto ningún caso.");
  });
});
