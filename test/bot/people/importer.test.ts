import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CATALOG_FILE, loadCatalog } from "../../../core/catalog.ts";
import { ImportError, importData, parseImportFile } from "../../../bot/people/importer.ts";
import { DEMO_DATA_FILE } from "../../../app/app.ts";
import { createTestDatabase, type TestDatabase } from "../../support/database.ts";

const catalog = loadCatalog(DEMO_CATALOG_FILE);
const demo = () => parseImportFile(readFileSync(DEMO_DATA_FILE, "utf8"));

async function snapshot(database: TestDatabase) {
  const p = database.db.prisma;
  const rows = await Promise.all([
    p.organization.findMany({ orderBy: { key: "asc" } }),
    p.contract.findMany({ orderBy: { key: "asc" } }),
    p.site.findMany({ orderBy: { key: "asc" } }),
    p.person.findMany({ orderBy: { key: "asc" } }),
    p.platformIdentity.findMany({ orderBy: { externalId: "asc" } }),
    p.device.findMany({ orderBy: { serial: "asc" } }),
    p.channelRoute.findMany({ orderBy: { conversationId: "asc" } }),
    p.partner.findMany({ orderBy: { id: "asc" } }),
  ]);
  return JSON.stringify(rows);
}

describe("import file", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
  });
  afterAll(() => database.cleanup());

  it("loads the demo organizations, people with their identities, devices and channels", async () => {
    const report = await importData(database.db, catalog, demo());
    expect(report.created).toMatchObject({ organization: 2, device: 6 });
    const ana = await database.db.prisma.person.findUnique({ where: { key: "contoso-ana" }, include: { identities: true } });
    expect(ana).toMatchObject({ role: "employee", locale: "es" });
    expect(ana!.identities.map((i) => i.platform)).toEqual(["shell"]);
    const bar = await database.db.prisma.device.findUnique({ where: { serial: "NB5-2231987" }, include: { site: true, model: true } });
    expect(bar!.site!.name).toBe("Madrid HQ");
    expect(bar!.model.name).toBe("Northwind Bar 50");
  });

  it("changes nothing when the same file is imported twice", async () => {
    const before = await snapshot(database);
    const report = await importData(database.db, catalog, demo());
    expect(report.created).toEqual({});
    expect(report.updated).toEqual({});
    expect(await snapshot(database)).toBe(before);
  });

  it("names the field to fix in a malformed file and writes nothing", async () => {
    const broken = demo() as unknown as { organizations: { devices: { serial: string }[]; sites: { timeZone: string }[] }[] };
    broken.organizations[0]!.devices[0]!.serial = "NB5-12";
    broken.organizations[0]!.sites[0]!.timeZone = "Mars/Olympus";
    try {
      parseImportFile(JSON.stringify(broken));
      expect.unreachable("the file should be refused");
    } catch (error) {
      expect(error).toBeInstanceOf(ImportError);
      const problems = (error as ImportError).problems.join("\n");
      expect(problems).toContain("organizations[0].devices[0].serial");
      expect(problems).toContain("organizations[0].sites[0].timeZone");
    }
    expect(() => parseImportFile("{ not json")).toThrow(/not valid JSON/);
  });

  it("a person's own time zone is imported, and a zone that does not exist is refused naming the field", async () => {
    const olu = await database.db.prisma.person.findUnique({ where: { key: "mgr-olu" } });
    expect(olu!.timeZone).toBe("Africa/Lagos");
    const dir = mkdtempSync(path.join(tmpdir(), "switchboard-import-"));
    try {
      const broken = demo();
      broken.vendor.people[0]!.timeZone = "Mars/Olympus";
      const file = path.join(dir, "people.json");
      writeFileSync(file, JSON.stringify(broken));
      const env = { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: "silent" };
      const failed = await promisify(execFile)(path.resolve("node_modules/.bin/tsx"), ["app/cli/import.ts", file], { env }).catch(
        (error: { code: number; stderr: string }) => error,
      );
      expect((failed as { code: number }).code).toBe(2);
      expect((failed as { stderr: string }).stderr).toContain("vendor.people[0].timeZone");
      expect((failed as { stderr: string }).stderr).toContain("must be an IANA time zone such as Europe/Madrid");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses an unknown model, a serial of the wrong model and a serial registered to another customer", async () => {
    const before = await snapshot(database);
    const file = demo();
    file.organizations[1]!.devices.push(
      { serial: "NB5-2231987", model: "nw-bar-50" },
      { serial: "XX9-0000001", model: "nw-bar-99" },
      { serial: "NB3-0000001", model: "nw-bar-50" },
    );
    const attempt = importData(database.db, catalog, file);
    await expect(attempt).rejects.toBeInstanceOf(ImportError);
    const problems = ((await attempt.catch((e: ImportError) => e)) as ImportError).problems.join("\n");
    expect(problems).toContain("unknown model nw-bar-99");
    expect(problems).toContain("NB3-0000001 is not a Northwind Bar 50 serial");
    expect(problems).toContain("appears twice");
    expect(await snapshot(database)).toBe(before);
  });

  it("links a person to the site they work at, and refuses a site their organization does not have", async () => {
    const ines = await database.db.prisma.person.findUnique({ where: { key: "contoso-ines" }, include: { site: true } });
    expect(ines!.site?.name).toBe("Lisbon office");
    const before = await snapshot(database);
    const file = demo();
    file.organizations[0]!.people[0]!.site = "fabrikam-chicago";
    const attempt = importData(database.db, catalog, file);
    const problems = ((await attempt.catch((e: ImportError) => e)) as ImportError).problems.join("\n");
    expect(problems).toContain("contoso-ana works at unknown site fabrikam-chicago for contoso");
    expect(await snapshot(database)).toBe(before);
  });
});
