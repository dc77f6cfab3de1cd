/**
 * Sentences in people's own words reach the action they ask for, through the same event path as
 * chat: a service's keyword inside a question stays a documentation question, engineers' and
 * managers' actions are reachable without their command words, two close readings get one short
 * question with buttons, and an action that changes data waits for a confirmation when the
 * evidence for it is weak.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutboundMessage } from "../../../bot/events.ts";
import { createTestApp, type TestApp } from "../../support/app.ts";
import { action, message } from "../../support/events.ts";
import { render } from "../../support/conversation.ts";

let t: TestApp;
let closedPort: number;
let caseRef: string;

/** Sends a message; returns what the person was sent back. */
async function send(who: string, text: string): Promise<OutboundMessage[]> {
  const result = await t.app.bot.handle(message(who, text));
  return result.outbound.filter((m) => m.target.conversationId === `dm:${who}`);
}
const say = async (who: string, text: string) => render(await send(who, text));
const cases = () => t.app.db.prisma.case.findMany({ orderBy: { number: "asc" } });

beforeAll(async () => {
  // The network check talks to a closed port on this machine, never to the internet.
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closedPort = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  const dir = mkdtempSync(path.join(os.tmpdir(), "sb-routing-"));
  writeFileSync(
    path.join(dir, "endpoints.json"),
    JSON.stringify({ endpoints: [{ name: "Device cloud", host: "127.0.0.1", port: closedPort }] }),
  );
  t = await createTestApp({ start: false, env: { NETWORK_CHECK_FILE: path.join(dir, "endpoints.json") } });
  await say("employee", "open case the bar in the Madrid boardroom has no picture since this morning");
  caseRef = `CS-${(await cases())[0]!.number}`;
});
afterAll(() => t.close());

describe("a service's keyword inside a question", () => {
  it("'how do I roll back the firmware on the Bar 50?' is a documentation question, not the firmware status card", async () => {
    const reply = await say("employee", "how do I roll back the firmware on the Bar 50?");
    expect(reply).toContain("From the documentation");
    expect(reply).not.toMatch(/up to date|latest release|firmware report/i);
  });

  it("'what's the warranty price of the Bar 70 in Brazil?' is searched, not answered with the contracts card", async () => {
    const reply = await say("admin", "what's the warranty price of the Bar 70 in Brazil?");
    expect(reply).toContain("From the documentation");
    expect(reply).not.toMatch(/contract contoso|Licenses and contracts/i);
  });

  it("a Spanish console stuck on its update is a question for the documentation, answered in Spanish", async () => {
    const reply = await say("empleada", "la consola Tap se quedó pillada en la actualización, ¿qué hago?");
    expect(reply).toContain("De la documentación");
    expect(reply).not.toMatch(/está actualizad/);
  });

  it("'update on <number>?' shows that case instead of looking for a model called 'on'", async () => {
    const reply = await say("employee", `update on ${caseRef.slice(3)}?`);
    expect(reply).toContain(`${caseRef} · the bar in the Madrid boardroom`);
    expect(reply).not.toMatch(/model/i);
  });
});

describe("plan services in people's words", () => {
  it("'user guide for the Bar 50' sends the guide's link", async () => {
    expect(await say("employee", "user guide for the Bar 50")).toMatch(
      /User guide[\s\S]*https:\/\/support\.northwind\.example\/docs\/nw-bar-50\/user-guide/,
    );
  });

  it("'can the Madrid office reach your cloud?' runs the network check from the Madrid site", async () => {
    const reply = await say("admin", "can the Madrid office reach your cloud?");
    expect(reply).toContain("Network check · Madrid HQ");
    expect(reply).toContain(`127.0.0.1:${closedPort}`);
  });

  it("'do we get a discount on installation services?' answers the discount and asks no technician to come", async () => {
    const reply = await say("admin", "do we get a discount on installation services?");
    expect(reply).toMatch(/15%.*professional services/);
    expect(await t.app.db.prisma.onsiteVisit.count()).toBe(0);
    expect(t.recorder.textOf("engineers")).not.toMatch(/onsite|visit/i);
  });

  it("'when will the new bar arrive?' is about replacements", async () => {
    expect(await say("employee", "when will the new bar arrive?")).toMatch(/no replacement in progress/i);
  });
});

