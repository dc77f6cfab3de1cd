import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importData, parseImportFile } from "../../../bot/people/importer.ts";
import { DEMO_SERVICE_FILE, importServiceData, parseServiceSources, readServiceFiles } from "../../../bot/replacements/service-import.ts";
import { eventually } from "../../support/app.ts";
import { ENGINEERS_CHANNEL, LEE, TEAM, eventEnvelope, mention, message, sendEvent, startTestbed, type Testbed } from "./testbed.ts";

const DIAGNOSIS = "power board burnt after a side-loaded firmware";
const CUSTOMER_CHANNEL = "C0SUPPORT";

/** Acme's contract, its Madrid office and one Bar 50 there, so an engineer can order a replacement. */
const ACME_DEVICES = {
  version: 1,
  organizations: [
    {
      key: "acme",
      name: "Acme Corp",
      slackTeamId: TEAM,
      contracts: [
        {
          key: "acme-premium",
          plan: "premium",
          coverage: "24x7",
          timeZone: "Europe/Madrid",
          holidayCountry: "ES",
          startsOn: "2020-01-01",
          endsOn: "2099-12-31",
          onsiteOption: true,
        },
      ],
      sites: [{ key: "acme-madrid", name: "Acme Madrid", country: "ES", region: "MD", timeZone: "Europe/Madrid" }],
      devices: [{ serial: "NB5-8880001", model: "nw-bar-50", site: "acme-madrid" }],
    },
  ],
};

describe("Slack replacement and visit cards are written for the conversation's readers", () => {
  let bed: Testbed;
  let rma: string;

  const shown = (calls: { args: Record<string, unknown> }[]) =>
    calls.map((c) => `${String(c.args.text)}\n${JSON.stringify(c.args.blocks ?? [])}`).join("\n---\n");

  /** Mentions the bot in a channel and waits for an answer in the mention's thread that contains `expected`. */
  const ask = async (channel: string, text: string, expected: string) => {
    const m = mention(LEE, text, { channel });
    await sendEvent(bed.url, eventEnvelope(m));
    return eventually(() => {
      const answer = shown(bed.slack.callsOf("chat.postMessage").filter((c) => c.args.channel === channel && c.args.thread_ts === m.ts));
      expect(answer).toContain(expected);
      return answer;
    });
  };

  beforeAll(async () => {
    bed = await startTestbed();
    await importData(bed.t.app.db, bed.t.app.catalog, parseImportFile(JSON.stringify(ACME_DEVICES)));
    // The demo depots, stock and technicians (the testbed starts without them).
    await importServiceData(bed.t.app.db, bed.t.app.catalog, parseServiceSources(readServiceFiles([DEMO_SERVICE_FILE])));
    bed.t.app.services.people.invalidate();
    bed.t.app.services.directory.invalidate();
    // The engineer orders in a DM with the bot, where only they read the answer.
    const channel = `D0${LEE}`;
    await sendEvent(bed.url, eventEnvelope(message(LEE, `rma order NB5-8880001 ${DIAGNOSIS}`, { channel, channel_type: "im" })));
    rma = await eventually(() => {
      const ordered = /RMA-\d{6}/.exec(shown(bed.slack.callsOf("chat.postMessage").filter((c) => c.args.channel === channel)));
      expect(ordered, shown(bed.slack.callsOf("chat.postMessage"))).not.toBeNull();
      return ordered![0];
    });
  });
  afterAll(() => bed.close());

  it("shows an engineer who looks up an RMA in a customer's channel the customer's card: no diagnosis, customer name or support buttons", async () => {
    const inCustomerChannel = await ask(CUSTOMER_CHANNEL, `rma ${rma}`, rma);
    expect(inCustomerChannel).toContain("NB5-8880001");
    expect(inCustomerChannel).not.toContain("side-loaded");
    expect(inCustomerChannel).not.toContain("Acme Corp");
    expect(inCustomerChannel).not.toContain("Mark shipped");
    expect(inCustomerChannel).not.toContain("Cancel order");
    // The same question in the engineers' channel shows all of it.
    const inEngineersChannel = await ask(ENGINEERS_CHANNEL, `rma ${rma}`, rma);
    expect(inEngineersChannel).toContain(DIAGNOSIS);
    expect(inEngineersChannel).toContain("Acme Corp");
    expect(inEngineersChannel).toContain("Mark shipped");
  });

  it("quotes a visit an engineer books in a customer's channel as the customer reads it, without the customer's name", async () => {
    const inCustomerChannel = await ask(CUSTOMER_CHANNEL, `onsite ${rma}`, "ONS-");
    expect(inCustomerChannel).toContain("choose a time below to confirm");
    expect(inCustomerChannel).not.toContain("the customer was asked");
    expect(inCustomerChannel).not.toContain("Acme Corp");
    const visit = /ONS-\d+/.exec(inCustomerChannel)![0];
    expect(await ask(ENGINEERS_CHANNEL, `onsite ${visit}`, visit)).toContain("Acme Corp");
  });

  it("answers an engineer's parts question in a customer's channel without the depots' stock counts", async () => {
    const inCustomerChannel = await ask(CUSTOMER_CHANNEL, "parts bar 70 spain", "Spare parts");
    expect(inCustomerChannel).toContain("available at Madrid depot");
    expect(inCustomerChannel).not.toContain("on hand");
    expect(await ask(ENGINEERS_CHANNEL, "parts bar 70 spain", "Spare parts")).toContain("1 available (1 on hand, 0 reserved)");
  });

  it("keeps the stock command's counts out of a customer's channel, and shows them in the engineers' channel", async () => {
    const inCustomerChannel = await ask(CUSTOMER_CHANNEL, "stock", "Stock counts are internal");
    expect(inCustomerChannel).not.toContain("on hand");
    expect(await ask(ENGINEERS_CHANNEL, "stock", "on hand")).toContain("Madrid depot");
  });
});
