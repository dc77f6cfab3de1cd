import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../../../app/app.ts";
import { readConfig } from "../../../../app/config.ts";
import { createLogger } from "../../../../app/logger.ts";
import { ManualClock } from "../../../../core/clock.ts";
import { RecordingDeliverer, MemoryLog } from "../../../support/app.ts";
import { createTestDatabase, testProviders, type TestDatabase } from "../../../support/database.ts";
import { message } from "../../../support/events.ts";
import { readable } from "../support.ts";

/** One process of Switchboard on an existing database, as after a restart. */
async function boot(url: string, clock: ManualClock): Promise<{ app: App; recorder: RecordingDeliverer }> {
  const config = readConfig({ PORT: "0", HOST: "127.0.0.1", DATABASE_URL: url, LOG_LEVEL: "warn" });
  const app = await createApp(config, { log: createLogger({ level: "warn", destination: new MemoryLog() }), clock });
  const recorder = new RecordingDeliverer("shell");
  app.dispatcher.register(recorder);
  return { app, recorder };
}

/** The return-reminder timers in a state, as "rma:return:<stage>" (sorted). */
async function returnTimers(app: App, status: string): Promise<string[]> {
  const rows = await app.db.prisma.timer.findMany({ where: { kind: "rma.return", status }, select: { key: true } });
  return rows.map((row) => row.key.replace(/^rma:[^:]+:/, "rma:")).sort();
}

describe.each(await testProviders())("return reminders of the faulty unit on %s", (provider) => {
  let database: TestDatabase;
  const clock = new ManualClock("2026-03-11T09:00:00Z"); // Wed 10:00 in Madrid

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    await database.db.close();
  });
  afterAll(() => database.cleanup());

  it("fire after a restart, stop when the unit is back, and reach the engineers once overdue", async () => {
    // First process: the replacement is ordered and shipped; the return is due Sun 22 Mar 18:00 Madrid.
    const first = await boot(database.url, clock);
    await first.app.bot.handle(message("employee", "open case the Bar 50 in the Madrid boardroom has no power"));
    await first.app.bot.handle(message("engineer", "rma order CS-10001 NB5-2231987 power supply failed"));
    await first.app.bot.handle(message("engineer", "rma ship RMA-200001 NB5-7000001 1Z999AA10123456784 UPS"));
    await first.app.stop();

    // Second process, a week later: three days before the due date the reminder fires.
    clock.set("2026-03-19T08:30:00Z");
    const second = await boot(database.url, clock);
    await second.app.scheduler.runDue();
    expect(await returnTimers(second.app, "fired")).toEqual(["rma:return:reminder"]);
    await second.app.dispatcher.runOnce();
    const employee = () => readable(second.recorder.to("dm:employee"));
    expect(employee()).toContain(
      "Reminder: the faulty unit NB5-2231987 of RMA-200001 is due back by Sun 22 Mar 2026 18:00 (Europe/Madrid)",
    );
    await second.app.scheduler.runDue();
    expect(await returnTimers(second.app, "fired")).toEqual(["rma:return:reminder"]);
    await second.app.stop();

    // Third process, after the due date: the due-day notice and, three days on, the overdue one.
    clock.set("2026-03-25T09:00:00Z");
    const third = await boot(database.url, clock);
    await third.app.scheduler.runDue();
    expect(await returnTimers(third.app, "fired")).toEqual(["rma:return:due", "rma:return:overdue", "rma:return:reminder"]);
    await third.app.dispatcher.runOnce();
    expect(readable(third.recorder.to("dm:employee"))).toContain(
      "Today is the last day to send the faulty unit NB5-2231987 of RMA-200001 back",
    );
    expect(readable(third.recorder.to("dm:employee"))).toContain(
      "was due back by Sun 22 Mar 2026 18:00 (Europe/Madrid) and has not arrived",
    );
    expect(readable(third.recorder.to("engineers"))).toContain("RMA-200001 (Contoso Iberia): the faulty unit NB5-2231987 is overdue");

    // The unit is back: nothing more fires, even much later.
    await third.app.bot.handle(message("engineer", "rma received RMA-200001"));
    expect(await returnTimers(third.app, "pending")).toEqual([]);
    await third.app.stop();
  });

  it("start again from the day the customer says the replacement arrived", async () => {
    clock.set("2026-03-11T09:00:00Z");
    const app = (await boot(database.url, clock)).app;
    const opened = await app.bot.handle(message("employee", "open case the Tap 10 in Madrid is cracked"));
    const caseRef = /CS-\d{5}/.exec(readable(opened.outbound))![0];
    await app.bot.handle(message("engineer", `rma order ${caseRef} NT1-0045512 cracked glass`));
    await app.bot.handle(message("engineer", "rma ship RMA-200002 NT1-7000009 JD014600006281234567"));
    // Planned delivery Thu 12 Mar; the parcel arrives a week late, on Thu 19 Mar.
    clock.set("2026-03-19T10:00:00Z");
    const arrived = await app.bot.handle(message("employee", "rma delivered RMA-200002"));
    expect(readable(arrived.outbound)).toContain("Return the faulty unit by: Sun 29 Mar 2026 18:00 (Europe/Madrid)");
    const rma = await app.db.prisma.rma.findUniqueOrThrow({ where: { number: 200002 } });
    const timers = await app.db.prisma.timer.findMany({
      where: { key: { startsWith: `rma:${rma.id}:` }, status: "pending" },
      orderBy: { dueAt: "asc" },
    });
    expect(timers.map((timer) => timer.dueAt.toISOString())).toEqual([
      "2026-03-26T08:00:00.000Z",
      "2026-03-29T07:00:00.000Z",
      "2026-04-01T07:00:00.000Z",
    ]);
    await app.stop();
  });
});
