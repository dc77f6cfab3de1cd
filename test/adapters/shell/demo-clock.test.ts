/**
 * The demo clock in the shell: a newcomer opens a sev1 case, moves the clock with `/clock +5m`
 * and watches the on-call contract of the demo policy happen in the terminal — reminders, raises,
 * the breach, each shown as a message to its channel — until someone acknowledges.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdjustableClock, ManualClock } from "../../../core/clock.ts";
import { createTestApp, eventually, type TestApp } from "../../support/app.ts";
import { LEE, eventEnvelope, message as slackMessage, sendCommand, sendEvent, startTestbed } from "../slack/testbed.ts";
import { FakeConnector, PEOPLE, personalChat, personalMessage, received, startTeams } from "../teams/support.ts";
import { ScreenTerminal } from "../../support/terminal.ts";

const DEMO_POLICY = new URL("../../../demo/escalation-policies.json", import.meta.url).pathname;

/** What each "→ destination" block on the screen is: a reminder, a raise or a breach alert. */
function arrivals(screen: string): string[] {
  return screen
    .split(/^(?=→ )/m)
    .filter((block) => block.startsWith("→ "))
    .flatMap((block) => {
      const to = /^→ (\S+)/.exec(block)![1]!;
      const kind = block.includes("⏰")
        ? "reminder"
        : block.includes("escalated to")
          ? "raise"
          : block.includes("SLA breach")
            ? "breach"
            : "";
      return kind ? [`${to} ${kind}`] : [];
    });
}

describe("the demo clock in the shell", () => {
  let t: TestApp;
  let term: ScreenTerminal;
  let secondRef = "";

  beforeAll(async () => {
    // The demo clock runs over a fixed base so the minutes on screen do not depend on how long the test takes.
    const demoClock = new AdjustableClock(new ManualClock("2026-03-10T09:00:00Z"));
    t = await createTestApp({ env: { ESCALATION_POLICIES_FILE: DEMO_POLICY }, app: { demoClock } });
    term = ScreenTerminal.attach(t);
  });
  afterAll(async () => {
    term.stop();
    await t.close();
  });

  it("shows the demo time in the person's zone and refuses a time it cannot read", async () => {
    const mark = term.screen.length;
    term.type("/clock");
    // The demo employee's company runs on Madrid time.
    await term.sees("Demo time: Tue 10 Mar 10:00 (Europe/Madrid), 0 min ahead of real time", mark);
    term.type("/clock yesterday");
    await term.sees(`I can't read "yesterday" as a time`, mark);
  });

  it("plays a sev1 nobody acknowledges: reminders, level 2, level 3 and the breach, each to its channel, until the acknowledgement", async () => {
    let mark = term.screen.length;
    term.type("/as employee");
    term.type("open case sev1 the Bar 70 in the Madrid boardroom is dead, the board meets in an hour");
    const opened = await term.sees(/I opened case (CS-\d{5})/, mark);
    const ref = /I opened case (CS-\d{5})/.exec(opened)![1]!;
    await term.sees("→ #engineers (internal)", mark);

    const step = async (jump: string) => {
      const from = term.screen.length;
      term.type(`/clock ${jump}`);
      const tail = await term.sees("Demo time is now", from);
      return tail.slice(0, tail.indexOf("Demo time is now"));
    };
    const timeline: Record<number, string[]> = {};
    for (let minute = 5; minute <= 50; minute += 5) timeline[minute] = arrivals(await step("+5m"));
    // The demo policy (README, "The on-call contract"), minute by minute.
    expect(timeline).toEqual({
      5: ["#engineers reminder"],
      10: ["#engineers reminder"],
      // The third reminder would fall on the raise: the raise replaces it.
      15: ["#engineers raise", "#managers raise"],
      20: [],
      25: ["#managers reminder"],
      30: ["#engineers raise", "#service-management raise"],
      35: [],
      40: ["#service-management reminder"],
      45: ["#engineers breach", "#managers breach", "#service-management breach"],
      // The last level keeps repeating.
      50: ["#service-management reminder"],
    });

    mark = term.screen.length;
    term.type("/as engineer");
    term.type(`ack ${ref}`);
    await term.sees("Reminders stopped", mark);
    expect(arrivals(await step("+2h"))).toEqual([]);
  }, 120_000);

  it("fires everything due on the way of one long jump, each at its own time and in order", async () => {
    const mark = term.screen.length;
    term.type("/as employee");
    term.type("open case sev1 the Bar 50 in the Barcelona office reboots every few minutes, all meetings down");
    secondRef = /I opened case (CS-\d{5})/.exec(await term.sees(/I opened case CS-\d{5}/, mark))![1]!;
    await term.sees("→ #engineers (internal)", mark);
    const from = term.screen.length;
    term.type("/clock +50m");
    const tail = await term.sees("Demo time is now", from);
    expect(arrivals(tail)).toEqual([
      "#engineers reminder",
      "#engineers reminder",
      "#engineers raise",
      "#managers raise",
      "#managers reminder",
      "#engineers raise",
      "#service-management raise",
      "#service-management reminder",
      "#engineers breach",
      "#managers breach",
      "#service-management breach",
      "#service-management reminder",
    ]);
    // 50 min, 2 h and 50 min of jumps since the start: the demo time is shown on the person's (Madrid) clock.
    expect(tail).toContain("Demo time is now Tue 10 Mar 13:40 (Europe/Madrid), 3 h 40 min ahead of real time.");
  }, 120_000);

  it("moves to a weekday and time named in Spanish, in the person's zone", async () => {
    const mark = term.screen.length;
    // Unacknowledged, the last level would repeat every 10 minutes of the six days skipped.
    term.type("/as engineer");
    term.type(`ack ${secondRef}`);
    await term.sees(`${secondRef}: level 3 acknowledged`, mark);
    term.type("/as empleada");
    term.type("/reloj lunes 09:00");
    // From Tuesday 13:40 in Madrid to the next Monday at 09:00 there.
    await term.sees("La hora de la demo es ahora lun 16 mar 09:00 (Europe/Madrid)", mark);
  });
});

