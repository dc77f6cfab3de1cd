import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CATALOG_FILE, loadCatalog } from "../../../core/catalog.ts";
import { DEMO_SERVICE_FILE, importServiceData, parseServiceSources, ServiceImportError } from "../../../bot/replacements/service-import.ts";
import { createTestDatabase, type TestDatabase } from "../../support/database.ts";

const run = promisify(execFile);
const catalog = loadCatalog(DEMO_CATALOG_FILE);
const demo = () => parseServiceSources([{ name: "service-data.json", text: readFileSync(DEMO_SERVICE_FILE, "utf8") }]);
const problemsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ServiceImportError) return error.problems;
    throw error;
  }
  throw new Error("expected the import to be refused");
};

describe("importing depots, stock and coverage", () => {
  let database: TestDatabase;
  let dir: string;
  const snapshot = async () => ({
    depots: await database.db.prisma.depot.count(),
    stock: await database.db.prisma.stockItem.findMany({ orderBy: { id: "asc" }, select: { partCode: true, onHand: true, lowAt: true } }),
    technicians: await database.db.prisma.technician.count(),
  });

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    dir = mkdtempSync(path.join(tmpdir(), "switchboard-service-import-"));
  });
  afterAll(async () => {
    await database.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it("loads the demo file, and importing it again changes nothing", async () => {
    const first = await importServiceData(database.db, catalog, demo());
    expect(first.created).toMatchObject({ depot: 3, depotLane: 6, part: 13, stockItem: 17, onsiteCoverage: 3, technician: 3 });
    const second = await importServiceData(database.db, catalog, demo());
    expect(second.created).toEqual({});
    expect(second.updated).toEqual({});
  });

  it("updates stock from a spreadsheet CSV (quoted fields, CRLF, a BOM) and leaves reservations alone", async () => {
    const csv = '\uFEFFdepot,part,onHand,lowAt\r\nmad,nw-bar-50,7,2\r\n"mad","CBL-HDMI-3M","25",""\r\n';
    const report = await importServiceData(database.db, catalog, parseServiceSources([{ name: "stock.csv", text: csv }]));
    expect(report.updated).toEqual({ stockItem: 2 });
    const bar = await database.db.prisma.stockItem.findFirstOrThrow({ where: { partCode: "nw-bar-50", depot: { key: "mad" } } });
    expect({ onHand: bar.onHand, lowAt: bar.lowAt, reserved: bar.reserved }).toEqual({ onHand: 7, lowAt: 2, reserved: 0 });
  });

  it("recognises each table by its CSV header: depots, lanes, onsite coverage, technicians", async () => {
    const sources = [
      {
        name: "depots.csv",
        text: "key,name,country,timeZone,holidayCountry,holidayRegion,cutoff\nlis,Lisbon depot,PT,Europe/Lisbon,PT,,15:30\n",
      },
      { name: "lanes.csv", text: "depot,country,priority,transitDays\nlis,PT,1,1\n" },
      {
        name: "onsite.csv",
        text: "country,region,families,fee,currency,hours\nPT,,video_bar|room_system,180.50,EUR,Mon-Fri 09:00-17:00\n",
      },
      {
        name: "technicians.csv",
        text: "key,name,phone,areas,locale,platform,conversationId\ntech-rui,Rui Costa,+351 910 000 000,PT,en,shell,dm:tech-pt\n",
      },
    ];
    const report = await importServiceData(database.db, catalog, parseServiceSources(sources));
    expect(report.created).toMatchObject({ depot: 1, depotLane: 1, onsiteCoverage: 1, technician: 1 });
    expect((await database.db.prisma.onsiteCoverage.findFirstOrThrow({ where: { country: "PT" } })).fee).toBe(18050);
  });

  describe("refuses a malformed file with what is wrong and where, and writes nothing", () => {
    let before: Awaited<ReturnType<typeof snapshot>>;
    beforeAll(async () => {
      before = await snapshot();
    });
    afterAll(async () => {
      expect(await snapshot()).toEqual(before);
    });

    it("JSON that is not JSON, or has the wrong shape", () => {
      expect(problemsOf(() => parseServiceSources([{ name: "x.json", text: "{ depots: [" }]))[0]).toMatch(/^x\.json: not valid JSON/);
      const wrong = JSON.stringify({
        version: 1,
        depots: [{ key: "bcn", name: "Barcelona", country: "Spain", timeZone: "Europe/Barcelona", holidayCountry: "ES", cutoff: "4pm" }],
      });
      const problems = problemsOf(() => parseServiceSources([{ name: "x.json", text: wrong }]));
      expect(problems).toContain("x.json: depots[0].country: must be an ISO country code such as ES");
      expect(problems).toContain("x.json: depots[0].timeZone: must be an IANA time zone such as Europe/Madrid");
      expect(problems).toContain('x.json: depots[0].cutoff: must be a local time like "16:00"');
    });

    it("CSV with a bad number, an unknown table, a short row or broken encoding", () => {
      expect(problemsOf(() => parseServiceSources([{ name: "stock.csv", text: "depot,part,onHand\nmad,nw-bar-50,three\n" }]))).toEqual([
        "stock.csv line 2: onHand: must be a whole number",
      ]);
      expect(problemsOf(() => parseServiceSources([{ name: "s.csv", text: "warehouse,sku,qty\nmad,x,1\n" }]))[0]).toContain(
        'the header "warehouse,sku,qty" matches no table',
      );
      expect(problemsOf(() => parseServiceSources([{ name: "stock.csv", text: "depot,part,onHand\nmad,nw-bar-50\n" }]))[0]).toBe(
        "stock.csv: line 2: 2 fields, but the header has 3 columns",
      );
      expect(problemsOf(() => parseServiceSources([{ name: "stock.csv", text: "depot,part,onHand\nmad,\uFFFD,1\n" }]))[0]).toContain(
        "not UTF-8",
      );
    });

    it("references to unknown depots, parts, models or families, and stock below what is reserved", async () => {
      await database.db.prisma.stockItem.updateMany({ where: { partCode: "nw-bar-70", depot: { key: "mad" } }, data: { reserved: 1 } });
      before = await snapshot();
      const file = parseServiceSources([
        {
          name: "all.json",
          text: JSON.stringify({
            version: 1,
            parts: [{ code: "PSU-X", name: "Power supply X", kind: "fru", category: "power_supply", models: ["nw-bar-90"] }],
            lanes: [{ depot: "osl", country: "NO" }],
            stock: [
              { depot: "mad", part: "nw-bar-70", onHand: 0 },
              { depot: "mad", part: "NOPE-1", onHand: 1 },
            ],
            onsite: [{ country: "ES", families: ["hologram"], fee: 100, currency: "EUR" }],
          }),
        },
      ]);
      const error = await importServiceData(database.db, catalog, file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServiceImportError);
      const problems = (error as ServiceImportError).problems;
      expect(problems).toContain("parts[0].models: unknown model nw-bar-90 (not in the product catalog)");
      expect(problems).toContain("lanes[0].depot: unknown depot osl (not in this import or the database)");
      expect(problems).toContain("stock[0].onHand: 0 is below the 1 unit(s) of nw-bar-70 reserved at mad for ordered replacements");
      expect(problems).toContain("stock[1].part: unknown part NOPE-1 (add it to parts first)");
      expect(problems.some((p) => p.startsWith("onsite[0].families: unknown product family hologram"))).toBe(true);
    });
  });

  it("the command line prints a report, or the problems and exit code 2", async () => {
    const env = { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: "silent" };
    const tsx = path.resolve("node_modules/.bin/tsx");
    const good = path.join(dir, "stock.csv");
    writeFileSync(good, "depot,part,onHand,lowAt\nmad,nw-bar-50,9,2\n");
    const ok = await run(tsx, ["app/cli/import-service.ts", good], { env });
    expect(JSON.parse(ok.stdout)).toMatchObject({ updated: { stockItem: 1 } });
    const bad = path.join(dir, "bad.csv");
    writeFileSync(bad, "depot,part,onHand\nmad,nw-bar-50,-1\n");
    const failed = await run(tsx, ["app/cli/import-service.ts", bad], { env }).catch((error: { code: number; stderr: string }) => error);
    expect((failed as { code: number }).code).toBe(2);
    expect((failed as { stderr: string }).stderr).toContain("bad.csv line 2: onHand: must be 0 or more");
    expect((failed as { stderr: string }).stderr).toContain("nothing was imported");
  });
});
