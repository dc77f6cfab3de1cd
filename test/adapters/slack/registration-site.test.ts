import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importData, parseImportFile } from "../../../bot/people/importer.ts";
import { eventually } from "../../support/app.ts";
import type { SlackCall } from "./fake-slack.ts";
import { ANA, buttonPress, eventEnvelope, message, sendEvent, sendInteraction, startTestbed, type Testbed } from "./testbed.ts";

interface Block {
  elements?: { action_id?: string; value?: string; text?: { text?: string } }[];
}
const buttons = (call: SlackCall) => ((call.args.blocks ?? []) as Block[]).flatMap((b) => b.elements ?? []);

describe("Slack: serials pasted into the DM without a site", () => {
  let bed: Testbed;
  const dmChannel = `D${ANA}`;
  const dm = () => bed.slack.callsOf("chat.postMessage").filter((c) => c.args.channel === dmChannel);

  beforeAll(async () => {
    bed = await startTestbed();
    // Acme has two offices, so a list without a site cannot be placed on its own.
    const sites = {
      version: 1,
      organizations: [
        {
          key: "acme",
          name: "Acme Corp",
          sites: [
            { key: "acme-madrid", name: "Madrid HQ", country: "ES", timeZone: "Europe/Madrid" },
            { key: "acme-lisbon", name: "Lisbon office", country: "PT", timeZone: "Europe/Lisbon", aliases: ["Lisboa"] },
          ],
        },
      ],
    };
    await importData(bed.t.app.db, bed.t.app.catalog, parseImportFile(JSON.stringify(sites)));
  });
  afterAll(() => bed.close());

  it("asks once for the site with a button per site, and the button registers the whole list there", async () => {
    const event = message(ANA, "NB5-2231990\nNB5-2231991\nNT1-0045513", { channel: dmChannel, channel_type: "im" });
    expect((await sendEvent(bed.url, eventEnvelope(event))).status).toBe(200);
    const question = await eventually(() => {
      const found = dm().find((c) => JSON.stringify(c.args.blocks ?? "").includes("Which site are these 3 devices at?"));
      expect(found).toBeTruthy();
      return found!;
    });
    const lisbon = buttons(question).find((b) => b.text?.text === "Lisbon office")!;
    expect(buttons(question).map((b) => b.text?.text)).toEqual(expect.arrayContaining(["Lisbon office", "Madrid HQ"]));
    expect(await bed.t.app.db.prisma.device.count()).toBe(0);

    const posted = bed.slack.posted.find((m) => m.channel === dmChannel && JSON.stringify(m).includes("Which site"))!;
    const before = dm().length;
    await sendInteraction(
      bed.url,
      buttonPress(ANA, { action_id: lisbon.action_id!, value: lisbon.value }, { channel: dmChannel, ts: posted.ts }),
    );
    const report = await eventually(() => {
      const calls = [...dm().slice(before), ...bed.slack.callsOf("chat.update").filter((c) => c.args.channel === dmChannel)];
      const found = calls.find((c) => JSON.stringify(c.args).includes("Registered 3 of 3 devices"));
      expect(found).toBeTruthy();
      return found!;
    });
    expect(JSON.stringify(report.args)).toContain("Lisbon office");
    const devices = await bed.t.app.db.prisma.device.findMany({ include: { site: true }, orderBy: { serial: "asc" } });
    expect(devices.map((d) => `${d.serial} ${d.site?.name}`)).toEqual([
      "NB5-2231990 Lisbon office",
      "NB5-2231991 Lisbon office",
      "NT1-0045513 Lisbon office",
    ]);
  });
});
