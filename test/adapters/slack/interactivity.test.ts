import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../support/app.ts";
import type { SlackCall } from "./fake-slack.ts";
import {
  ANA,
  ENGINEERS_CHANNEL,
  LEE,
  STRANGER,
  buttonPress,
  eventEnvelope,
  mention,
  sendCommand,
  sendEvent,
  sendInteraction,
  startTestbed,
  type Testbed,
} from "./testbed.ts";

interface Block {
  type: string;
  elements?: { action_id?: string; value?: string }[];
  accessory?: { action_id?: string; value?: string };
}

const blocksOf = (call: SlackCall) => (call.args.blocks ?? (call.args.view as { blocks?: Block[] })?.blocks ?? []) as Block[];
const buttons = (call: SlackCall) => blocksOf(call).flatMap((b) => [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])]);

describe("Slack interactivity: buttons, modals, the slash command and App Home", () => {
  let bed: Testbed;
  let caseRef = "";
  let engineersCard: { ts: string; call: SlackCall };
  beforeAll(async () => {
    bed = await startTestbed();
    await sendEvent(bed.url, eventEnvelope(mention(ANA, "open case the Bar 50 in the boardroom reboots every hour")));
    engineersCard = await eventually(() => {
      const posted = bed.slack.posted.find((m) => m.channel === ENGINEERS_CHANNEL);
      const call = bed.slack.callsOf("chat.postMessage").find((c) => c.args.channel === ENGINEERS_CHANNEL);
      expect(posted && call).toBeTruthy();
      return { ts: posted!.ts, call: call! };
    });
    caseRef = /CS-\d+/.exec(JSON.stringify(engineersCard.call.args.blocks))![0];
  });
  afterAll(() => bed.close());

  const dm = (user: string) => bed.slack.callsOf("chat.postMessage").filter((c) => c.args.channel === `D${user}`);

  it("takes a case with the engineers' card button and updates that same card", async () => {
    const take = buttons(engineersCard.call).find((b) => b.action_id?.startsWith("case.take"))!;
    const press = () =>
      sendInteraction(
        bed.url,
        buttonPress(LEE, { action_id: take.action_id!, value: take.value }, { channel: ENGINEERS_CHANNEL, ts: engineersCard.ts }),
      );
    expect((await press()).status).toBe(200);
    const update = await eventually(() => {
      const found = bed.slack.callsOf("chat.update").filter((c) => c.args.channel === ENGINEERS_CHANNEL && c.args.ts === engineersCard.ts);
      expect(found.length).toBeGreaterThan(0);
      return found.at(-1)!;
    });
    expect(JSON.stringify(update.args.blocks)).toContain("Lee Chen");
    expect(buttons(update).some((b) => b.action_id?.startsWith("case.take"))).toBe(false);
    // Pressing again changes nothing: no new message, the case keeps its one assignee.
    await press();
    const view = await bed.t.app.services.cases.get(
      (await bed.t.app.services.people.resolve({ platform: "slack", externalId: LEE }))!,
      Number(caseRef.slice(3)),
    );
    expect(view.assigneeName).toBe("Lee Chen");
    expect(bed.slack.posted.filter((m) => m.channel === ENGINEERS_CHANNEL)).toHaveLength(1);
  });

  it("answers /switchboard help, cases and case CS-… in the person's DM", async () => {
    for (const text of ["help", "cases", `case ${caseRef}`]) {
      const response = await sendCommand(bed.url, { user_id: ANA, text });
      expect(response.status).toBe(200);
      expect(await response.text()).toBe("");
    }
    const texts = await eventually(() => {
      const found = dm(ANA).map((c) => JSON.stringify(c.args.blocks ?? c.args.text));
      expect(found).toHaveLength(3);
      return found;
    });
    expect(texts[0]).toMatch(/Here is what I can do/);
    expect(texts[1]).toMatch(new RegExp(caseRef));
    expect(texts[2]).toMatch(/reboots every hour/);
  });

  it("opens a case from the /switchboard open modal once, however often it is submitted", async () => {
    await sendCommand(bed.url, { user_id: ANA, text: "open" });
    const opened = await eventually(() => {
      const found = bed.slack.callsOf("views.open").find((c) => (c.args.view as { callback_id?: string }).callback_id === "sb.open_case");
      expect(found).toBeDefined();
      return found!;
    });
    const view = opened.args.view as { callback_id: string; private_metadata: string };
    const submission = {
      type: "view_submission",
      team: { id: "T0ACME" },
      user: { id: ANA, team_id: "T0ACME" },
      view: {
        id: "V0OPEN1",
        callback_id: view.callback_id,
        private_metadata: view.private_metadata,
        state: {
          values: {
            what: { what: { type: "plain_text_input", value: "Speakerphone echoes in room 2" } },
            severity: { severity: { type: "static_select", selected_option: { value: "sev2" } } },
          },
        },
      },
    };
    const before = dm(ANA).length;
    expect((await sendInteraction(bed.url, submission)).status).toBe(200);
    expect((await sendInteraction(bed.url, submission)).status).toBe(200);
    const replies = await eventually(() => {
      const found = dm(ANA)
        .slice(before)
        .map((c) => String(c.args.text));
      expect(found.some((text) => /I opened case CS-\d+: Speakerphone echoes/.test(text))).toBe(true);
      return found;
    });
    const cases = await bed.t.app.db.prisma.case.findMany({ where: { title: { contains: "Speakerphone echoes" } } });
    expect(cases).toHaveLength(1);
    expect(cases[0]!.severity).toBe("sev2");
    expect(replies.filter((text) => /I opened case/.test(text))).toHaveLength(1);
  });

  it("opens the register-a-product form from the slash command", async () => {
    await sendCommand(bed.url, { user_id: ANA, text: "register" });
    const opened = await eventually(() => {
      const found = bed.slack.callsOf("views.open").find((c) => (c.args.view as { callback_id?: string }).callback_id === "sb.register");
      expect(found).toBeDefined();
      return found!;
    });
    expect(JSON.stringify(opened.args.view)).toMatch(/Serial number/);
  });

  it("asks a card's inputs in a modal and sends them with the button's action", async () => {
    // A "Reopen" button of a card that declares a reason input.
    const value = JSON.stringify({ v: { case: caseRef }, i: [{ id: "reason", l: "Why?", k: "multiline", r: 1 }] });
    await sendInteraction(
      bed.url,
      buttonPress(ANA, { action_id: "case.reopen~0", value }, { channel: "C0SUPPORT", ts: "1700009999.000001" }),
    );
    const opened = await eventually(() => {
      const found = bed.slack.callsOf("views.open").find((c) => (c.args.view as { callback_id?: string }).callback_id === "sb.inputs");
      expect(found).toBeDefined();
      return found!;
    });
    const view = opened.args.view as { private_metadata: string; blocks: { block_id: string }[] };
    expect(view.blocks.map((b) => b.block_id)).toEqual(["reason"]);
    await sendInteraction(bed.url, {
      type: "view_submission",
      user: { id: ANA, team_id: "T0ACME" },
      view: {
        id: "V0REASON1",
        callback_id: "sb.inputs",
        private_metadata: view.private_metadata,
        state: { values: { reason: { reason: { value: "still rebooting" } } } },
      },
    });
    // The case is not resolved, so the core refuses to reopen it — in the thread the card was in.
    const reply = await eventually(() => {
      const found = bed.slack
        .callsOf("chat.postMessage")
        .filter((c) => c.args.channel === "C0SUPPORT" && /can't be|reopen/i.test(String(c.args.text)));
      expect(found.length).toBeGreaterThan(0);
      return found[0]!;
    });
    expect(String(reply.args.text)).toMatch(new RegExp(caseRef));
  });

  it("shows the App Home: the admin's organization cases, the engineer's queue, a stranger's explanation", async () => {
    for (const user of [ANA, LEE, STRANGER])
      await sendEvent(bed.url, eventEnvelope({ type: "app_home_opened", user, channel: `D${user}`, tab: "home", event_ts: "1" }));
    const views = await eventually(() => {
      const found = bed.slack.callsOf("views.publish");
      expect(found).toHaveLength(3);
      return new Map(found.map((c) => [String(c.args.user_id), JSON.stringify(c.args.view)]));
    });
    expect(views.get(ANA)).toMatch(/Open cases of your organization/);
    expect(views.get(ANA)).toMatch(new RegExp(caseRef));
    expect(views.get(LEE)).toMatch(/Your queue/);
    expect(views.get(LEE)).toMatch(/Escalations/);
    expect(views.get(LEE)).toMatch(new RegExp(caseRef));
    expect(views.get(STRANGER)).toMatch(/no te conozco/);
  });

  it("opens a case's card in the DM from the App Home's View button", async () => {
    const before = dm(LEE).length;
    await sendInteraction(bed.url, {
      type: "block_actions",
      user: { id: LEE, team_id: "T0ACME" },
      team: { id: "T0ACME" },
      trigger_id: "home-view-1",
      container: { type: "view", view_id: "VHOME" },
      view: { id: "VHOME", type: "home" },
      actions: [{ type: "button", action_id: "case.view~0", value: JSON.stringify({ v: { case: caseRef } }) }],
    });
    const card = await eventually(() => {
      const found = dm(LEE).slice(before);
      expect(found).toHaveLength(1);
      return found[0]!;
    });
    expect(JSON.stringify(card.args.blocks)).toMatch(new RegExp(`${caseRef}.*reboots every hour`));
  });
});
