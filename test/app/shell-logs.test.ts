/**
 * The shell owns the terminal: warnings and errors go to a log file, and the terminal says once,
 * at start, where that file is. The real `npm start` entry point is run with the shell on.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../support/app.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("the shell's logs", () => {
  let child: ChildProcess;
  let dir: string;
  let logFile: string;
  let terminal = "";
  let port = 0;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "switchboard-shell-logs-"));
    logFile = path.join(dir, "logs", "switchboard.log");
    child = spawn(process.execPath, ["--import", "tsx", "app/main.ts", "--shell"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, PORT: "0", DATABASE_URL: `file:${path.join(dir, "shell.db")}`, LOG_FILE: logFile },
      stdio: ["pipe", "pipe", "pipe"],
    });
    // What a person at the terminal sees: both streams, interleaved as they arrive.
    child.stdout!.on("data", (chunk: Buffer) => (terminal += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (terminal += chunk.toString()));
    port = await eventually(() => {
      const up = /HTTP endpoints on port (\d+)/.exec(terminal);
      if (!up || !terminal.includes("Switchboard shell")) throw new Error(`not up yet:\n${terminal}`);
      return Number(up[1]);
    }, 90_000);
  }, 120_000);
  afterAll(() => {
    child?.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });

  it("says where the logs are, and keeps warnings out of the conversation", async () => {
    expect(terminal).toContain(`Logs go to ${logFile}`);
    // A request that the server refuses with a warning, while the person is talking to the bot.
    const refused = await fetch(`http://127.0.0.1:${port}/webhooks/partners/%E0%A4%A`, { method: "POST", body: "{}" });
    expect(refused.status).toBe(400);
    child.stdin!.write("help\n");
    await eventually(() => {
      if (!terminal.includes("Here is what I can do")) throw new Error(`no help yet:\n${terminal}`);
    });
    await eventually(() => {
      if (!existsSync(logFile) || !readFileSync(logFile, "utf8").includes("not valid percent-encoding"))
        throw new Error("the warning is not in the log file yet");
    });
    expect(terminal).not.toMatch(/WARN|not valid percent-encoding/);
  });
});
