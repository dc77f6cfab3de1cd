/**
 * A PostgreSQL server of the test's own, on its own port and data folder, that the test may stop
 * and restart — never the shared one on 5432. PostgreSQL refuses to run as root, so the server
 * runs as the `postgres` user (runuser) when the tests run as root. Unavailable (with the reason)
 * when the binaries are not installed.
 */
import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const BIN = process.env.TEST_POSTGRES_BIN ?? "/usr/lib/postgresql/15/bin";

/** Why a private server cannot run here, or undefined when it can. */
export function privatePostgresUnavailable(): string | undefined {
  if (!existsSync(path.join(BIN, "pg_ctl")) || !existsSync(path.join(BIN, "initdb"))) return `no PostgreSQL binaries in ${BIN}`;
  if (userInfo().uid === 0 && !existsSync("/usr/sbin/runuser") && !existsSync("/sbin/runuser")) return "running as root without runuser";
  return undefined;
}

export class PrivatePostgres {
  private readonly dir: string;
  private readonly data: string;

  constructor(readonly port: number) {
    this.dir = mkdtempSync(path.join(tmpdir(), "switchboard-pg-"));
    this.data = path.join(this.dir, "data");
  }

  /** Connection URL of the `postgres` database (trust authentication, loopback only). */
  get url(): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private async pg(tool: string, args: string[]): Promise<void> {
    const command = path.join(BIN, tool);
    if (userInfo().uid === 0) await run("runuser", ["-u", "postgres", "--", command, ...args], { cwd: this.dir });
    else await run(command, args, { cwd: this.dir });
  }

  async start(): Promise<void> {
    if (userInfo().uid === 0) {
      const postgres = account("postgres");
      chownSync(this.dir, postgres.uid, postgres.gid);
    }
    await this.pg("initdb", ["-D", this.data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
    await this.ctl("start");
  }

  /**
   * `pg_ctl stop -m fast`, then start again after `downMs`: every session is ended at once and the
   * server is away for a while, as in a failover or a minor upgrade.
   */
  async restart(downMs = 0): Promise<void> {
    await this.pg("pg_ctl", ["stop", "-D", this.data, "-m", "fast", "-w"]);
    await new Promise((resolve) => setTimeout(resolve, downMs));
    await this.ctl("start");
  }

  async stop(): Promise<void> {
    await this.pg("pg_ctl", ["stop", "-D", this.data, "-m", "immediate", "-w"]).catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async ctl(action: string, extra: string[] = []): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    await this.pg("pg_ctl", [action, ...extra, "-D", this.data, "-l", path.join(this.dir, "server.log"), "-w", "-o", options]);
  }
}

/** The numeric ids of a system user, from /etc/passwd. */
function account(user: string): { uid: number; gid: number } {
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((entry) => entry.startsWith(`${user}:`));
  if (!line) throw new Error(`no user ${user} on this machine`);
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}
