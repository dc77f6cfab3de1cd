/**
 * Serializes the start-up writes of replicas that start together on one PostgreSQL database —
 * the catalog sync and the seeds check "is it there?" and then insert, so two replicas starting
 * at once on an empty database would both insert and one would fail on a unique key. A session
 * advisory lock (per schema) is held while that work runs. SQLite needs none: one file, one
 * process.
 */
import pg from "pg";
import { DEFAULT_CONNECT_TIMEOUT_MS, postgresConnection, providerOf } from "./client.ts";

/** Runs `work` while holding the start-up lock of the database at `url` (PostgreSQL only). */
export async function withStartupLock<T>(url: string, work: () => Promise<T>, connectTimeoutMs = DEFAULT_CONNECT_TIMEOUT_MS): Promise<T> {
  if (providerOf(url) !== "postgresql") return work();
  const { connection, schema } = postgresConnection(url);
  const client = new pg.Client({ connectionString: connection.toString(), connectionTimeoutMillis: connectTimeoutMs });
  // Unheard, a server restart during start-up would be an 'error' event that ends the process.
  // Safe to ignore here: a lost session releases the lock, and the work's own queries (on other
  // connections) report the outage themselves.
  client.on("error", () => undefined);
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext($1))`, [`switchboard.startup:${schema}`]);
    return await work();
  } finally {
    // Closing the session releases the lock too; unlocking first just says so sooner.
    await client.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`switchboard.startup:${schema}`]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
