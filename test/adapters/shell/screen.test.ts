import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../support/app.ts";
import { ScreenTerminal } from "../../support/terminal.ts";

const LONG_PROBLEM =
  "The Bar 50 in the Madrid boardroom has no sound since this morning. Impact: can't be used for the board meeting at noon, " +
  "and the CEO is presenting to investors from this room. Tried: power cycle, other HDMI cable, other laptop.";

/** What a newcomer sees in the terminal: numbered buttons and case views. */
describe("the shell screen", () => {
  let t: TestApp;
  let term: ScreenTerminal;
  let ref = "";

  beforeAll(async () => {
    t = await createTestApp();
    term = ScreenTerminal.attach(t);
    const mark = term.screen.length;
    term.type(`open case ${LONG_PROBLEM}`);
    const opened = await term.sees(/I opened case (CS-\d{5})/, mark);
    ref = /I opened case (CS-\d{5})/.exec(opened)![1]!;
  });
  afterAll(async () => {
    term.stop();
    await t.close();
  });

  it("gives every button its own number, also after a card with a link, and a number presses the button it is shown on", async () => {
    const mark = term.screen.length;
    term.type("/as engineer");
    const release = { model: "nw-bar-50", version: "4.3.0", date: "2026-01-04", notes: "Faster wake.", link: "https://127.0.0.1/fw/4.3.0" };
    term.type(`firmware import ${JSON.stringify({ releases: [release] })}`);
    // The admins' notice: a download link, then a button.
    const notice = await term.sees(/Descargar: https:\/\/127\.0\.0\.1\/fw\/4\.3\.0 +\[(\d+)\] Informe de cumplimiento/, mark);
    const reportNumber = /Descargar: \S+ +\[(\d+)\] Informe/.exec(notice)![1]!;
    await term.sees("Firmware import: 1 new", mark);
    term.type(`case ${ref}`);
    await term.sees(/\[\d+\] View case/, mark);
    const numbers = [...term.screen.matchAll(/\[(\d+)\] /g)].map((match) => match[1]);
    expect(new Set(numbers).size).toBe(numbers.length);

    // The admin presses the notice's button, after the engineer's case card was shown.
    term.type("/as admin");
    await term.sees("You are now admin", mark);
    const pressed = term.screen.length;
    term.type(reportNumber);
    const reply = await term.sees(/Firmware compliance|Cumplimiento de firmware|can't|couldn't|not/i, pressed);
    expect(reply).toMatch(/Firmware compliance|Cumplimiento de firmware/);
  });

  it("shows a case's description once and never cuts a timeline line in the middle of a word", async () => {
    let mark = term.screen.length;
    term.type("/as employee");
    const comment =
      "We also tried the spare power supply from the Lisbon office and a firmware downgrade to 4.0.2; still nothing from the speakers, but the microphones work fine.";
    term.type(`comment ${ref} ${comment}`);
    await term.sees(`Added to ${ref}.`, mark);
    mark = term.screen.length;
    term.type(`case ${ref}`);
    const view = await term.sees(/Timeline \([^)]+\):\n(?:.*\n)+?\n\[\d+\]/, mark);
    expect(view.split("can't be used for the board meeting").length - 1).toBe(1);
    const commentLine = view.split("\n").find((line) => line.includes("spare power supply"))!;
    expect(commentLine).toMatch(/…$/);
    const shown = commentLine.slice(commentLine.indexOf("We also tried"), -1);
    expect(comment.startsWith(shown)).toBe(true);
    expect(comment[shown.length]).toMatch(/[\s,;.]/);
  });
});
