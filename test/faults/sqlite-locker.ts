/**
 * Another process holding a SQLite file's write lock, as a backup tool, a migration or an
 * operator's `sqlite3` shell would: a child process opens the file, runs BEGIN EXCLUSIVE, and
 * keeps the lock until released (or until `maxMs`, so a failed test never leaves it behind).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

const LOCKER = `
const Database = require(process.argv[1]);
const db = new Database(process.argv[2], { timeout: 10000 });
db.exec("BEGIN EXCLUSIVE");
process.stdout.write("locked\\n");
const release = () => { try { db.exec("COMMIT"); db.close(); } finally { process.exit(0); } };
process.stdin.on("data", release);
setTimeout(release, Number(process.argv[3]));
`;

export class SqliteLocker {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();

  constructor(private readonly file: string) {}

  /** Resolves once the lock is held. */
  async lock(maxMs = 30_000): Promise<void> {
    const child = spawn(process.execPath, ["-e", LOCKER, require.resolve("better-sqlite3"), this.file, String(maxMs)], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    this.child = child;
    lockers.add(child);
    this.exited = new Promise((resolve) => child.once("exit", () => (lockers.delete(child), resolve())));
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("locked") && resolve());
      child.once("exit", (code) => reject(new Error(`the locker exited (${code}) before it held the lock`)));
    });
  }

  /** Commits (nothing was written) and waits until the lock is gone. */
  async release(): Promise<void> {
    this.child?.stdin?.write("release\n");
    await this.exited;
  }
}

const lockers = new Set<ChildProcess>();
// Whatever happens to the test, no lock outlives it.
process.once("exit", () => {
  for (const child of lockers) child.kill("SIGKILL");
});
