/**
 * `npm run build` — compiles the TypeScript to dist/ (dist/app/main.js and the command-line tools
 * under dist/app/cli/). The demo data and the migrations stay where they are: the code finds them
 * from the project's root (core/project-files.ts), compiled or not.
 *
 *   node scripts/build.mjs             always build
 *   node scripts/build.mjs --if-stale  build only when dist/ is missing or older than the sources
 *
 * `npm start` runs it with --if-stale, so `npm install && npm start` works on a fresh clone and a
 * restart after `git pull` picks up the change. Plain JavaScript on purpose: it runs before
 * anything is compiled, and in the image (which has no TypeScript and no sources) it only checks.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** What tsconfig.build.json compiles: the folders the app and its command-line tools run from. */
export const COMPILED = ["app", "bot", "adapters", "knowledge", "db", "core", "generated"];
/** A change to any of these also makes dist/ stale. */
const SETTINGS = ["tsconfig.json", "tsconfig.build.json", "package-lock.json"];

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = path.join(root, "dist");
/** Written last, so an interrupted build is never taken for a finished one. */
const stamp = path.join(dist, ".built");

/** The newest modification time under the given files and folders, 0 when none exists. */
export function newestChange(paths) {
  let newest = 0;
  const visit = (file) => {
    let stats;
    try {
      stats = statSync(file);
    } catch {
      return;
    }
    if (stats.isDirectory()) for (const entry of readdirSync(file)) visit(path.join(file, entry));
    else newest = Math.max(newest, stats.mtimeMs);
  };
  for (const entry of paths) visit(path.join(root, entry));
  return newest;
}

/** True when dist/ must be (re)built: no finished build yet, or a source newer than it. */
export function isStale() {
  if (!existsSync(stamp)) return true;
  // No sources (the image carries dist/ only): nothing to compare against, the build is final.
  if (!existsSync(path.join(root, "app"))) return false;
  return newestChange([...COMPILED, ...SETTINGS]) > statSync(stamp).mtimeMs;
}

/** Compiles and copies; throws with the compiler's exit status when it fails. */
export function build() {
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  } catch {
    throw new Error("dist/ is missing or out of date and TypeScript is not installed: run `npm install`, then `npm run build`");
  }
  // Removed sources must not live on as compiled files, so the compiled folders start empty.
  for (const folder of COMPILED) rmSync(path.join(dist, folder), { recursive: true, force: true });
  rmSync(stamp, { force: true });
  const compiled = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json")], { stdio: "inherit" });
  if (compiled.status !== 0) throw new Error(`the TypeScript build failed (tsc exited with ${compiled.status ?? compiled.signal})`);
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    if (!process.argv.includes("--if-stale") || isStale()) {
      process.stderr.write("Building dist/ …\n");
      build();
    }
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
