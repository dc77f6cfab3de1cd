/**
 * `npm run teams:package [-- --app-id <guid> --out <zip> --icons]`: builds the Teams app package
 * (adapters/teams/package/build.ts) with MICROSOFT_APP_ID from the environment or `.env`.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { buildTeamsPackage, DEFAULT_OUT, MANIFEST_DIR, PLACEHOLDER, writeIcons } from "../../adapters/teams/package/build.ts";
import { loadEnv } from "../env.ts";

function main(argv: string[]): void {
  const option = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const env = loadEnv();
  let appId = option("--app-id") ?? env.MICROSOFT_APP_ID ?? "";
  if (!appId) {
    console.error(
      `warning: MICROSOFT_APP_ID is not set; the package uses ${PLACEHOLDER} and cannot reach a bot. Set it (or pass --app-id) for a real upload.`,
    );
    appId = PLACEHOLDER;
  }
  if (argv.includes("--icons") || !existsSync(path.join(MANIFEST_DIR, "color.png"))) writeIcons();
  const out = path.resolve(option("--out") ?? DEFAULT_OUT);
  const files = buildTeamsPackage({ appId, out });
  console.log(`wrote ${out} (${files.join(", ")})`);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
