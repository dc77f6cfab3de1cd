/**
 * The production start command as an operator runs it: `npm start` (compiled JavaScript from
 * dist/, built first when stale). SIGTERM sent to npm must reach the server, which finishes the
 * request it is reading, logs that it stops and exits 0. The temporary folder is made unusable
 * the way a read-only root filesystem makes /tmp unusable: the server must not need it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../support/app.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
// A first run may compile dist/ (a minute or two on a busy machine) before the server starts.
const START_TIMEOUT_MS = 300_000;

describe("npm start", () => {
  let child: ChildProcess;
  let dir: string;
  let data: string;
  let output = "";
  let port = 0;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "switchboard-start-"));
    data = path.join(dir, "data");
    // A path below a plain file: nothing, not even root, can create it.
    writeFileSync(path.join(dir, "not-a-folder"), "");
    child = spawn("npm", ["start", "--", "--no-shell"], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        TMPDIR: path.join(dir, "not-a-folder", "tmp"),
        PORT: "0",
        HOST: "127.0.0.1",
        DATABASE_URL: `file:${path.join(data, "switchboard.db")}`,
        SEED_DEMO_DATA: "false",
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    port = await eventually(() => {
      const up = /"port":(\d+)[^\n]*"msg":"Switchboard is up"/.exec(output);
      if (!up) throw new Error(`not up yet (exit ${child.exitCode}):\n${output}`);
      return Number(up[1]);
    }, START_TIMEOUT_MS);
  }, START_TIMEOUT_MS + 10_000);
  afterAll(() => {
    if (child?.exitCode === null) child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });

  it("finishes the request in flight, logs why it stops and exits 0 on SIGTERM", async () => {
    const body = JSON.stringify({
      type: "message",
      id: "start-stop-1",
      channelId: "emulator",
      serviceUrl: `http://127.0.0.1:${port}/unused`,
      from: { id: "someone", name: "Someone" },
      recipient: { id: "switchboard", name: "Switchboard" },
      conversation: { id: "start-stop" },
      text: "help",
    });
    const half = Math.floor(body.length / 2);
    const answered = new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port,
          path: "/api/messages",
          method: "POST",
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        },
      );
      req.on("error", reject);
      req.write(body.slice(0, half));
      // Half a request on the wire: the signal arrives while it is being read.
      setTimeout(() => {
        child.kill("SIGTERM");
        void eventually(() => expect(output).toMatch(/"reason":"SIGTERM"[^\n]*"msg":"stopping"/), 15_000).then(
          () => req.end(body.slice(half)),
          reject,
        );
      }, 200);
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

    const status = await answered;
    expect(status).toBeGreaterThanOrEqual(200);
    expect(status).toBeLessThan(300);
    expect(await exited).toBe(0);
    // Only the database's own files were written.
    expect(readdirSync(data).every((name) => name.startsWith("switchboard.db"))).toBe(true);
  }, 60_000);
});
