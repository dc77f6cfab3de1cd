import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, eventually, type TestApp } from "../../support/app.ts";
import { intentBot, press, say, sayPlainly } from "../../support/conversation.ts";

const KB = path.resolve("test/fixtures/kb/docs");

describe("licenses, software updates, documents and discounts in chat", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { KNOWLEDGE_DIR: KB } });
  });
  afterAll(async () => {
    await t.close();
  });

  it("shows the admin the organization's contracts: plan, coverage, dates, covered devices, options", async () => {
    const reply = await say(t, "admin", "licenses");
    expect(reply).toContain("Contracts · Contoso Iberia");
    expect(reply).toMatch(/premium · 24x7 \(contoso-premium-2026\): in force, 2026-01-01 → 2027-12-31 \(\d+ days left\)/);
    expect(reply).toContain("Covers: every product · 5 of 5 registered devices");
    expect(reply).toContain("Onsite option: yes · services discount: 15%");
    expect(await say(t, "employee", "licenses")).toContain("Only your organization's IT admins can do that.");
  });

  it("flags a renewal coming and an ended contract", async () => {
    const fabrikam = await t.app.db.prisma.organization.findUniqueOrThrow({ where: { key: "fabrikam" } });
    const soon = new Date(Date.now() + 30 * 86_400_000);
    await t.app.db.prisma.contract.update({
      where: { key: "fabrikam-premium-2026" },
      data: { startsOn: new Date("2025-01-01"), endsOn: soon },
    });
    await t.app.db.prisma.contract.create({
      data: {
        id: "c-old",
        key: "fabrikam-2024",
        organizationId: fabrikam.id,
        plan: "standard",
        coverage: "business_hours",
        timeZone: "America/Chicago",
        holidayCountry: "US",
        startsOn: new Date("2024-01-01"),
        endsOn: new Date("2024-12-31"),
        coveredFamilies: '["video_bar"]',
      },
    });
    const reply = await say(t, "fabrikam-admin", "licenses");
    // Thirty days from now, today included (one more while Chicago's date is still a day behind UTC's).
    expect(reply).toMatch(/⚠ fabrikam-premium-2026 ends in (31|32) days/);
    expect(reply).toContain("standard · business hours (Mon-Fri 09:00-18:00, America/Chicago) (fabrikam-2024): ended 2024-12-31");
    expect(reply).toContain("video_bar · 0 of 1 registered devices");
  });

  it("answers whether a serial is covered, and never shows another organization's device", async () => {
    expect(await say(t, "admin", "covered NB5-2231987")).toBe(
      "NB5-2231987 (Northwind Bar 50, Madrid HQ) is covered by premium · 24x7 until 2027-12-31.",
    );
    expect(await say(t, "admin", "covered NRL-0300777")).toContain(
      "I couldn't find NRL-0300777 among your organization's registered devices.",
    );
    expect(await say(t, "engineer", "covered NRL-0300777")).toContain("NRL-0300777 (Northwind Room L, Chicago HQ) is covered");
    expect(await sayPlainly(intentBot(t), "employee", "is NB7-0100234 still covered by our support contract?")).toContain(
      "NB7-0100234 (Northwind Bar 70, Lisbon office) is covered by premium",
    );
  });

  it("tells whether a device is up to date, with the latest release's notes and download link", async () => {
    const behind = await say(t, "employee", "firmware NB5-2231987");
    expect(behind).toContain("NB5-2231987 runs 4.1.0; 4.2.0 is available (1 newer release(s)).");
    expect(behind).toContain("fixes no sound over HDMI");
    expect(behind).toContain("[Download 4.2.0] https://support.northwind.example/firmware/nw-bar-50/4.2.0");
    expect(await say(t, "employee", "firmware NT1-0045512")).toContain("NT1-0045512 is up to date (4.1.0).");
    expect(await say(t, "admin", "firmware Tap 10")).toContain("Latest: 4.1.0 (2025-11-18)");
    expect(await say(t, "admin", "firmware Bar 99")).toContain("I don't know the model *Bar 99*");
    // Asked in a sentence that names the one device without its serial.
    expect(await say(t, "employee", "is the bar in Lisbon up to date?")).toContain("NB7-0100234 runs 4.0.2");
    expect(await say(t, "employee", "¿está actualizada la Tap 10?")).toContain("NT1-0045512 está actualizado (4.1.0).");
  });

  it("reports the organization's devices behind their latest release", async () => {
    const reply = await say(t, "admin", "firmware report");
    expect(reply).toContain("Firmware compliance · 3 of 5 devices behind");
    expect(reply).toContain("• NB5-2231987 (Madrid HQ) 4.1.0 → 4.2.0");
    expect(reply).toContain("• NB7-0100234 (Lisbon office) 4.0.2 → 4.2.0");
    expect(reply).toContain("• NHP-7781200 (Madrid HQ) 2.3.0 → 2.4.1");
    expect(reply).not.toContain("NT1-0045512 (");
    expect(reply).not.toContain("NRL-0300777");
    // Asked the way people ask it.
    expect(await say(t, "admin", "software updates")).toContain("Firmware compliance · 3 of 5 devices behind");
    expect(await say(t, "admin", "actualizaciones de software")).toContain("3 de 5");
    expect(await say(t, "employee", "software updates")).toContain("Which model or serial?");
    // A sentence that starts with the command word but reports a problem goes to the intake.
    expect(await say(t, "employee", "software update broke the audio on the Bar 50 in Madrid")).toContain("Since when");
    expect(await say(t, "employee", "cancel")).toContain("no case was opened");
  });

  it("imports a release (support only) and tells the admins whose devices it affects, once", async () => {
    const release = JSON.stringify({
      releases: [
        {
          model: "nw-bar-50",
          version: "4.3.0",
          date: "2026-01-04",
          notes: "Faster wake from standby.",
          link: "https://support.northwind.example/firmware/nw-bar-50/4.3.0",
        },
      ],
    });
    expect(await say(t, "admin", `firmware import ${release}`)).toContain("Only the vendor's support team can publish firmware releases.");
    expect(await say(t, "engineer", `firmware import ${release}`)).toContain(
      "Firmware import: 1 new, 0 updated, 0 unchanged; 1 organization(s) notified.",
    );
    expect(await say(t, "engineer", `firmware import ${release}`)).toContain(
      "Firmware import: 0 new, 0 updated, 1 unchanged; 0 organization(s) notified.",
    );
    const notice = await eventually(() => {
      const text = t.recorder.textOf("contoso-admins");
      if (!text.includes("4.3.0")) throw new Error("no notice yet");
      return text;
    });
    // Contoso's locale is Spanish: its admins' channel gets Spanish notices.
    expect(notice).toContain("Nuevo firmware: Northwind Bar 50 4.3.0");
    expect(notice).toContain("NB5-2231987");
    expect(t.recorder.to("contoso-admins").filter((m) => m.card?.title.includes("4.3.0"))).toHaveLength(1);
    expect(await say(t, "employee", "firmware NB5-2231987")).toContain("4.3.0 is available (2 newer release(s))");
  });

  it("refuses a whole firmware import with a bad release, naming the field or line", async () => {
    const bad = JSON.stringify({
      releases: [
        { model: "nw-bar-30", version: "5.0.0", date: "2026-02-01" },
        { model: "Bar 99", version: "v5", date: "soon" },
      ],
    });
    const reply = await say(t, "engineer", `firmware import ${bad}`);
    expect(reply).toContain("I couldn't import the releases — nothing was stored:");
    expect(reply).toContain("releases[1].version: must be a version like 4.2.0");
    expect(reply).toContain("releases[1].date: must be a date like 2026-01-31");
    expect(
      await say(t, "engineer", "firmware import model,version,date\nnw-bar-30,5.0.0,2026-02-01\nnw-bar-99,5.0.0,2026-02-01"),
    ).toContain("line 3.model: unknown model nw-bar-99 (not in the product catalog)");
    expect(await say(t, "engineer", "firmware import {not json")).toContain("not valid JSON");
    expect(await t.app.db.prisma.firmwareRelease.count({ where: { version: "5.0.0" } })).toBe(0);
  });

  it("lists a model's documents from the documentation index, and its latest firmware download", async () => {
    const reply = await say(t, "employee", "docs Bar 30");
    expect(reply).toContain("Northwind Bar 30 · documents and downloads");
    expect(reply).toContain("• Firmware updates\n");
    expect(reply).toContain("• Network requirements for Northwind room devices (general)");
    expect(reply).toContain("Firmware 4.2.0 (2025-12-16) — https://support.northwind.example/firmware/nw-bar-30/4.2.0");
    expect(await say(t, "employee", "docs NT1-0045512")).toContain("Northwind Tap 10 · documents and downloads");
  });

  it("tells whether the organization gets a professional-services discount and refers to the reseller", async () => {
    expect(await say(t, "employee", "discounts")).toContain(
      "Contoso Iberia is eligible: *15%* off professional services with contract contoso-premium-2026 (in force until 2027-12-31). Who at Contoso Iberia can request it: the IT admins — Irene Soto. Your reseller, *Integra AV Madrid* (ventas@integra-av.example), quotes and applies it.",
    );
    expect(await press(t, "admin", "portal.discounts")).toContain("Integra AV Madrid");
    expect(await say(t, "engineer", "discounts")).toContain("That is for customer organizations");
  });
});
