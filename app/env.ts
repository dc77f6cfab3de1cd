/**
 * The environment the process runs with: `.env` (if present) under the real environment, which
 * wins. Read once by the entry points and passed to readConfig.
 */
import { existsSync, readFileSync } from "node:fs";
import { parse } from "dotenv";
import type { Env } from "./config.ts";

export function loadEnv(file = ".env", environment: Env = process.env): Env {
  const fromFile = existsSync(file) ? parse(readFileSync(file)) : {};
  return { ...fromFile, ...environment };
}
