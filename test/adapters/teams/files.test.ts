import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importData, parseImportFile } from "../../../bot/people/importer.ts";
import { TeamsFileReader } from "../../../adapters/teams/files.ts";
import { eventually } from "../../support/app.ts";
import { LoopbackServer } from "../../support/loopback.ts";
import {
  FakeConnector,
  PEOPLE,
  TENANT,
  personalChat,
  personalMessage,
  startTeams,
  type TeamsHarness,
  type TeamsPerson,
} from "./support.ts";

const FILE_DOWNLOAD_INFO = "application/vnd.microsoft.teams.file.download.info";

/** Contoso's offices, so uploaded devices have somewhere to go. */
const SITES = {
  version: 1,
  organizations: [
    {
      key: "contoso",
      name: "Contoso Iberia",
      teamsTenantId: TENANT,
      sites: [
        { key: "contoso-madrid", name: "Madrid HQ", country: "ES", timeZone: "Europe/Madrid" },
        { key: "contoso-lisbon", name: "Lisbon office", country: "PT", timeZone: "Europe/Lisbon", aliases: ["Lisboa"] },
      ],
    },
  ],
};

/** Stands in for SharePoint/OneDrive: serves the files a test puts up, records each download. */
class FileHost extends LoopbackServer {
  private readonly files = new Map<string, string>();
  private readonly redirects = new Map<string, string>();
  constructor() {
    super();
    this.respond((request) => {
      const location = this.redirects.get(request.path.split("?")[0]!);
      if (location) return { status: 302, headers: { location, "content-type": "text/plain" } as Record<string, string>, body: "moved" };
      const content = this.files.get(request.path.split("?")[0]!);
      return content === undefined
        ? { status: 404, headers: { "content-type": "text/plain" }, body: "not found" }
        : { headers: { "content-type": "application/octet-stream" }, body: content };
    });
  }
  put(name: string, content: string): string {
    this.files.set(`/personal/drive/${name}`, content);
    return `${this.url}/personal/drive/${name}?tempauth=pre-signed`;
  }
  /** Answers `path` with a 302 to `location`. */
  redirect(path: string, location: string): void {
    this.redirects.set(path, location);
  }
}

/** What Teams attaches when a person sends a file in the personal chat (manifest supportsFiles). */
function downloadInfo(name: string, downloadUrl: string, fileType: string) {
  return {
    contentType: FILE_DOWNLOAD_INFO,
    contentUrl: `http://127.0.0.1:9/personal/drive/${name}`,
    name,
    content: { downloadUrl, uniqueId: `u-${name}`, fileType },
  };
}

/**
 * Stands in for TLS on loopback: an https://127.0.0.1 URL is fetched over plain http, every other
 * URL as given. The reader sees (and checks) the https URL, as it would SharePoint's.
 */
const tlsOnLoopback: typeof fetch = (input, init) =>
  fetch(String(input instanceof Request ? input.url : input).replace(/^https:\/\/127\.0\.0\.1:/, "http://127.0.0.1:"), init);

