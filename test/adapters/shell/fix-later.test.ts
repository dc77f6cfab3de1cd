import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../support/app.ts";
import { ScreenTerminal } from "../../support/terminal.ts";

/** Incident management as the plan promises it: a workaround now, the fix later. */
describe("workaround now, fix later (shell)", () => {
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

  /** Opens a case as a person and returns its reference. */
  async function openCase(person: string, text: string): Promise<string> {
    const mark = term.screen.length;
    term.type(`/as ${person}`);
    term.type(text);
    const opened = await term.sees(/(?:I opened case|He abierto el caso) (CS-\d{5})/, mark);
    return /(?:I opened case|He abierto el caso) (CS-\d{5})/.exec(opened)![1]!;
  }

  it("records the fix of a case already resolved with a workaround", async () => {
    const ref = await openCase("employee", "open case The Bar 50 in the Madrid boardroom has no sound");
    const mark = term.screen.length;
    term.type("/as engineer");
    term.type(`resolve ${ref} workaround use the spare bar from room 2`);
    await term.sees(`${ref} is resolved (workaround)`, mark);
    term.type(`resolve ${ref} fix replaced the amplifier board`);
    await term.sees(`${ref}: the fix is recorded`, mark);
    term.type(`case ${ref}`);
    await term.sees(/Resolution +fix — replaced the amplifier board/, mark);
  });

  it("tells the customer at once when the release that fixes the case is already out", async () => {
    const ref = await openCase("employee", "open case The Bar 50 in the Madrid boardroom has no sound over HDMI");
    const mark = term.screen.length;
    term.type("/as engineer");
    term.type(`resolve ${ref} workaround use the analog input`);
    await term.sees(`${ref} is resolved (workaround)`, mark);
    // 4.2.0 is a release of the demo data for the Bar 50.
    term.type(`resolve ${ref} fixed in 4.2.0`);
    await term.sees(`Northwind Bar 50 4.2.0 is already out: the customer of ${ref} is told now`, mark);
    await term.sees(`The fix for ${ref} is out: Northwind Bar 50 4.2.0`, mark);
  });

  it("tells every customer waiting on a release once, in their language, with the link, and lets them reopen", async () => {
    const english = await openCase("employee", "open case The Bar 50 in the Madrid boardroom drops the audio every few minutes");
    const spanish = await openCase("empleada", "abrir caso la Bar 50 NB5-2231987 de la sala de juntas pierde el audio cada pocos minutos");
    let mark = term.screen.length;
    term.type("/as engineer");
    term.type(`resolve ${english} workaround disable audio power saving`);
    await term.sees(`${english} is resolved (workaround)`, mark);
    term.type(`resolve ${english} fixed in 4.3.1`);
    await term.sees(`${english} waits for Northwind Bar 50 4.3.1`, mark);
    // The same, the way a Spanish-speaking engineer writes it: the replies come in Spanish.
    term.type(`resolver ${spanish} alternativa desactivar el ahorro de energía del audio`);
    await term.sees(`${spanish} está resuelto (solución alternativa); su corrección queda pendiente`, mark);
    term.type(`resolver ${spanish} corregido en 4.3.1`);
    await term.sees(`${spanish} espera a Northwind Bar 50 4.3.1`, mark);
    // The customer hears the fix is planned.
    await term.sees(`${english}: the fix will come in software 4.3.1`, mark);

    mark = term.screen.length;
    // The shell reads one line at a time: the release pasted as one line of JSON.
    const release = JSON.stringify({
      releases: [
        {
          model: "nw-bar-50",
          version: "4.3.1",
          date: "2026-02-02",
          notes: "Audio no longer drops.",
          link: "https://127.0.0.1/fw/nw-bar-50/4.3.1",
        },
      ],
    });
    term.type(`firmware import ${release}`);
    await term.sees("2 customer(s) waiting on these releases for a fix were told", mark);
    const told = await term.sees(/→ empleada\n(?: {3}.*\n)*? {3}Ya está la corrección/, mark);
    const englishNotice = await term.sees(/→ employee\n(?: {3}.*\n)+/, mark);
    expect(englishNotice).toContain(`The fix for ${english} is out: Northwind Bar 50 4.3.1`);
    expect(englishNotice).toContain("Download 4.3.1: https://127.0.0.1/fw/nw-bar-50/4.3.1");
    expect(englishNotice).toMatch(/\[\d+\] It works now {3}\[\d+\] Reopen/);
    expect(told).toContain(`Ya está la corrección de ${spanish}: Northwind Bar 50 4.3.1`);
    expect(told).toContain("Descargar 4.3.1: https://127.0.0.1/fw/nw-bar-50/4.3.1");

    // Importing the same release again tells nobody a second time.
    const again = term.screen.length;
    term.type(`firmware import ${release}`);
    await term.sees("0 new, 0 updated, 1 unchanged", again);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(term.screen.split(`The fix for ${english} is out`).length - 1).toBe(1);
    expect(term.screen.slice(again)).not.toContain("customer(s) waiting");

    // The English customer presses Reopen on the notice: the case is open again.
    const reopen = /→ employee\n(?: {3}.*\n)*?.*\[(\d+)\] Reopen/.exec(term.screen.slice(mark))![1]!;
    const pressed = term.screen.length;
    term.type("/as employee");
    term.type(reopen);
    await term.sees(`${english} is open again.`, pressed);
  });
});
