/**
 * A test bed for the cloud-partner bridge: a whole app (SQLite or PostgreSQL) with
 * PARTNER_WEBHOOK_SECRET, the loopback partner simulator as Microsoft's ticket system, short
 * retry waits, and helpers to talk as the demo people and read what each side received.
 */
import type { AddressInfo } from "node:net";
import type { Env } from "../../../app/config.ts";
import { createPartnerDeliverer } from "../../../adapters/partners/index.ts";
import { adapterHost, partnerSettings } from "../../../app/adapters.ts";
import { PartnerSimulator, type SimulatorOptions } from "../../../adapters/partners/simulator.ts";
import type { Clock } from "../../../core/clock.ts";
import type { Provider } from "../../../db/client.ts";
import { createTestApp, eventually, type TestApp } from "../../support/app.ts";
import { action, message } from "../../support/events.ts";
import { render } from "../../support/conversation.ts";
import { partnerFeature } from "../../../bot/partners/index.ts";

export const SECRET = "partner-secret-for-tests";

export interface BridgeBed extends TestApp {
  simulator: PartnerSimulator;
  /** The app's base URL on loopback. */
  baseUrl: string;
}

export async function createBridgeBed(
  options: { provider?: Provider; clock?: Clock; simulator?: Partial<SimulatorOptions>; openRetryDelaysMs?: number[]; env?: Env } = {},
): Promise<BridgeBed> {
  const t = await createTestApp({
    provider: options.provider,
    clock: options.clock,
    env: { PARTNER_WEBHOOK_SECRET: SECRET, ...options.env },
  });
  const baseUrl = `http://127.0.0.1:${(t.app.http.server.address() as AddressInfo).port}`;
  const simulator = new PartnerSimulator({
    partner: "microsoft",
    secret: SECRET,
    bridgeUrl: baseUrl,
    ticketPrefix: "MS-",
    now: options.clock ? () => options.clock!.now() : undefined,
    ...options.simulator,
  });
  await simulator.start();
  // Short waits between retries, so "down, then back" takes milliseconds, not minutes.
  t.app.dispatcher.register(
    createPartnerDeliverer(adapterHost(t.app, "partners", partnerSettings(t.app.config)), {
      openRetryDelaysMs: options.openRetryDelaysMs ?? [20, 20, 20],
      retryDelaysMs: [20],
    }),
  );
  const manager = (await t.app.services.people.resolve({ platform: "shell", externalId: "manager" }))!;
  await t.app.services.features
    .require(partnerFeature)
    .registry.connect(manager, "microsoft", { connector: "webhook", endpointUrl: simulator.url }, { platform: "shell" });
  return {
    ...t,
    simulator,
    baseUrl,
    async close() {
      await simulator.stop();
      await t.close();
    },
  };
}

/** Sends a message as a demo person; returns everything the bot answered there. */
export async function say(t: TestApp, person: string, text: string, conversationId = `dm:${person}`): Promise<string> {
  const event = message(person, text, { conversation: { platform: "shell", conversationId, kind: "personal" } });
  const result = await t.app.bot.handle(event);
  return render(result.outbound.filter((m) => m.target.conversationId === conversationId));
}

/** Presses a button as a demo person; returns everything the bot answered there. */
export async function press(
  t: TestApp,
  person: string,
  actionId: string,
  value: Record<string, string>,
  inputs?: Record<string, string>,
): Promise<string> {
  const result = await t.app.bot.handle(action(person, actionId, value, inputs ? { inputs } : {}));
  return render(result.outbound.filter((m) => m.target.conversationId === `dm:${person}`));
}

/** What a shell conversation has been sent so far, as a person reads it. */
export function received(t: TestApp, conversationId: string): string {
  return render(t.recorder.to(conversationId));
}

/** Opens a cloud-partner case as Tom (Contoso) and returns its reference. */
export async function openPartnerCase(
  t: TestApp,
  text = "Teams Rooms can't join Microsoft Teams meetings in Madrid since the Microsoft 365 incident this morning",
): Promise<string> {
  const reply = await say(t, "employee", `open case ${text}`);
  const ref = /CS-\d+/.exec(reply)?.[0];
  if (!ref) throw new Error(`no case opened: ${reply}`);
  await t.app.db.prisma.case.update({ where: { number: Number(ref.slice(3)) }, data: { category: "cloud_partner" } });
  return ref;
}

/** Opens the Microsoft ticket of a case (recording the agreement) and waits for the tracking number. */
export async function openTicket(t: BridgeBed, ref: string): Promise<string> {
  await press(t, "employee", "partner.confirm", { case: ref, partner: "microsoft" }, { agreement: "MS-UNIFIED-4471", validUntil: "" });
  return eventually(async () => {
    const row = await t.app.db.prisma.partnerTicket.findFirst({
      where: { status: { in: ["open", "in_progress"] }, caseId: (await caseId(t, ref))! },
    });
    if (!row?.externalId) throw new Error("ticket not open yet");
    return row.externalId;
  });
}

export async function caseId(t: TestApp, ref: string): Promise<string | undefined> {
  return (await t.app.db.prisma.case.findUnique({ where: { number: Number(ref.slice(3)) }, select: { id: true } }))?.id;
}