describe("engineers and managers in their own words", () => {
  it("'I'll take …' assigns the case, and 'add a private note to … that …' stores an internal note with what follows 'that'", async () => {
    const took = await say("engineer", `I'll take ${caseRef}`);
    expect(took).toContain("Engineer: Lee Chen");
    const noted = await say("engineer", `add a private note to ${caseRef} that the depot is short on bars`);
    expect(noted).toContain(`Internal note added to ${caseRef}`);
    const note = await t.app.db.prisma.caseEvent.findFirstOrThrow({ where: { kind: "note" }, orderBy: { createdAt: "desc" } });
    expect(note.body).toBe("the depot is short on bars");
    expect(note.visibility).toBe("internal");
  });

  it("'which cases are escalated right now?' and 'any SLA breaches?' reach the escalation views", async () => {
    expect(await say("manager", "which cases are escalated right now?")).toMatch(/Open escalations \(\d+\)/);
    expect(await say("manager", "any SLA breaches?")).toMatch(/No open case is past its SLA|past (its|their) SLA/);
  });

  it("an engineer's 'what is on fire right now?' shows the open escalations rather than 'I can't help with that'", async () => {
    expect(await say("engineer", "what is on fire right now?")).toMatch(/Open escalations \(\d+\)|No open escalations/);
  });

  it("'escala el CS-…' escalates the case in Spanish instead of only showing it", async () => {
    const reply = await say("empleada", `escala el ${caseRef}`);
    expect(reply).toMatch(/He escalado/);
  });
});

describe("context does not swallow a request", () => {
  it("'export the audit log' right after a case was opened is the audit log, not a comment on the case", async () => {
    const before = await t.app.db.prisma.caseEvent.count({ where: { kind: "comment" } });
    await say("admin", "open case the Tap in Lisbon is frozen on the logo");
    const reply = await say("admin", "export the audit log");
    expect(reply).toMatch(/Audit log \(\d+\)/);
    expect(await t.app.db.prisma.caseEvent.count({ where: { kind: "comment" } })).toBe(before);
  });
});

describe("asking instead of guessing", () => {
  it("an order said with a hedge is not placed: one question with buttons, and the chosen one runs on what was said", async () => {
    const text = "we might need a new unit for NB5-2231987";
    const [question] = await send("engineer", text);
    expect(question?.card?.title).toMatch(/^(Do you want to:|Just to be sure — do you want me to do this\?)$/);
    const labels = question!.card!.actions!.map((a) => a.label);
    expect(labels).toContain("Order a replacement");
    expect(await t.app.db.prisma.rma.count()).toBe(0);
    const order = question!.card!.actions!.find((a) => a.label === "Order a replacement")!;
    const result = await t.app.bot.handle(action("engineer", order.id, order.value as Record<string, string>));
    expect(render(result.outbound)).toMatch(/RMA-\d+/);
    const ordered = await t.app.db.prisma.rma.findFirstOrThrow();
    expect((await t.app.db.prisma.device.findUniqueOrThrow({ where: { id: ordered.deviceId } })).serial).toBe("NB5-2231987");
  });

  it("a visit asked for in passing is confirmed (or its device asked for) before anyone is sent, in the person's language", async () => {
    const [confirm] = await send("admin", "maybe someone should come and look at the bar");
    expect(confirm?.card?.title).toBe("Just to be sure — do you want me to do this?");
    expect(confirm!.card!.actions![0]!.label).toBe("Request an onsite visit");
    expect(await t.app.db.prisma.onsiteVisit.count()).toBe(0);
    const pregunta = render(await send("empleada", "quizá haga falta que venga alguien a mirar la barra"));
    expect(pregunta).toMatch(/^(Para asegurarme|¿Qué quieres hacer\?|¿Para qué equipo)/);
    expect(await t.app.db.prisma.onsiteVisit.count()).toBe(0);
  });
});
