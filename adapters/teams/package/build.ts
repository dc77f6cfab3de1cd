/**
 * `npm run teams:package` — builds the Teams app package to upload (Teams admin center or
 * "Upload a custom app"): manifest.json with the bot's app id filled in, and the two icons.
 *
 *   npm run teams:package                      uses MICROSOFT_APP_ID from the environment or .env
 *   npm run teams:package -- --app-id <guid> --out <file.zip>
 *   npm run teams:package -- --icons           redraws manifest/color.png and outline.png first
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { makeIcons } from "./png.ts";
import { zip } from "./zip.ts";

export const MANIFEST_DIR = fileURLToPath(new URL("../manifest/", import.meta.url));
export const DEFAULT_OUT = fileURLToPath(new URL("../../../dist/teams/switchboard-teams.zip", import.meta.url));
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const PLACEHOLDER = "00000000-0000-0000-0000-000000000000";

/** Builds the package; resolves with the files it holds. `appId` must be the bot's Microsoft App ID. */
export function buildTeamsPackage(options: { appId: string; out: string; manifestDir?: string }): string[] {
  const dir = options.manifestDir ?? MANIFEST_DIR;
  if (!GUID.test(options.appId)) throw new Error(`MICROSOFT_APP_ID must be the bot's app id (a GUID), got "${options.appId}"`);
  const manifestText = readFileSync(path.join(dir, "manifest.json"), "utf8").replaceAll("${{MICROSOFT_APP_ID}}", options.appId);
  const manifest = JSON.parse(manifestText) as { icons: { color: string; outline: string } };
  const files = ["manifest.json", manifest.icons.color, manifest.icons.outline];
  const entries = files.map((name) => ({
    name,
    data: name === "manifest.json" ? Buffer.from(manifestText) : readFileSync(path.join(dir, name)),
  }));
  mkdirSync(path.dirname(options.out), { recursive: true });
  writeFileSync(options.out, zip(entries));
  return files;
}

/** Draws the icons into the manifest folder. */
export function writeIcons(dir = MANIFEST_DIR): void {
  const icons = makeIcons();
  writeFileSync(path.join(dir, "color.png"), icons.color);
  writeFileSync(path.join(dir, "outline.png"), icons.outline);
}
