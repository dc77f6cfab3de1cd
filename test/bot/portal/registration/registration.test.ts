import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../support/app.ts";
import { testProviders } from "../../../support/database.ts";
import { intentBot, press, say, sayPlainly } from "../../../support/conversation.ts";

const providers = await testProviders();

describe.each(providers)("product registration in chat (%s)", (provider) => {
  let t: TestApp;
  const devices = () => t.app.db.prisma.device.count();

  beforeAll(async () => {
    t = await createTestApp({ provider });
  });
  afterAll(async () => {
    await t.close();
  });

  it("registers one device by serial; the model comes from the serial and the site from its name", async () => {
    const reply = await say(t, "admin", "register NB5-2231990 at Madrid HQ tag MAD-BR-03");
    expect(reply).toContain("Registered NB5-2231990 (Northwind Bar 50) at Madrid HQ, asset tag MAD-BR-03.");
    const device = await t.app.db.prisma.device.findUnique({ where: { serial: "NB5-2231990" }, include: { site: true } });
    expect(device).toMatchObject({ modelId: "nw-bar-50", assetTag: "MAD-BR-03" });
    expect(device!.site!.name).toBe("Madrid HQ");
    const audit = await t.app.db.prisma.auditLog.findFirst({ where: { action: "device.registered", subjectId: "NB5-2231990" } });
    expect(audit?.actorLabel).toBe("Irene Soto (admin)");
  });

  it("registers a pasted list and refuses, with a reason per line, duplicates, foreign, malformed and unknown-model serials", async () => {
    const reply = await say(
      t,
      "admin",
      "register NB5-2231991, NB5-2231987 NRL-0300777\nNB5-22319 XYZ-1234567\nNT1-0045599, NB5-2231991 at Lisbon",
    );
    expect(reply).toContain("Registered 2 of 7 devices");
    expect(reply).toContain("Lisbon office: 2");
    expect(reply).toContain("line 1 · NB5-2231987 is already registered to your organization (Madrid HQ");
    expect(reply).toContain("line 1 · NRL-0300777 is registered to another organization");
    expect(reply).not.toContain("Fabrikam");
    expect(reply).toContain("line 2 · NB5-22319 is not a serial like NB5-2231987");
    expect(reply).toContain("line 2 · XYZ-1234567: no model has the serial prefix XYZ (unknown model)");
    expect(reply).toContain("line 3 · NB5-2231991 is already on line 1 of this list");
    expect(reply).toContain("The rows listed above were not registered; all the others were.");
    const fabrikam = await t.app.db.prisma.device.findUnique({ where: { serial: "NRL-0300777" }, include: { organization: true } });
    expect(fabrikam!.organization.key).toBe("fabrikam");
  });

  it("registers a CSV upload with a site and asset tag per device, and checks a model column against the serial", async () => {
    const csv = [
      "serial;site;asset_tag;model",
      "NC4-1000001;Madrid HQ;MAD-CAM-1;Cam 4K",
      'NC4-1000002;"Lisboa";"LIS-CAM-1";nw-cam-4k',
      "NS2-1000003;Madrid;;Bar 50",
      "NS2-1000004;Barcelona;;",
      "NS2-1000005;;;",
    ].join("\n");
    const reply = await press(t, "admin", "portal.register", {}, { devices: csv });
    expect(reply).toContain("Registered 2 of 5 devices");
    expect(reply).toContain("line 4 · NS2-1000003 is a Northwind Speak 20 serial, not a Northwind Bar 50");
    expect(reply).toContain("line 5 · NS2-1000004: unknown site Barcelona (yours: Lisbon office, Madrid HQ)");
    expect(reply).toContain("line 6 · NS2-1000005: which site? Yours: Lisbon office, Madrid HQ");
    const lisbon = await t.app.db.prisma.device.findUnique({ where: { serial: "NC4-1000002" }, include: { site: true } });
    expect(lisbon).toMatchObject({ assetTag: "LIS-CAM-1", site: { name: "Lisbon office" } });
  });

  it("refuses a CSV with wrong columns, bad encoding or 100,000 rows whole, naming the line — nothing is registered", async () => {
    const before = await devices();
    expect(await say(t, "admin", "register serial,room,asset_tag\nNC4-2000001,Madrid,A1")).toContain(
      "I couldn't read that list: line 1 names a column I don't know: *room* (columns: serial, site, asset_tag, model). Nothing was registered.",
    );
    expect(await say(t, "admin", "register serial,site\nNC4-2000002,Madrid\nNC4-2000003,Ma\uFFFDrid")).toContain(
      "line 3 has characters that are not valid UTF-8 — save the file as CSV UTF-8. Nothing was registered.",
    );
    expect(await say(t, "admin", 'register serial,site\nNC4-2000004,"Madrid')).toContain(
      "line 2 opens a quoted value that is never closed.",
    );
    expect(await say(t, "admin", "register serial,site\nNC4-2000005,Madrid,HQ")).toContain(
      "line 2 has 3 values but the header has 2 columns",
    );
    const huge = ["serial,site", ...Array.from({ length: 100_000 }, (_, i) => `NC4-${String(3_000_000 + i)},Madrid`)].join("\n");
    expect(await say(t, "admin", `register ${huge}`)).toContain(
      "it has 100,001 rows; at most 10,000 per upload — split it into smaller files. Nothing was registered.",
    );
    const list = Array.from({ length: 10_001 }, (_, i) => `NC4-${String(3_200_000 + i)}`).join(", ");
    expect(await say(t, "admin", `register ${list} at Madrid`)).toContain("it has 10,001 rows; at most 10,000 per upload");
    expect(await devices()).toBe(before);
  });

  it("registers up to 10,000 rows in one upload", async () => {
    const csv = ["serial,site", ...Array.from({ length: 10_000 }, (_, i) => `NHL-${String(4_000_000 + i)},Lisbon`)].join("\n");
    const reply = await say(t, "admin", `register ${csv}`);
    expect(reply).toContain("Registered 10,000 of 10,000 devices");
    expect(await t.app.db.prisma.device.count({ where: { modelId: "nw-hs-lite" } })).toBe(10_000);
  });

  it("lets only admins register, and shows employees the devices", async () => {
    expect(await say(t, "employee", "register NB5-2231999 at Madrid HQ")).toContain("Only your organization's IT admins can do that.");
    expect(await t.app.db.prisma.device.findUnique({ where: { serial: "NB5-2231999" } })).toBeNull();
    expect(await say(t, "employee", "devices")).toContain("NB5-2231987 · Northwind Bar 50 · Madrid HQ · MAD-BR-01");
  });

  it("understands a plain sentence asking to register a device, in Spanish", async () => {
    const reply = await sayPlainly(intentBot(t), "admin", "quiero registrar la barra nueva NB7-0100299 en la oficina de Lisboa");
    expect(reply).toBe("He registrado NB7-0100299 (Northwind Bar 70) en Lisbon office.");
  });
});
