import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../../core/clock.ts";
import { createTestApp, type TestApp } from "../../support/app.ts";
import { message } from "../../support/events.ts";
import { buildPerson } from "../../support/factories.ts";
import { readable } from "../replacements/support.ts";

describe("people are found by name whatever the accents and case", () => {
  let t: TestApp;
  let caseRef = "";
  const say = async (who: string, text: string) => readable((await t.app.bot.handle(message(who, text))).outbound);
  const assignee = async () =>
    (
      await t.app.db.prisma.case.findUniqueOrThrow({
        where: { number: Number(caseRef.slice(3)) },
        include: { assignee: { select: { name: true } } },
      })
    ).assignee?.name;

  beforeAll(async () => {
    t = await createTestApp({ clock: new ManualClock("2026-03-11T09:00:00Z"), start: false, seedDemo: false });
    await buildPerson(t.app, { identities: { shell: "employee" } });
    await buildPerson(t.app, { role: "manager", identities: { shell: "manager" } });
    await buildPerson(t.app, { role: "engineer", name: "Lee Chen" });
    await buildPerson(t.app, { role: "engineer", name: "Sofía Núñez" });
    await buildPerson(t.app, { role: "engineer", name: "Jose Alvarez" });
    await buildPerson(t.app, { role: "engineer", name: "Bjørn Strauß", identities: { shell: "b7" } });
    const opened = await say("employee", "open case The Bar 50 in the Madrid boardroom has no sound at all");
    caseRef = /CS-\d{5}/.exec(opened)![0];
  });
  afterAll(() => t.close());

  it("reassign … Sofia finds Sofía Núñez", async () => {
    expect(await say("manager", `reassign ${caseRef} Sofia`)).toContain(`${caseRef} is now with Sofía Núñez.`);
    expect(await assignee()).toBe("Sofía Núñez");
  });

  it("an accent or capitals the name does not have still find it (José → Jose Alvarez, ÁLVAREZ)", async () => {
    // A Spanish name may make the reply Spanish; what matters is who now has the case.
    expect(await say("manager", `reassign ${caseRef} José`)).toContain("Jose Alvarez");
    expect(await assignee()).toBe("Jose Alvarez");
    expect(await say("manager", `reassign ${caseRef} NUNEZ`)).toContain("Sofía Núñez");
    expect(await assignee()).toBe("Sofía Núñez");
    expect(await say("manager", `reassign ${caseRef} ÁLVAREZ`)).toContain("Jose Alvarez");
    expect(await assignee()).toBe("Jose Alvarez");
  });

  it("letters without a decomposition are matched as people type them (Bjorn Strauss)", async () => {
    expect(await say("manager", `reassign ${caseRef} bjorn strauss`)).toContain(`${caseRef} is now with Bjørn Strauß.`);
    expect(await assignee()).toBe("Bjørn Strauß");
  });

  it("the audit log search finds a person's entries by their name typed without its special letters", async () => {
    expect(await say("b7", `reassign ${caseRef} Lee`)).toContain(`${caseRef} is now with Lee Chen.`);
    const found = await say("manager", "audit by Strauss");
    expect(found).toContain("Audit log (1)");
    expect(found).toContain("Bjørn Strauß (engineer) · shell · case.assigned");
  });

  it("a name nobody has is still refused", async () => {
    expect(await say("manager", `reassign ${caseRef} Sofiane`)).toContain("I don't know an engineer called Sofiane");
  });
});
