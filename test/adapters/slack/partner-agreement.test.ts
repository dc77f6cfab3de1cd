import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../support/app.ts";
import type { SlackCall } from "./fake-slack.ts";
import { ANA, buttonPress, eventEnvelope, mention, sendEvent, sendInteraction, startTestbed, type Testbed } from "./testbed.ts";

interface Button {
  action_id?: string;
  value?: string;
}

const buttonsOf = (call: SlackCall) =>
  ((call.args.blocks ?? []) as { elements?: Button[] }[]).flatMap((block) => block.elements ?? []).filter((b) => b.action_id);

/** "We have no agreement with Microsoft" in Slack: no form to fill, the referral at once. */
describe("Slack: a customer without an agreement with the cloud partner", () => {
  let bed: Testbed;
  beforeAll(async () => {
    bed = await startTestbed();
    await bed.t.app.db.prisma.partner.create({ data: { id: "microsoft", name: "Microsoft", connector: "thread" } });
  });
  afterAll(() => bed.close());

  it("presses the no-agreement button without a modal asking for an agreement reference, and is referred", async () => {
    await sendEvent(bed.url, eventEnvelope(mention(ANA, "open case Teams Rooms on the boardroom bar cannot join Teams meetings")));
    const ref = await eventually(() => {
      const text = JSON.stringify(bed.slack.callsOf("chat.postMessage").map((c) => c.args));
      const found = /I opened case (CS-\d+)/.exec(text);
      if (!found) throw new Error("no case yet");
      return found[1]!;
    });
    await sendEvent(bed.url, eventEnvelope(mention(ANA, `open a ticket with Microsoft for ${ref}`)));
    const offer = await eventually(() => {
      const call = bed.slack
        .callsOf("chat.postMessage")
        .find((c) => buttonsOf(c).some((b) => b.action_id!.startsWith("partner.no_agreement")));
      if (!call) throw new Error("no offer yet");
      return call;
    });
    const noAgreement = buttonsOf(offer).find((b) => b.action_id!.startsWith("partner.no_agreement"))!;
    const posted = bed.slack.posted.find((m) => m.channel === offer.args.channel && JSON.stringify(m).includes("no agreement"));
    const modalsBefore = bed.slack.callsOf("views.open").length;
    await sendInteraction(
      bed.url,
      buttonPress(
        ANA,
        { action_id: noAgreement.action_id!, value: noAgreement.value },
        {
          channel: String(offer.args.channel),
          ts: posted?.ts ?? "1700000000.000100",
        },
      ),
    );
    await eventually(() => {
      const text = JSON.stringify(bed.slack.callsOf("chat.postMessage").map((c) => c.args));
      if (!text.includes(`We couldn't open a ticket with Microsoft for ${ref}`)) throw new Error("no referral yet");
    });
    expect(bed.slack.callsOf("views.open")).toHaveLength(modalsBefore);
  });
});
