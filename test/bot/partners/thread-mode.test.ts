/**
 * Thread mode: a partner without a ticket system we integrate with (Zoom here) joins through a
 * shared channel. The case is posted there, its thread becomes the partner thread, the partner's
 * engineers talk in it in plain sentences, and give their tracking number and status by command.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../../db/ids.ts";
import { eventually } from "../../support/app.ts";
import { message } from "../../support/events.ts";
import { createBridgeBed, openPartnerCase, press, received, say, type BridgeBed } from "./support.ts";

const until = (check: () => boolean | Promise<boolean>, what: string) =>
  eventually(async () => {
    if (!(await check())) throw new Error(`still waiting: ${what}`);
  }, 10_000);

describe("a partner whose engineers join a shared thread", () => {
  let t: BridgeBed;
  let ref: string;
  let thread: string;
  /** Zoe writes in the case's thread of the shared channel. */
  const zoe = (text: string) =>
    t.app.bot.handle(
      message("zoe", text, { conversation: { platform: "shell", conversationId: "partner-zoom", threadId: thread, kind: "channel" } }),
    );
  const customer = () => received(t, "dm:employee");
  const sharedThread = () =>
    t.recorder
      .to("partner-zoom")
      .map((m) => [m.text ?? "", m.card?.title ?? "", m.card?.body ?? ""].join(" "))
      .join("\n");

  beforeAll(async () => {
    t = await createBridgeBed();
    expect(await say(t, "manager", "partner connect zoom thread shell partner-zoom channel")).toContain(
      "Zoom now uses a shared thread (partner-zoom).",
    );
    const now = new Date();
    const id = newId();
    await t.app.db.prisma.person.create({ data: { id, key: "partner-zoom-zoe", partnerId: "zoom", name: "Zoe Park", role: "partner" } });
    await t.app.db.prisma.platformIdentity.create({
      data: { id: newId(), personId: id, platform: "shell", externalId: "zoe", createdAt: now },
    });
    ref = await openPartnerCase(t, "Zoom Rooms in Lisbon drop every meeting after a minute since the Zoom outage");
  });
  afterAll(async () => {
    await t?.close();
  });

  it("posts the case into the shared channel and tells the customer the partner's engineers joined", async () => {
    await press(t, "employee", "partner.confirm", { case: ref, partner: "zoom" }, { agreement: "ZM-ENT-0099", validUntil: "" });
    await until(() => sharedThread().includes(`${ref} shared with Zoom`), "intro in the shared channel");
    await until(() => customer().includes(`Zoom's engineers have joined ${ref}`), "customer told");
    const link = await eventually(async () => {
      const row = await t.app.db.prisma.threadLink.findFirst({ where: { conversationId: "partner-zoom", role: "partner" } });
      if (!row) throw new Error("thread not linked yet");
      return row;
    });
    thread = link.threadId;
    expect(thread).not.toBe("");
  });

  it("mirrors the partner engineers' plain messages to the customer and the customer's comments into the thread, never back", async () => {
    await zoe("We see packet loss on the SIP path from Lisbon; can you run a network check?");
    await until(() => customer().includes(`Zoe Park (Zoom) on ${ref}: We see packet loss on the SIP path`), "partner message mirrored");
    await say(t, "employee", `comment ${ref} Network check attached: http://127.0.0.1:9/contoso/check.txt`);
    await until(() => sharedThread().includes("Tom Baker on " + ref + ": Network check attached"), "customer comment in the thread");
    expect(sharedThread()).not.toContain("We see packet loss");
    expect(customer()).not.toContain(`Tom Baker on ${ref}`);
  });

  it("shows an engineer who asks for the case in the shared thread the card the partner may read, without internal notes", async () => {
    await say(t, "engineer", `note ${ref} Zoom's SLA credits are ours to claim, keep this internal`, "engineers");
    const asked = await t.app.bot.handle(
      message("engineer", `case ${ref}`, {
        conversation: { platform: "shell", conversationId: "partner-zoom", threadId: thread, kind: "channel" },
      }),
    );
    const shown = JSON.stringify(asked.outbound.filter((m) => m.target.conversationId === "partner-zoom"));
    expect(shown).toContain(ref);
    expect(shown).not.toContain("SLA credits");
    // The same question in the engineers' channel shows the note.
    expect(await say(t, "engineer", `case ${ref}`, "engineers")).toContain("SLA credits");
  });

  it("shows an engineer who looks up an RMA in the shared thread the customer's card: no diagnosis, customer name or support buttons", async () => {
    const ordered = await say(t, "engineer", "rma order NB5-2231987 power board burnt after a side-loaded firmware", "engineers");
    const rma = /RMA-\d{6}/.exec(ordered)![0];
    const asked = await t.app.bot.handle(
      message("engineer", `rma ${rma}`, {
        conversation: { platform: "shell", conversationId: "partner-zoom", threadId: thread, kind: "channel" },
      }),
    );
    const shown = JSON.stringify(asked.outbound.filter((m) => m.target.conversationId === "partner-zoom"));
    expect(shown).toContain(rma);
    expect(shown).not.toContain("side-loaded");
    expect(shown).not.toContain("Contoso");
    expect(shown).not.toContain("Mark shipped");
  });

  it("takes the partner's tracking number and fix from the thread and moves the case", async () => {
    expect(render(await zoe("partner tracking ZM-778812"))).toContain("Tracking number ZM-778812 recorded");
    await until(() => customer().includes(`Zoom's tracking number for ${ref}: ZM-778812.`), "tracking number");
    await zoe("partner status resolved SIP ALG disabled on the Lisbon edge");
    await until(
      () => customer().includes(`${ref} was resolved by Zoom — fixed by the cloud partner: SIP ALG disabled on the Lisbon edge`),
      "resolved",
    );
  });
});

function render(result: { outbound: { text?: string }[] }): string {
  return result.outbound.map((m) => m.text ?? "").join("\n");
}
