import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importData, parseImportFile } from "../../../bot/people/importer.ts";
import { eventually } from "../../support/app.ts";
import { LoopbackServer } from "../../support/loopback.ts";
import { ANA, BO, TEAM, eventEnvelope, message, sendEvent, startTestbed, type Testbed } from "./testbed.ts";

/** Acme's offices, so uploaded devices have somewhere to go. */
const SITES = {
  version: 1,
  organizations: [
    {
      key: "acme",
      name: "Acme Corp",
      slackTeamId: TEAM,
      sites: [
        { key: "acme-madrid", name: "Madrid HQ", country: "ES", timeZone: "Europe/Madrid" },
        { key: "acme-lisbon", name: "Lisbon office", country: "PT", timeZone: "Europe/Lisbon", aliases: ["Lisboa"] },
      ],
    },
  ],
};

const DM = (user: string) => `D${user}`;

/** A `file_share` message in the person's DM with the bot, as Slack sends it. */
function fileShare(user: string, text: string, files: Record<string, unknown>[]): Record<string, unknown> {
  return { ...message(user, text, { channel: DM(user), channel_type: "im" }), subtype: "file_share", files, upload: true };
}

function slackFile(id: string, name: string, url: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    name,
    title: name,
    mimetype: "text/csv",
    filetype: "csv",
    size: 120,
    mode: "hosted",
    url_private: url,
    url_private_download: url,
    ...extra,
  };
}

