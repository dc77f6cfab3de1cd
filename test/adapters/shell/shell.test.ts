import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../support/app.ts";
import { ScreenTerminal } from "../../support/terminal.ts";

describe("the shell conversation", () => {
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

  it("lists what the bot can do", async () => {
    term.type("help");
    await term.sees("Here is what I can do");
    await term.sees("open case", 0);
    await term.sees("open a ticket with the cloud partner", 0);
  });

  it("shows a cloud partner's engineer only what they can do on the cases shared with them", async () => {
    const mark = term.screen.length;
    term.type("/as partner");
    term.type("help");
    const help = await term.sees("partner tracking", mark);
    expect(help.slice(help.lastIndexOf("Here is what I can do"))).not.toMatch(/open case|rma|portal/);
    term.type("/as employee");
    await term.sees("You are now employee", mark);
  });

  it("opens a case, comments, raises severity; the engineer resolves with a workaround; the employee reopens", async () => {
    let mark = term.screen.length;
    term.type("open case The Bar 50 in the Madrid boardroom has no sound");
    const opened = await term.sees(/I opened case (CS-\d{5})/, mark);
    const ref = /I opened case (CS-\d{5})/.exec(opened)![1]!;
    await term.sees("→ #engineers (internal)", mark);

    mark = term.screen.length;
    term.type(`comment ${ref} it started after Monday's update`);
    await term.sees(`Added to ${ref}.`, mark);
    term.type(`severity ${ref} sev1`);
    await term.sees(`${ref} severity changed from sev2 to sev1.`, mark);

    mark = term.screen.length;
    term.type("/as engineer");
    term.type(`note ${ref} power supply suspected`);
    await term.sees("not visible to the customer", mark);
    term.type(`resolve ${ref} workaround use the spare bar from room 2`);
    await term.sees(`${ref} is resolved (workaround)`, mark);
    // The employee's conversation receives the resolution with the buttons to confirm or reopen.
    const tail = await term.sees(/→ employee\n(?: {3}.*\n)+/, mark);
    const resolvedNotice = /→ employee\n(?: {3}.*\n)+/.exec(tail)![0];
    expect(resolvedNotice).toContain("Does it work for you now?");
    expect(resolvedNotice).toContain("Reopen");
    expect(resolvedNotice).not.toContain("power supply suspected");

    mark = term.screen.length;
    term.type("/as employee");
    term.type(`reopen ${ref} no sound again this morning`);
    await term.sees(`${ref} is open again.`, mark);
    const view = await t.app.services.cases.get(
      (await t.app.services.people.resolve({ platform: "shell", externalId: "employee" }))!,
      Number(ref.slice(3)),
    );
    expect(view.status).toBe("open");
  });

  it("presses a numbered button", async () => {
    let mark = term.screen.length;
    term.type("cases");
    const list = await term.sees(/\[(\d+)\] CS-\d{5}/, mark);
    const number = /\[(\d+)\] CS-\d{5}/.exec(list)![1]!;
    mark = term.screen.length;
    term.type(number);
    await term.sees("Timeline (", mark);
  });

  it("talks Spanish with a Spanish-speaking employee", async () => {
    const mark = term.screen.length;
    term.type("/as empleada");
    term.type("abrir caso la barra 50 de la sala de juntas no enciende");
    await term.sees(/He abierto el caso CS-\d{5}/, mark);
    term.type("casos");
    await term.sees("Casos (", mark);
  });

  it("explains what it cannot understand instead of failing", async () => {
    const mark = term.screen.length;
    term.type("/as employee");
    term.type("what is the weather in Paris tomorrow?");
    await term.sees("can't help with that one", mark);
    term.type("case CS-99999");
    await term.sees("I couldn't find case CS-99999", mark);
  });
});
