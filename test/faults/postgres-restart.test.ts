/**
 * Fault: PostgreSQL restarts (`pg_ctl stop -m fast`, 2 s away, start — a failover or a minor upgrade) under a
 * stream of Slack events sent to two replicas; and restarts instantly (`pg_ctl restart -m fast`, a
 * gap of a few hundred milliseconds, in which every pooled connection breaks at once). Every session is ended at once; the replicas must
 * survive it (a connection ended by the server used to be an unhandled 'error' event that exited
 * the process), say 503 on /readyz while the database is away and 200 once it is back, and every
 * event ends answered exactly once — those refused while it was away come again as Slack retries.
 *
 * The server is the test's own (its own port and data folder), never the shared one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { DEMO_CATALOG_FILE, loadCatalog } from "../../core/catalog.ts";
import { importData, parseImportFile, syncCatalog } from "../../bot/people/importer.ts";
import { openDatabase } from "../../db/client.ts";
import { applyMigrations } from "../../db/migrate.ts";
import { FakeSlack } from "../adapters/slack/fake-slack.ts";
import { eventually } from "../support/app.ts";
import {
  BOT_USER,
  REDIS_TEST_URL,
  Replica,
  SIGNING_SECRET,
  SLACK_PEOPLE,
  SLACK_TEAM,
  SUPPORT_CHANNEL,
  fixture,
  freePort,
  postSlackEvent,
  scaledServices,
  slackMention,
} from "../scaled/cluster.ts";
import { PrivatePostgres, privatePostgresUnavailable } from "./private-postgres.ts";
import { countAnswers, reportFault } from "./summary.ts";

const unavailable = privatePostgresUnavailable() ?? (await scaledServices().then((s) => (s.ok ? undefined : s.reason)));
if (unavailable) console.warn(`Skipping the PostgreSQL restart fault test: ${unavailable}`);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const VARIANTS = [
  { name: "stopped for 2 s", downMs: 2_000, fault: "PostgreSQL restarted (fast stop, 2 s away) under load, 2 replicas" },
  { name: "restarted instantly", downMs: 0, fault: "PostgreSQL restarted instantly (fast stop, start at once) under load, 2 replicas" },
];

describe.skipIf(unavailable !== undefined).each(VARIANTS)("fault: PostgreSQL $name under load", ({ downMs, fault }) => {
  let server: PrivatePostgres;
  let slack: FakeSlack;
  let replicas: Replica[] = [];

  beforeAll(async () => {
    server = new PrivatePostgres(await freePort());
    await server.start();
    slack = await new FakeSlack({ id: SLACK_TEAM, botUserId: BOT_USER, botId: "BPGRESTART" }).start();
    SLACK_PEOPLE.forEach((id, i) => slack.addUser({ id, email: `slack${i}@scale.test`, name: `Slack Person ${i}`, locale: "en-US" }));
    const url = `${server.url}?schema=switchboard`;
    await applyMigrations(url);
    const db = await openDatabase(url, { poolSize: 2 });
    const catalog = loadCatalog(DEMO_CATALOG_FILE);
    await syncCatalog(db, catalog);
    await importData(db, catalog, parseImportFile(JSON.stringify(fixture("http://127.0.0.1:9"))));
    await db.close();
    const env = {
      DATABASE_URL: url,
      REDIS_URL: REDIS_TEST_URL,
      REDIS_PREFIX: `switchboard-pgrestart-${randomBytes(4).toString("hex")}:`,
      SEED_DEMO_DATA: "false",
      SLACK_BOT_TOKEN: "xoxb-pgrestart",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      INBOUND_LEASE_SECONDS: "4",
      OUTBOX_LEASE_SECONDS: "3",
      RESUME_INTERVAL_SECONDS: "1",
    };
    replicas = [new Replica("replica-a", await freePort(), env), new Replica("replica-b", await freePort(), env)];
    await Promise.all(replicas.map((r) => r.start()));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.kill().catch(() => undefined)));
    await slack?.stop();
    await server?.stop();
  });

  const openedIn = (ts: string) =>
    slack
      .callsOf("chat.postMessage")
      .filter((c) => c.args.channel === SUPPORT_CHANNEL && c.args.thread_ts === ts && /I opened case/.test(String(c.args.text)));

  it("keeps both replicas up, reports not ready while it is away, and answers every event once", async () => {
    const events: { id: string; ts: string; body: Record<string, unknown>; status: number; replica: Replica }[] = [];
    const readiness = new Map<string, number[]>(replicas.map((r) => [r.name, []]));
    let probing = true;
    const probes = (async () => {
      while (probing) {
        for (const r of replicas) {
          const status = await fetch(`${r.url}/readyz`, { signal: AbortSignal.timeout(3_000) }).then(
            (res) => res.status,
            () => 0,
          );
          readiness.get(r.name)!.push(status);
        }
        await sleep(100);
      }
    })();

    // 30 events over about 6 s; PostgreSQL restarts after the tenth.
    let restart: Promise<void> | undefined;
    for (let i = 0; i < 30; i++) {
      if (i === 10) restart = server.restart(downMs);
      const ts = `1700003000.${String(i).padStart(6, "0")}`;
      const id = `EvPGRESTART${i}`;
      const body = slackMention(
        id,
        SLACK_PEOPLE[i % SLACK_PEOPLE.length]!,
        `open case the video bar in room ${i} has no sound pgr${i}`,
        ts,
      );
      const replica = replicas[i % 2]!;
      events.push({ id, ts, body, status: await postSlackEvent(replica.url, body), replica });
      await sleep(200);
    }
    await restart;
    const restartedAt = Date.now();

    // Slack retries what was not acknowledged, with the same event_id.
    for (const event of events.filter((e) => e.status !== 200)) {
      await eventually(async () => expect(await postSlackEvent(event.replica.url, event.body, 1)).toBe(200), 20_000);
    }
    await eventually(() => {
      for (const event of events) expect(openedIn(event.ts).length, event.id).toBeGreaterThan(0);
    }, 60_000).catch((error: unknown) => {
      // What the replicas said about the lost events: the trail of a loss is hard to reproduce.
      const lost = events.filter((e) => openedIn(e.ts).length === 0);
      for (const e of lost)
        console.error(
          `lost ${e.id} (first answered ${e.status} by ${e.replica.name}):`,
          ...replicas.flatMap((r) => r.lines.filter((l) => l.includes(e.id))),
        );
      throw error;
    });
    await sleep(2_000);
    probing = false;
    await probes;

    for (const r of replicas) {
      expect(r.alive, `${r.name} exited:\n${r.tail()}`).toBe(true);
      const seen = readiness.get(r.name)!;
      // Not ready at some point while the server was away (an instant restart may fall between
      // two probes), ready again at the end.
      if (downMs > 0) expect(seen.some((status) => status === 503)).toBe(true);
      expect(seen.at(-1)).toBe(200);
    }
    const row = countAnswers(
      events.map((e) => e.id),
      new Map(events.map((e) => [e.id, openedIn(e.ts).length])),
    );
    const latestReplyMs = Math.max(0, ...events.map((e) => (openedIn(e.ts)[0]?.at ?? restartedAt) - restartedAt));
    reportFault({ fault, ...row, latestReplyMs });
    expect(row.lost).toBe(0);
    expect(row.doubled).toBe(0);
  }, 180_000);
});
