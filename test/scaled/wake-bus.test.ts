/**
 * The replicas' wake-up channel (app/wake-bus.ts) on the real Redis, and what the app does when
 * Redis is not there: it still serves, says so at /readyz, and the hints are simply not sent.
 */
import { randomBytes } from "node:crypto";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { connectWakeBus, type WakeBus } from "../../app/wake-bus.ts";
import { createTestApp, eventually } from "../support/app.ts";
import { REDIS_TEST_URL, scaledServices } from "./cluster.ts";

const services = await scaledServices();
const redisUp = services.ok || !services.reason.startsWith("Redis");
if (!services.ok) console.warn(`Skipping the Redis half of the wake-up tests: ${services.reason} (.ci/run starts PostgreSQL and Redis)`);

const silent = pino({ level: "silent" });

describe.skipIf(!redisUp)("wake-ups between replicas over Redis", () => {
  const prefix = `switchboard-test-${randomBytes(4).toString("hex")}:`;
  const a = connectWakeBus(REDIS_TEST_URL, prefix, silent, { timerWindowMs: 1_000 });
  const b = connectWakeBus(REDIS_TEST_URL, prefix, silent, { timerWindowMs: 1_000 });
  const elsewhere = connectWakeBus(REDIS_TEST_URL, `${prefix}other:`, silent);
  afterAll(() => Promise.all([a, b, elsewhere].map((bus) => bus.close())));

  const heard = (bus: WakeBus) => {
    const log = { outbox: 0, timers: [] as number[], delivered: [] as string[] };
    bus.onOutbox(() => void (log.outbox += 1));
    bus.onTimer((dueAt) => void log.timers.push(dueAt.getTime()));
    bus.onReplyDelivered((key) => void log.delivered.push(key));
    return log;
  };
  const atA = heard(a);
  const atB = heard(b);
  const atElsewhere = heard(elsewhere);

  it("tells the other replicas, not itself nor another deployment, when the outbox moved, a timer is soon due and replies went out", async () => {
    await Promise.all([a.check(), b.check(), elsewhere.check()]);
    // Subscriptions are asynchronous: repeat the hint until B hears one (a lost hint only costs a poll).
    await eventually(() => {
      a.outboxReleased();
      expect(atB.outbox).toBeGreaterThan(0);
    });
    const soon = Date.now() + 300;
    a.timerScheduled(new Date(soon + 50));
    a.timerScheduled(new Date(soon)); // coalesced: the earliest of the turn goes out
    a.timerScheduled(new Date(Date.now() + 60_000)); // the others' own poll finds this one
    a.replyDelivered("slack:Ev1:out:0");
    a.replyDelivered("teams:a,b|c:out:1");
    await eventually(() => expect(atB.delivered).toEqual(["slack:Ev1:out:0", "teams:a,b|c:out:1"]));
    expect(atB.timers).toEqual([soon]);
    expect(atA).toEqual({ outbox: 0, timers: [], delivered: [] });
    expect(atElsewhere).toEqual({ outbox: 0, timers: [], delivered: [] });
  });
});

describe("a replica whose Redis is down", () => {
  it("keeps serving and reports Redis at /readyz without leaving the load balancer", async () => {
    // Port 1 on loopback: nothing listens there.
    const t = await createTestApp({ env: { REDIS_URL: "redis://127.0.0.1:1" } });
    try {
      const port = (t.app.http.server.address() as { port: number }).port;
      const response = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { checks: Record<string, string> };
      expect(body.checks.database).toBe("ok");
      expect(body.checks.redis).toMatch(/^unreachable/);
      // Hints are dropped, not queued or thrown.
      t.app.wakeBus!.outboxReleased();
      t.app.wakeBus!.timerScheduled(new Date());
    } finally {
      await t.close();
    }
  });
});