describe("Slack: registering devices from an uploaded CSV", () => {
  let bed: Testbed;
  const foreign = new LoopbackServer();
  beforeAll(async () => {
    bed = await startTestbed();
    await foreign.start();
    await importData(bed.t.app.db, bed.t.app.catalog, parseImportFile(JSON.stringify(SITES)));
    bed.t.app.services.directory.invalidate();
  });
  afterAll(async () => {
    await bed.close();
    await foreign.stop();
  });

  /** What the bot posted to the person's DM after `since` calls, as one text (message text and blocks). */
  const dmSince = (user: string, since: number) =>
    bed.slack
      .callsOf("chat.postMessage")
      .slice(since)
      .filter((c) => c.args.channel === DM(user))
      .map((c) => `${String(c.args.text)}\n${JSON.stringify(c.args.blocks ?? [])}`)
      .join("\n---\n");
  const posts = () => bed.slack.callsOf("chat.postMessage").length;
  const replyTo = async (user: string, envelope: Record<string, unknown>): Promise<string> => {
    const before = posts();
    expect((await sendEvent(bed.url, envelope)).status).toBe(200);
    return eventually(() => {
      const text = dmSince(user, before);
      expect(text).not.toBe("");
      return text;
    });
  };

  it("downloads a CSV dropped into the DM with the bot token and answers with the registration report", async () => {
    const csv = "serial,site,asset_tag\nNC4-5100001,Madrid HQ,MAD-CAM-9\nNS2-5100002,Lisboa,\n";
    const url = bed.slack.addFile("F0CSV1", "devices.csv", csv);
    const reply = await replyTo(ANA, eventEnvelope(fileShare(ANA, "register", [slackFile("F0CSV1", "devices.csv", url)])));
    expect(reply).toContain("Registered 2 of 2 devices");
    expect(reply).toContain("Madrid HQ");
    const download = bed.slack.downloads.at(-1)!;
    expect(download.headers.authorization).toBe("Bearer xoxb-test-token");
    const lisbon = await bed.t.app.db.prisma.device.findUnique({ where: { serial: "NS2-5100002" }, include: { site: true } });
    expect(lisbon).toMatchObject({ site: { name: "Lisbon office" } });
    expect(await bed.t.app.db.prisma.device.findUnique({ where: { serial: "NC4-5100001" } })).toMatchObject({ assetTag: "MAD-CAM-9" });
  });

  it("takes a device list sent with no text at all as a registration", async () => {
    const url = bed.slack.addFile("F0CSV2", "more.csv", "serial;site\r\nNB5-5100003;Madrid HQ\r\n");
    const reply = await replyTo(ANA, eventEnvelope(fileShare(ANA, "", [slackFile("F0CSV2", "more.csv", url)])));
    expect(reply).toContain("Registered NB5-5100003 (Northwind Bar 50) at Madrid HQ");
  });

  it("says what it accepts when a file alone is not a device list, and for a spreadsheet", async () => {
    const url = bed.slack.addFile("F0TXT", "notes.txt", "meeting notes\nbring the adapters\n", "text/plain");
    const notes = await replyTo(ANA, eventEnvelope(fileShare(ANA, "", [slackFile("F0TXT", "notes.txt", url, { mimetype: "text/plain" })])));
    expect(notes).toContain("I can read one CSV or text file of devices to register");
    const downloads = bed.slack.downloads.length;
    const xlsx = await replyTo(
      ANA,
      eventEnvelope(
        fileShare(ANA, "register", [
          slackFile("F0XLS", "devices.xlsx", url, { mimetype: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }),
        ]),
      ),
    );
    expect(xlsx).toContain("I can read one CSV or text file of devices to register");
    expect(bed.slack.downloads.length).toBe(downloads);
  });

  it("never sends the token to a file URL on another host, and tells the person", async () => {
    const url = `${foreign.url}/files-pri/${TEAM}-F0EVIL/download/devices.csv`;
    const reply = await replyTo(ANA, eventEnvelope(fileShare(ANA, "register", [slackFile("F0EVIL", "devices.csv", url)])));
    expect(reply).toContain("I didn't open *devices.csv*: it isn't a file uploaded to this chat");
    expect(foreign.requests).toHaveLength(0);
    expect(JSON.stringify(bed.t.logs.lines)).not.toContain("xoxb-test-token");
  });

  it("refuses a file over 1 MB, by its declared size or by what arrives, and more than one file", async () => {
    const big = bed.slack.addFile("F0BIG", "big.csv", `serial,site\n${"NC4-5199999,Madrid HQ\n".repeat(60_000)}`);
    const declared = await replyTo(
      ANA,
      eventEnvelope(fileShare(ANA, "register", [slackFile("F0BIG", "big.csv", big, { size: 2_000_000 })])),
    );
    expect(declared).toContain("*big.csv* is larger than 1 MB");
    const downloads = bed.slack.downloads.length;
    const understated = await replyTo(ANA, eventEnvelope(fileShare(ANA, "register", [slackFile("F0BIG", "big.csv", big, { size: 100 })])));
    expect(understated).toContain("*big.csv* is larger than 1 MB");
    expect(bed.slack.downloads.length).toBe(downloads + 1);
    const two = await replyTo(
      ANA,
      eventEnvelope(fileShare(ANA, "register", [slackFile("F0A", "a.csv", big), slackFile("F0B", "b.csv", big)])),
    );
    expect(two).toContain("Send one file at a time");
    expect(await bed.t.app.db.prisma.device.count({ where: { serial: "NC4-5199999" } })).toBe(0);
  });

  it("answers honestly when the download fails, and keeps registration for admins", async () => {
    const missing = `${bed.slack.apiUrl.replace(/\/api\/$/, "")}/files-pri/${TEAM}-F0GONE/download/gone.csv`;
    const failed = await replyTo(ANA, eventEnvelope(fileShare(ANA, "register", [slackFile("F0GONE", "gone.csv", missing)])));
    expect(failed).toContain("I couldn't read *gone.csv*. Try again, or paste its contents after *register*.");
    const url = bed.slack.addFile("F0BO", "bo.csv", "serial,site\nNC4-5100005,Madrid HQ\n");
    const refused = await replyTo(BO, eventEnvelope(fileShare(BO, "register", [slackFile("F0BO", "bo.csv", url)])));
    expect(refused).toContain("Only your organization's IT admins can do that.");
    expect(await bed.t.app.db.prisma.device.findUnique({ where: { serial: "NC4-5100005" } })).toBeNull();
  });

  it("does not download a file for someone who may not register devices", async () => {
    const downloads = bed.slack.downloads.length;
    const url = bed.slack.addFile("F0BO2", "bo2.csv", "serial,site\nNC4-5100006,Madrid HQ\n");
    const refused = await replyTo(BO, eventEnvelope(fileShare(BO, "register", [slackFile("F0BO2", "bo2.csv", url)])));
    expect(refused).toContain("Only your organization's IT admins can do that.");
    expect(bed.slack.downloads.length).toBe(downloads);
  });

  it("does not repeat a file's content that is not a list of devices", async () => {
    const url = bed.slack.addFile("F0NOTES", "notes.txt", "db_password=hunter2\nother secret things\n", "text/plain");
    const reply = await replyTo(
      ANA,
      eventEnvelope(fileShare(ANA, "register", [slackFile("F0NOTES", "notes.txt", url, { mimetype: "text/plain", filetype: "text" })])),
    );
    expect(reply).not.toMatch(/hunter2|secret things/);
    expect(reply).toContain("notes.txt");
  });
});