describe("the demo clock outside the shell", () => {
  it("is refused on Slack, even by an engineer in a direct message, and the time does not move", async () => {
    const demoClock = new AdjustableClock(new ManualClock("2026-03-10T09:00:00Z"));
    const bed = await startTestbed({}, { demoClock });
    try {
      await sendEvent(bed.url, eventEnvelope(slackMessage(LEE, "clock +1h", { channel: "D0LEE", channel_type: "im" })));
      await sendCommand(bed.url, { user_id: LEE, channel_id: "D0LEE", text: "clock +2h" });
      const replies = await eventually(() => {
        const found = bed.slack.messagesIn("D0LEE").filter((m) => m.text?.includes("The demo clock only runs in the shell"));
        expect(found).toHaveLength(2);
        return found;
      });
      expect(replies).toHaveLength(2);
      expect(demoClock.aheadMs).toBe(0);
    } finally {
      await bed.close();
    }
  });

  it("is refused on Teams", async () => {
    const teams = await startTeams();
    try {
      await teams.post(personalMessage(teams.connector.url, PEOPLE.lee, "/clock +1h"));
      const reply = await received(() =>
        teams.connector
          .postsTo(personalChat(PEOPLE.lee))
          .find((a) => FakeConnector.textOf(a).includes("The demo clock only runs in the shell")),
      );
      expect(reply).toBeTruthy();
    } finally {
      await teams.close();
    }
  });
});

describe("the managers' views in the shell", () => {
  let t: TestApp;
  let term: ScreenTerminal;

  beforeAll(async () => {
    const demoClock = new AdjustableClock(new ManualClock("2026-03-10T09:00:00Z"));
    t = await createTestApp({ env: { ESCALATION_POLICIES_FILE: DEMO_POLICY }, app: { demoClock } });
    term = ScreenTerminal.attach(t);
  });
  afterAll(async () => {
    term.stop();
    await t.close();
  });

  // The demo manager reads times in their own zone (Africa/Lagos, UTC+1), set in the import file.
  it("show each case's level, who was pinged, who acknowledged and when, and the time left on each clock, in the manager's own zone, named", async () => {
    let mark = term.screen.length;
    term.type("open case sev1 the Bar 70 in the Madrid boardroom is dead, the board meets in an hour");
    const ref = /I opened case (CS-\d{5})/.exec(await term.sees(/I opened case CS-\d{5}/, mark))![1]!;
    term.type("/clock +50m");
    await term.sees("Demo time is now", mark);

    mark = term.screen.length;
    term.type("/as manager");
    term.type("escalations");
    let view = await term.sees("Times in Africa/Lagos.", mark);
    expect(view).toContain(`${ref} · sev1 · Contoso Iberia`);
    expect(view).toContain("Level 3 (Service management), not acknowledged");
    // Level 1 at once and twice more, level 2 once more, level 3 at 00:30, 00:40 and 00:50.
    expect(view).toContain("Pinged: level 1 #engineers ×3 · level 2 #managers ×2 · level 3 #service-management ×3 · assigned to Lee Chen");
    expect(view).toContain("Not acknowledged yet, open for 50 min");
    expect(view).toContain("First response: due Tue 10 Mar 10:45, overdue by 5 min");
    expect(view).toContain("Resolution: due Tue 10 Mar 18:00, 7 h 10 min left");

    mark = term.screen.length;
    term.type("/as engineer");
    term.type(`ack ${ref}`);
    await term.sees("Reminders stopped", mark);
    term.type("/clock +10m");
    await term.sees("Demo time is now", mark);
    term.type("/as manager");
    term.type("escalations");
    view = await term.sees("Times in Africa/Lagos.", mark);
    expect(view).toContain("Level 3 (Service management), acknowledged");
    expect(view).toContain("Acknowledged by Lee Chen at Tue 10 Mar 10:50, 50 min after opening");
    expect(view).toContain("Resolution: due Tue 10 Mar 18:00, 7 h left");

    mark = term.screen.length;
    term.type("breaches");
    view = await term.sees("Times in Africa/Lagos.", mark);
    expect(view).toContain("Cases past an SLA threshold (1)");
    expect(view).toContain("First response: due Tue 10 Mar 10:45, overdue by 15 min");
    expect(view).toContain("breached: first response");

    // A manager who writes in Spanish gets the same views in Spanish.
    mark = term.screen.length;
    term.type("buenos días, ¿qué tal va todo hoy por aquí?");
    await term.sees(/[¿¡áéíóúñ]/, mark);
    mark = term.screen.length;
    term.type("incumplimientos");
    view = await term.sees("Horas en Africa/Lagos.", mark);
    expect(view).toContain("Casos fuera de SLA (1)");
    expect(view).toContain("Confirmado por Lee Chen");
    expect(view).toContain("con 15 min de retraso");
    term.type("escalados");
    await term.sees("Escalados abiertos (1)", mark);
  });
});
