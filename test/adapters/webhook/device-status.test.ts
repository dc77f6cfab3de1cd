import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sign } from "../../../adapters/webhook/signature.ts";
import { ManualClock } from "../../../core/clock.ts";
import type { OutboundMessage } from "../../../bot/events.ts";
import { createTestApp, eventually, type TestApp } from "../../support/app.ts";
import { say } from "../../support/conversation.ts";
import { testProviders } from "../../support/database.ts";

const SECRET = "device-secret-for-tests";
const providers = await testProviders();
const WINDOW_MS = 30_000;

describe.each(providers)("POST /webhooks/device-status (%s)", (provider) => {
  let t: TestApp;
  let url: string;
  const clock = new ManualClock("2026-01-05T09:00:00Z");
  const lisbon = Array.from({ length: 50 }, (_, i) => `NC4-${String(5_000_000 + i)}`);

  /** Posts a body signed as the device cloud signs it (or with the given overrides). */
  const post = async (body: unknown, options: { secret?: string; timestamp?: number; raw?: string } = {}) => {
    const text = options.raw ?? JSON.stringify(body);
    const timestamp = options.timestamp ?? Math.floor(clock.now().getTime() / 1000);
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-switchboard-timestamp": String(timestamp),
        "x-switchboard-signature": sign(options.secret ?? SECRET, timestamp, text),
      },
      body: text,
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
  const event = (id: string, serial: string, type = "offline", extra: Record<string, unknown> = {}) => ({
    id,
    type,
    serial,
    occurredAt: clock.now().toISOString(),
    ...extra,
  });
  const admins = () => t.recorder.to("contoso-admins");
  const cardsAbout = (site: string) => admins().filter((m: OutboundMessage) => m.card?.title.startsWith(`${site}:`));
  /** Lets two grouping windows pass, so every site's burst is closed. */
  const quiet = async () => {
    clock.advance(2 * WINDOW_MS + 2);
    await eventually(async () => {
      if ((await t.app.db.prisma.statusDigest.count({ where: { closedAt: null } })) > 0) throw new Error("a burst is still open");
    });
  };
  const stored = (where: Record<string, unknown> = {}) => t.app.db.prisma.deviceEvent.count({ where });

  beforeAll(async () => {
    t = await createTestApp({ provider, clock, env: { DEVICE_WEBHOOK_SECRET: SECRET } });
    url = `http://127.0.0.1:${(t.app.http.server.address() as AddressInfo).port}/webhooks/device-status`;
    expect(await say(t, "admin", `register ${lisbon.join(" ")} at Lisbon`)).toContain("Registered 50 of 50 devices");
  });
  afterAll(async () => {
    await t.close();
  });

  it("refuses a wrong signature and an old timestamp, and stores nothing", async () => {
    const wrong = await post(event("e-wrong", "NB5-2231987"), { secret: "not-the-secret" });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error).toContain("signature does not match");
    const old = await post(event("e-old", "NB5-2231987"), { timestamp: Math.floor(clock.now().getTime() / 1000) - 600 });
    expect(old.status).toBe(401);
    expect(old.json.error).toContain("outside the 300 s replay window");
    expect(await stored()).toBe(0);
  });

  it("refuses a body that is not JSON, naming where, and an event with bad fields, naming them", async () => {
    const notJson = await post(undefined, { raw: '{"id": "e-1",\n "type": offline}' });
    expect(notJson.status).toBe(400);
    expect(notJson.json.error).toMatch(/^body is not JSON: Unexpected token .* at line 2, column 10; nothing was processed$/);
    const bad = await post({ id: "e-bad", type: "exploded", occurredAt: "yesterday" });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json.rejected)).toContain("type: must be one of offline, online, error, update_failed, peripheral_missing");
    expect(JSON.stringify(bad.json.rejected)).toContain("serial: is required");
    expect(JSON.stringify(bad.json.rejected)).toContain("occurredAt: must be an ISO 8601 time");
    expect(await stored()).toBe(0);
  });

  it("processes the valid events of a batch and names the invalid ones by index and field", async () => {
    const response = await post({
      events: [event("e-b1", "NT1-0045512", "peripheral_missing", { peripheral: "Cam 4K" }), { id: "e-b2", type: "offline" }],
    });
    expect(response.status).toBe(202);
    expect(response.json).toMatchObject({
      accepted: 1,
      duplicates: 0,
      rejected: [{ index: 1, id: "e-b2", problems: ["events[1].serial: is required", "events[1].occurredAt: is required"] }],
    });
    expect(await stored({ id: "e-b1" })).toBe(1);
    await quiet();
  });

  it("posts the first event of a quiet site to the admins' channel at once, in the organization's language", async () => {
    const response = await post(event("e-madrid-1", "NB5-2231987", "offline", { detail: "no heartbeat for 5 min" }));
    expect(response).toMatchObject({ status: 202, json: { accepted: 1, duplicates: 0 } });
    const card = await eventually(() => {
      const found = cardsAbout("Madrid HQ").find((m) => m.card!.title.includes("NB5-2231987"));
      if (!found) throw new Error("no card yet");
      return found;
    });
    expect(card.card!.title).toBe("Madrid HQ: Northwind Bar 50 NB5-2231987 — Desconectado");
    expect(card.card!.facts).toContainEqual({ label: "Evento", value: "Desconectado — no heartbeat for 5 min" });
  });

  it("processes a repeated event id once", async () => {
    const again = await post(event("e-madrid-1", "NB5-2231987"));
    expect(again).toMatchObject({ status: 202, json: { accepted: 0, duplicates: 1 } });
    expect(await stored({ id: "e-madrid-1" })).toBe(1);
    expect(await t.app.db.prisma.statusDigest.findFirst({ where: { openKey: { not: null }, events: { gt: 1 } } })).toBeNull();
  });

  it("groups a storm of 1,000 events for one site into a few messages and loses none", async () => {
    const events = Array.from({ length: 1_000 }, (_, i) =>
      event(`storm-${i}`, lisbon[i % 50]!, i % 20 === 19 ? "peripheral_missing" : "offline"),
    );
    let next = 0;
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let i = next++; i < events.length; i = next++) statuses.push((await post(events[i])).status);
      }),
    );
    expect(statuses.filter((status) => status === 202)).toHaveLength(1_000);
    expect(await stored({ id: { startsWith: "storm-" } })).toBe(1_000);

    // The end of the grouping window: the same card is updated with the totals.
    clock.advance(WINDOW_MS + 1);
    const update = await eventually(() => {
      const cards = cardsAbout("Lisbon office");
      const last = cards.at(-1);
      if (!last?.card?.title.includes("1000")) throw new Error(`no summary yet: ${cards.map((c) => c.card?.title).join(" | ")}`);
      return cards;
    });
    expect(update.length).toBeLessThanOrEqual(3);
    expect(new Set(update.map((m) => m.replaceKey)).size).toBe(1);
    const summary = update.at(-1)!.card!;
    expect(summary.title).toBe("Lisbon office: 1000 eventos de dispositivos");
    expect(summary.facts).toContainEqual({ label: "Desconectado", value: "950 eventos · 50 dispositivos" });
    expect(summary.facts).toContainEqual({ label: "Periférico ausente", value: "50 eventos · 5 dispositivos" });

    // A quiet window closes the burst: nothing more is posted.
    const before = admins().length;
    await quiet();
    expect(admins().length).toBe(before);
  });

  it("opens one case for a critical event by policy, shows it on the card, and never a second one for the same burst or a repeat", async () => {
    const critical = event("e-crit-1", "NB7-0100234", "error", { detail: "camera module not responding" });
    expect((await post(critical)).json).toMatchObject({ accepted: 1 });
    expect((await post(critical)).json).toMatchObject({ duplicates: 1 });
    expect((await post(event("e-crit-2", lisbon[0]!, "error"))).json).toMatchObject({ accepted: 1 });
    const cases = await t.app.db.prisma.case.findMany({ where: { device: { serial: { in: ["NB7-0100234", lisbon[0]!] } } } });
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ severity: "sev2", status: "open", title: "Northwind Bar 70 NB7-0100234 en Lisbon office: Error" });
    await eventually(() => {
      if (!t.recorder.textOf("engineers").includes("NB7-0100234")) throw new Error("engineers not told yet");
    });
    clock.advance(WINDOW_MS + 1);
    const ref = `CS-${cases[0]!.number}`;
    await eventually(() => {
      const last = cardsAbout("Lisbon office").at(-1);
      if (!last?.card?.facts?.some((f) => f.value === ref)) throw new Error("case not on the card yet");
    });

    // A later burst: the device already has an active case, so the event is added to it.
    await quiet();
    expect((await post(event("e-crit-3", "NB7-0100234", "error", { detail: "camera module lost again" }))).json).toMatchObject({
      accepted: 1,
    });
    expect(await t.app.db.prisma.case.count({ where: { device: { serial: "NB7-0100234" } } })).toBe(1);
    const comment = await t.app.db.prisma.caseEvent.findFirst({ where: { caseId: cases[0]!.id, kind: "comment" } });
    expect(comment?.body).toContain("camera module lost again");
  });

  it("accepts events for unknown serials without storing them", async () => {
    const before = await stored();
    expect((await post(event("e-unknown", "NB5-9999999"))).status).toBe(202);
    expect(await stored()).toBe(before);
  });
});
