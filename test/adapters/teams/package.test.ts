import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inflateRawSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { buildTeamsPackage } from "../../../adapters/teams/package/build.ts";
import { CREATE_CASE_COMMAND, SEARCH_COMMAND } from "../../../adapters/teams/message-extension.ts";

/** Reads a zip's entries through its central directory, as Teams' uploader does. */
function unzip(file: string): Map<string, Buffer> {
  const data = readFileSync(file);
  const end = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const size = data.readUInt32LE(at + 20);
    const nameLength = data.readUInt16LE(at + 28);
    const extra = data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
    const name = data.subarray(at + 46, at + 46 + nameLength).toString();
    const local = data.readUInt32LE(at + 42);
    const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    entries.set(name, inflateRawSync(data.subarray(start, start + size)));
    at += 46 + nameLength + extra;
  }
  return entries;
}

const pngSize = (png: Buffer) => [png.readUInt32BE(16), png.readUInt32BE(20)];

describe("the Teams app package", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "teams-package-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const appId = "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b";

  it("holds the manifest with the bot's app id, and the two icons Teams asks for", () => {
    const out = path.join(dir, "app.zip");
    buildTeamsPackage({ appId, out });
    const files = unzip(out);
    expect([...files.keys()].sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    const manifest = JSON.parse(files.get("manifest.json")!.toString());
    expect(manifest.id).toBe(appId);
    expect(manifest.bots[0].botId).toBe(appId);
    expect(manifest.bots[0].scopes).toEqual(["personal", "team", "groupChat"]);
    expect(JSON.stringify(manifest)).not.toContain("${{");
    const commands = manifest.composeExtensions[0].commands.map((c: { id: string }) => c.id);
    expect(commands).toEqual([SEARCH_COMMAND, CREATE_CASE_COMMAND]);
    expect(pngSize(files.get("color.png")!)).toEqual([192, 192]);
    expect(pngSize(files.get("outline.png")!)).toEqual([32, 32]);
  });

  it("refuses an app id that is not a GUID, naming the setting", () => {
    expect(() => buildTeamsPackage({ appId: "my-bot", out: path.join(dir, "bad.zip") })).toThrow(/MICROSOFT_APP_ID/);
  });
});
