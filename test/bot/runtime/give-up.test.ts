/**
 * A message the platform keeps failing is retried for OUTBOX_GIVE_UP_AFTER, not for a number of
 * attempts; then it is given up where people can see it: the log, /metrics and, for support
 * staff, `outbox dead` in chat.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../../core/clock.ts";
import { createTestApp, type TestApp } from "../../support/app.ts";
import { message } from "../../support/events.ts";
import { buildPerson } from "../../support/factories.ts";

const MIN = 60_000;
let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const METRICS_TOKEN = "give-up-metrics-token-0123456789";

describe("undelivered messages", () => {
  it("retries a failing reply for the configured hours, then gives it up in the log, the metrics and the support list", async () => {
    const clock = new ManualClock("2026-03-10T10:00:00Z");
    t = await createTestApp({ clock, start: false, seedDemo: false, env: { OUTBOX_GIVE_UP_AFTER: "6h", METRICS_TOKEN } });
    const { app, recorder } = t;
    await buildPerson(app, { identities: { shell: "employee" } });
    await buildPerson(app, { role: "engineer", identities: { shell: "engineer" } });
    recorder.failNext = Number.MAX_SAFE_INTEGER;
    await app.bot.handle(message("employee", "hello"));
    await app.dispatcher.runOnce();
    const reply = () => app.db.prisma.outbox.findFirstOrThrow({ where: { conversationId: "dm:employee" } });

    // Five hours and fifty minutes of failures: far more than a dozen attempts, still retried.
    for (let m = 0; m < 350; m += 5) {
      clock.advance(5 * MIN);
      await app.dispatcher.runOnce();
    }
    expect((await reply()).status).toBe("pending");
    expect((await reply()).attempts).toBeGreaterThan(12);

    clock.advance(15 * MIN);
    await app.dispatcher.runOnce();
    expect((await reply()).status).toBe("dead");
    const logged = t.logs.lines.find((l) => l.msg === "message still undelivered after the give-up time; giving up");
    expect(logged).toMatchObject({ level: 50, conversation: "dm:employee", platform: "shell" });

    // The platform is back: support staff see what was given up; customers may not.
    recorder.failNext = 0;
    await app.bot.handle(message("engineer", "outbox dead"));
    await app.bot.handle(message("employee", "mensajes no entregados"));
    await app.dispatcher.runOnce();
    const list = recorder.textOf("dm:engineer");
    expect(list).toContain("Messages I could not deliver (1)");
    expect(list).toMatch(/2026-03-10 10:00 UTC · shell dm:employee · \d+ attempts · simulated outage/);
    expect(recorder.textOf("dm:employee")).toContain(
      "Solo los ingenieros y responsables de soporte pueden ver los mensajes no entregados.",
    );

    const port = await app.start();
    const metrics = await (
      await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
    ).text();
    expect(metrics).toMatch(/^switchboard_outbox_dead 1$/m);
  });
});