describe("Teams: registering devices from a file sent in the personal chat", () => {
  let t: TeamsHarness;
  const host = new FileHost();
  /** A service on this machine that must never be reached through a file link. */
  const internal = new LoopbackServer();

  beforeAll(async () => {
    await host.start();
    await internal.start();
    internal.respond(() => ({ headers: { "content-type": "text/plain" }, body: "INTERNAL-TOKEN-7f3a9\n" }));
    t = await startTeams();
    t.app.services.files.register(new TeamsFileReader(false, tlsOnLoopback));
    await importData(t.app.db, t.app.catalog, parseImportFile(JSON.stringify(SITES)));
    // Tom is Contoso's IT admin for these tests.
    await t.app.db.prisma.person.updateMany({ where: { email: "tom@contoso.example" }, data: { role: "admin" } });
    t.app.services.people.invalidate();
    t.app.services.directory.invalidate();
  });
  afterAll(async () => {
    await t.close();
    await host.stop();
    await internal.stop();
  });

  /** Sends the activity; resolves with everything the bot answered to it in the personal chat. */
  const send = async (person: TeamsPerson, text: string, attachments: unknown[]): Promise<string> => {
    const activity = personalMessage(t.connector.url, person, text, { attachments });
    expect((await t.post(activity)).status).toBe(200);
    return eventually(() => {
      const replies = t.connector.postsTo(personalChat(person)).filter((p) => p.activityId === activity.id);
      if (replies.length === 0) throw new Error("no reply yet");
      return replies.map(FakeConnector.textOf).join("\n");
    });
  };

  it("downloads a CSV sent as a file with no text, registers its devices and answers with the report", async () => {
    const url = host.put("devices.csv", "serial,site,asset_tag\nNC4-6100001,Madrid HQ,MAD-CAM-7\nNS2-6100002,Lisboa,\n");
    const reply = await send(PEOPLE.tom, "", [
      downloadInfo("devices.csv", url, "csv"),
      // Teams adds the message's own HTML as an attachment; it is not a file.
      { contentType: "text/html", content: "<p></p>" },
    ]);
    expect(reply).toContain("Registered 2 of 2 devices");
    expect(host.requests.map((r) => r.path)).toContain("/personal/drive/devices.csv?tempauth=pre-signed");
    expect(host.requests.at(-1)!.headers.authorization).toBeUndefined();
    const lisbon = await t.app.db.prisma.device.findUnique({ where: { serial: "NS2-6100002" }, include: { site: true } });
    expect(lisbon).toMatchObject({ site: { name: "Lisbon office" } });
  });

  it("takes the Emulator's plain text/csv attachment with *register*", async () => {
    const url = host.put("emulator.csv", "serial,site\nNB5-6100003,Madrid HQ\n");
    const reply = await send(PEOPLE.tom, "register", [{ contentType: "text/csv", contentUrl: url, name: "emulator.csv" }]);
    expect(reply).toContain("Registered NB5-6100003 (Northwind Bar 50)");
  });

  it("answers a picture or a spreadsheet with what it accepts, in the person's language, without downloading it", async () => {
    const downloads = host.requests.length;
    const spanish = await send(PEOPLE.ana, "", [
      { contentType: "image/png", contentUrl: host.put("screen.png", "png"), name: "screen.png" },
    ]);
    expect(spanish).toContain("Puedo leer un archivo CSV o de texto con dispositivos para registrar");
    const english = await send(PEOPLE.tom, "register", [downloadInfo("devices.xlsx", host.put("devices.xlsx", "PK\u0003\u0004"), "xlsx")]);
    expect(english).toContain("I can read one CSV or text file of devices to register");
    expect(host.requests.length).toBe(downloads);
  });

  it("says so when the file's link is gone", async () => {
    const reply = await send(PEOPLE.tom, "register", [downloadInfo("gone.csv", `${host.url}/personal/drive/gone.csv`, "csv")]);
    expect(reply).toContain("I couldn't read **gone.csv**. Try again, or paste its contents after **register**.");
  });

  it("does not follow a file link that redirects to another host, and says nothing of what is there", async () => {
    host.redirect("/personal/drive/moved.csv", `${internal.url}/latest/meta-data`);
    const link = `${host.url.replace("http:", "https:")}/personal/drive/moved.csv?tempauth=pre-signed`;
    const reply = await send(PEOPLE.tom, "register", [downloadInfo("moved.csv", link, "csv")]);
    expect(reply).not.toContain("INTERNAL-TOKEN");
    expect(internal.requests).toHaveLength(0);
    expect(reply).toContain("I didn't open **moved.csv**");
  });

  it("follows a redirect that stays on the file's host", async () => {
    host.put("final.csv", "serial,site\nNB5-6100009,Madrid HQ\n");
    host.redirect("/personal/drive/first.csv", "/personal/drive/final.csv?tempauth=pre-signed");
    const link = `${host.url.replace("http:", "https:")}/personal/drive/first.csv?tempauth=pre-signed`;
    const reply = await send(PEOPLE.tom, "register", [downloadInfo("first.csv", link, "csv")]);
    expect(reply).toContain("Registered NB5-6100009");
  });

  it("does not download a file for someone who may not register devices", async () => {
    const downloads = host.requests.length;
    const url = host.put("ana.csv", "serial,site\nNB5-6100010,Madrid HQ\n");
    const reply = await send(PEOPLE.ana, "register", [downloadInfo("ana.csv", url, "csv")]);
    expect(reply).toMatch(/IT admins|administradores/);
    expect(host.requests.length).toBe(downloads);
  });

  it("does not repeat a file's content that is not a list of devices", async () => {
    const url = host.put("notes.txt", "db_password=hunter2\nother secret things\n");
    const reply = await send(PEOPLE.tom, "register", [downloadInfo("notes.txt", url, "txt")]);
    expect(reply).not.toMatch(/hunter2|secret things/);
    expect(reply).toContain("notes.txt");
    expect(await t.app.db.prisma.device.count({ where: { serial: { contains: "hunter2" } } })).toBe(0);
  });
});
