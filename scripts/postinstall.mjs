/**
 * After `npm install`: generates the Prisma clients (SQLite and PostgreSQL) into generated/.
 *
 * The Prisma CLI is a development dependency: an install without them (`npm ci --omit=dev`, as
 * for a server that runs a dist/ built elsewhere) has nothing to generate with and needs nothing
 * generated, since the compiled clients are part of dist/. So that case is skipped with a note
 * instead of failing the install.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

let cli;
try {
  cli = createRequire(import.meta.url).resolve("prisma/build/index.js");
} catch {
  process.stderr.write("prisma is not installed (production install): the Prisma clients are not generated; dist/ carries them\n");
  process.exit(0);
}
for (const args of [["generate"], ["generate", "--config", "prisma/postgres/prisma.config.ts"]]) {
  const run = spawnSync(process.execPath, [cli, ...args], { stdio: "inherit" });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
