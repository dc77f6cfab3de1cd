/**
 * The firmware compliance report as an admin reads it in the shell: devices that never reported
 * a version are listed apart as unknown (not counted as up to date), and each model's latest
 * release is in the report itself, with its notes and download link.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../support/app.ts";
import { Terminal } from "../../../support/terminal.ts";

describe("the firmware compliance report", () => {
  let t: TestApp;
  let term: Terminal;

  beforeAll(async () => {
    t = await createTestApp();
    term = new Terminal(t, "admin");
    // A bar registered today has not reported its firmware version yet.
    expect(await term.say("register NB5-2231999 at Madrid HQ")).toContain("NB5-2231999");
  });
  afterAll(async () => {
    term.stop();
    await t.close();
  });

  it("lists devices with no reported version as unknown, apart from the ones behind", async () => {
    const report = await term.say("firmware report");
    expect(report).toContain("Firmware compliance · 3 of 6 devices behind, 1 unknown");
    expect(report).toMatch(/Northwind Bar 50\s+1 of 2 behind 4\.2\.0, 1 unknown/);
    expect(report).toContain("Behind their latest release\n• NB5-2231987 (Madrid HQ) 4.1.0 → 4.2.0");
    expect(report).toContain(
      "Version unknown — never reported, so not counted as up to date; check them on the device\n• NB5-2231999 (Madrid HQ) unknown → 4.2.0",
    );
    expect(report).not.toContain("NB5-2231999 (Madrid HQ) 4.");
  });

  it("shows each model's latest release with its notes and download link in the report, not one button per device", async () => {
    const report = await term.say("firmware report");
    expect(report).toContain(
      "• Northwind Bar 50 4.2.0 (2025-12-16): Teams Rooms 5.2 certification; proxy authentication for the update service; fixes no sound over HDMI after a display power cycle. · Download: https://support.northwind.example/firmware/nw-bar-50/4.2.0",
    );
    expect(report).toContain(
      "• Northwind Headset Pro 2.4.1 (2025-12-09): Fixes the microphone muting itself when the boom arm is lowered slowly. · Download: https://support.northwind.example/firmware/nw-hs-pro/2.4.1",
    );
    // Up-to-date models are listed too, so the admin sees what "latest" means for every device.
    expect(report).toContain("• Northwind Tap 10 4.1.0 (2025-11-18): Pairing with the Bar 30/50/70 survives a network change.");
    expect(report).not.toMatch(/\[\d+\] N[A-Z0-9]+-\d{7}/);
  });

  it("says the same in Spanish", async () => {
    const report = await term.say("actualizaciones de software");
    expect(report).toContain("Cumplimiento de firmware · 3 de 6 dispositivos sin actualizar, 1 de versión desconocida");
    expect(report).toContain("Versión desconocida");
    expect(report).toContain("• NB5-2231999 (Madrid HQ) desconocida → 4.2.0");
    expect(report).toContain("Descargar: https://support.northwind.example/firmware/nw-bar-50/4.2.0");
  });
});
