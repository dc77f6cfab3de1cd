import { rmSync, writeFileSync, appendFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestDirectory, openKnowledgeBase } from "../../knowledge/index.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { catalog, copyFixtures, makePdf } from "./support.ts";

let test: TestDatabase;
let dir: string;

beforeAll(async () => {
  test = await createTestDatabase("sqlite");
  dir = copyFixtures();
  writeFileSync(
    path.join(dir, "cam-4k-quickstart.pdf"),
    makePdf("Mount the Cam 4K above the display and connect the USB cable", "Cam 4K quick start"),
  );
});

afterAll(async () => {
  await test.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe("ingest", () => {
  it("ingests Markdown, HTML, PDF and plain text with their metadata", async () => {
    const report = await ingestDirectory(test.db, dir, { catalog });
    expect(report.added.sort()).toEqual([
      "bar-30/firmware.md",
      "bar-50/factory-reset.md",
      "cam-4k-quickstart.pdf",
      "network-requirements.txt",
      "speakerphone-echo.md",
      "tap-10-pairing.html",
    ]);
    expect(report.skipped).toEqual([]);
    expect(report.version).toBeDefined();

    const docs = await test.db.prisma.knowledgeDocument.findMany({ orderBy: { path: "asc" } });
    expect(docs.map((d) => [d.path, d.format])).toEqual([
      ["bar-30/firmware.md", "md"],
      ["bar-50/factory-reset.md", "md"],
      ["cam-4k-quickstart.pdf", "pdf"],
      ["network-requirements.txt", "txt"],
      ["speakerphone-echo.md", "md"],
      ["tap-10-pairing.html", "html"],
    ]);
    const pdf = docs.find((d) => d.format === "pdf")!;
    expect(pdf.title).toBe("Cam 4K quick start");
    expect(JSON.parse(pdf.products)).toContain("nw-cam-4k");
    const html = docs.find((d) => d.format === "html")!;
    expect(html.title).toBe("Pairing the Tap 10 console");
    const headings = (await test.db.prisma.knowledgeChunk.findMany({ where: { documentId: html.id } })).map((c) => c.heading);
    expect(headings).toEqual(["Pairing the Tap 10 console", "Pair the Tap with a bar", "Tap screen stays black"]);
    expect(docs.find((d) => d.path.startsWith("bar-50"))!.link).toBe("http://127.0.0.1:9/docs/bar-50/reset");
    expect(docs.every((d) => d.language === "en")).toBe(true);

    const kb = await openKnowledgeBase(test.db, { catalog });
    expect((await kb.answer("how do I mount the cam 4k camera"))?.passages[0]?.path).toBe("cam-4k-quickstart.pdf");
  });

  it("skips unchanged files, replaces changed ones and drops deleted ones", async () => {
    const again = await ingestDirectory(test.db, dir, { catalog });
    expect(again).toMatchObject({ added: [], updated: [], removed: [], unchanged: 6 });
    expect(again.version).toBeUndefined();

    appendFileSync(
      path.join(dir, "speakerphone-echo.md"),
      "\n## Bluetooth pairing\n\nHold the Bluetooth key for five seconds to pair a phone.\n",
    );
    rmSync(path.join(dir, "network-requirements.txt"));
    const changed = await ingestDirectory(test.db, dir, { catalog });
    expect(changed.updated).toEqual(["speakerphone-echo.md"]);
    expect(changed.removed).toEqual(["network-requirements.txt"]);
    expect(changed.unchanged).toBe(4);
    expect(changed.version).toBeDefined();

    const kb = await openKnowledgeBase(test.db, { catalog });
    expect(kb.search("pair a phone over bluetooth")[0]?.heading).toBe("Bluetooth pairing");
    expect(kb.search("udp ports dscp").some((p) => p.path === "network-requirements.txt")).toBe(false);
    const echoDocs = await test.db.prisma.knowledgeDocument.count({ where: { path: "speakerphone-echo.md" } });
    expect(echoDocs).toBe(1);
  });

  it("skips bad files with a reason and goes on with the rest", async () => {
    const bad = copyFixtures();
    try {
      writeFileSync(path.join(bad, "empty.md"), "");
      writeFileSync(path.join(bad, "binary.md"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff, 0xfe, 0x00, 0x10]));
      writeFileSync(path.join(bad, "scanned.pdf"), makePdf(undefined));
      writeFileSync(path.join(bad, "fake.pdf"), "this is not a pdf at all");
      writeFileSync(path.join(bad, "huge.txt"), "word ".repeat(50_000));
      writeFileSync(path.join(bad, "broken.html"), "<html><body><h2>Half a page<p>Text that survives <b>unclosed tags <div");
      const report = await ingestDirectory(test.db, bad, { catalog, maxBytes: 100_000 });
      const reasons = Object.fromEntries(report.skipped.map((s) => [s.path, s.reason]));
      expect(reasons["empty.md"]).toBe("empty file");
      expect(reasons["binary.md"]).toBe("binary content, not text");
      expect(reasons["scanned.pdf"]).toMatch(/no extractable text/);
      expect(reasons["fake.pdf"]).toBe("not a PDF file");
      expect(reasons["huge.txt"]).toMatch(/too large/);
      expect(report.added).toContain("broken.html");
      expect(report.added).toContain("bar-50/factory-reset.md");
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });

  it("ingests a single file without touching its siblings", async () => {
    const before = await test.db.prisma.knowledgeDocument.count({ where: { source: dir } });
    const report = await ingestDirectory(test.db, path.join(dir, "speakerphone-echo.md"), { catalog });
    expect(report.removed).toEqual([]);
    expect(await test.db.prisma.knowledgeDocument.count({ where: { source: dir } })).toBe(before);
  });
});
