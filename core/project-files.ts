/**
 * Files that ship with the code (the demo data, the migrations), found from the project's root
 * folder whether the code runs from its sources or compiled in dist/.
 *
 * From the root rather than next to the compiled code: the demo documentation's folder is
 * recorded in the database as a knowledge source, so the same install has to name it the same
 * way under `npm run dev` and `npm start`, and the image keeps one copy of these files.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The folder holding package.json: the checkout, or /app in the image. */
export const PROJECT_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A file or folder of the project, e.g. `projectFile("demo/catalog.json")`. */
export function projectFile(relative: string): string {
  return path.join(PROJECT_ROOT, relative);
}

// core/ in the sources, dist/core/ compiled: the first folder upwards with a package.json.
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
