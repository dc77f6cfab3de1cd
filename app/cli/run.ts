/**
 * What every command-line entry point shares: reading the configuration, opening the migrated
 * database, and turning the outcome into an exit code — 0 done, 2 a problem the user can fix
 * (its message printed alone), 1 anything else (printed with its stack).
 */
import { openDatabase, type Database } from "../../db/client.ts";
import { applyMigrations } from "../../db/migrate.ts";
import { ConfigError, readConfig, type Config } from "../config.ts";
import { loadEnv } from "../env.ts";

/** Runs a CLI's main with its arguments and exits; `isUsersFault` tells known errors apart. */
export function runCli(
  main: (argv: string[]) => Promise<number>,
  isUsersFault: (error: unknown) => boolean = () => false,
  usage?: string,
): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      const known = error instanceof ConfigError || isUsersFault(error);
      console.error(known ? [(error as Error).message, usage].filter(Boolean).join("\n") : error);
      process.exit(known ? 2 : 1);
    },
  );
}

/** Opens the configured database with its migrations applied, runs `work`, closes it. */
export async function withDatabase<T>(work: (db: Database, config: Config) => Promise<T>): Promise<T> {
  const config = readConfig(loadEnv());
  await applyMigrations(config.databaseUrl);
  const db = await openDatabase(config.databaseUrl);
  try {
    return await work(db, config);
  } finally {
    await db.close();
  }
}
