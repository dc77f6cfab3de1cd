/**
 * Each model's document set — user guide, quick start, datasheet, release notes, software
 * downloads, safety and regulatory — asked for in the shell by kind and model, in English and
 * Spanish, and a plain answer when a model has no document of a kind.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../support/app.ts";
import { Terminal } from "../../../support/terminal.ts";
import { SHARED_CATALOG } from "../../triage/helpers.ts";

const DOCS = "https://support.northwind.example/docs";

describe("documents and downloads by kind and model", () => {
  let t: TestApp;
  let term: Terminal;

  beforeAll(async () => {
    t = await createTestApp();
    term = new Terminal(t, "employee");
  });
  afterAll(async () => {
    term.stop();
    await t.close();
  });

  it("answers 'user guide for the Bar 50' with the Bar 50's user guide", async () => {
    const reply = await term.say("user guide for the Bar 50");
    expect(reply).toContain("Northwind Bar 50 · User guide");
    expect(reply).toContain(`• Northwind Bar 50 user guide — ${DOCS}/nw-bar-50/user-guide`);
  });

  it("lists the whole document set with `docs Bar 50`, user guide included", async () => {
    const reply = await term.say("docs Bar 50");
    expect(reply).toContain("Northwind Bar 50 · documents and downloads");
    expect(reply).toContain(`• User guide: Northwind Bar 50 user guide — ${DOCS}/nw-bar-50/user-guide`);
    expect(reply).toContain(`• Quick start: Northwind Bar 50 quick start — ${DOCS}/nw-bar-50/quick-start`);
    expect(reply).toContain(`• Datasheet: Northwind Bar 50 datasheet — ${DOCS}/nw-bar-50/datasheet`);
    expect(reply).toContain(
      "• Release notes: Firmware 4.2.0 (2025-12-16): Teams Rooms 5.2 certification; proxy authentication for the update service; fixes no sound over HDMI after a display power cycle. — https://support.northwind.example/firmware/nw-bar-50/4.2.0",
    );
    expect(reply).toContain(
      "• Software downloads: Firmware 4.2.0 (2025-12-16) — https://support.northwind.example/firmware/nw-bar-50/4.2.0",
    );
    expect(reply).toContain(`• Safety and regulatory: Northwind video bars — safety and regulatory information — ${DOCS}/safety/video-bar`);
  });

  it("finds a kind in Spanish and answers in Spanish", async () => {
    await term.as("empleada");
    const guide = await term.say("guía de usuario del Bar 50");
    expect(guide).toContain("Northwind Bar 50 · Guía de usuario");
    expect(guide).toContain(`${DOCS}/nw-bar-50/user-guide`);
    const datasheet = await term.say("ficha técnica Tap 10");
    expect(datasheet).toContain("Northwind Tap 10 · Ficha técnica");
    expect(datasheet).toContain(`${DOCS}/nw-tap-10/datasheet`);
    expect(await term.say("documentos notas de la versión Bar 70")).toContain("Teams Rooms 5.2 certification; dual-screen layouts");
    await term.as("employee");
  });

  it("says plainly when a model has no document of the kind asked for", async () => {
    expect(await term.say("quick start Headset Pro")).toContain(
      "There is no quick start for the Northwind Headset Pro. What there is: user guide, datasheet, release notes, software downloads, safety and regulatory",
    );
    // No firmware release is on record for the Speak 20: no release notes, no downloads.
    expect(await term.say("docs software downloads Speak 20")).toContain("There is no software downloads for the Northwind Speak 20.");
    expect(await term.say("docs Speak 20")).toContain("• Release notes: none for this model");
    await term.as("empleada");
    expect(await term.say("guía rápida auriculares pro")).toContain("No hay guía rápida para Northwind Headset Pro.");
    await term.as("employee");
  });
});

// Built on the shared evaluation catalog beside the project; without it the block says why it skipped.
const catalogTitle = existsSync(SHARED_CATALOG)
  ? "document sets from the catalog"
  : `document sets from the catalog — skipped: ${SHARED_CATALOG} not found`;

describe.skipIf(!existsSync(SHARED_CATALOG))(catalogTitle, () => {
  let t: TestApp;
  let term: Terminal;

  beforeAll(async () => {
    // The shared evaluation catalog (no documents) plus a model whose catalog entry lists its
    // documents, with and without kinds (the format before kinds existed).
    const shared = JSON.parse(readFileSync(SHARED_CATALOG, "utf8")) as { models: Record<string, unknown>[] };
    const bar30 = shared.models.find((model) => model.id === "nw-bar-30")!;
    bar30.documents = [
      { kind: "datasheet", title: "Bar 30 spec sheet (PDF)", url: "http://127.0.0.1:9/bar-30/spec.pdf" },
      { title: "Bar 30 wall mount template", url: "http://127.0.0.1:9/bar-30/wall-mount.pdf" },
    ];
    const dir = mkdtempSync(path.join(tmpdir(), "switchboard-catalog-"));
    const file = path.join(dir, "catalog.json");
    writeFileSync(file, JSON.stringify(shared));
    t = await createTestApp({ env: { CATALOG_FILE: file } });
    term = new Terminal(t, "employee");
  });
  afterAll(async () => {
    term.stop();
    await t.close();
  });

  it("loads the shared catalog and takes a model's documents from its catalog entry", async () => {
    expect(await term.say("datasheet Bar 30")).toContain("• Bar 30 spec sheet (PDF) — http://127.0.0.1:9/bar-30/spec.pdf");
    const set = await term.say("docs Bar 30");
    expect(set).toContain("• Datasheet: Bar 30 spec sheet (PDF) — http://127.0.0.1:9/bar-30/spec.pdf");
    expect(set).toContain("• Bar 30 wall mount template — http://127.0.0.1:9/bar-30/wall-mount.pdf");
    // The demo documents file still gives the models it knows their user guide.
    expect(set).toContain(`• User guide: Northwind Bar 30 user guide — ${DOCS}/nw-bar-30/user-guide`);
  });
});
