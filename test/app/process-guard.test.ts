/**
 * No request can end the process: the real `npm start` entry point is run, sent requests that
 * used to kill it, and must still answer. And the policy for errors nobody caught: fatal while
 * starting, logged and survived while serving, fatal again when they come in a burst.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { EventEmitter } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../app/logger.ts";
import { guardProcess } from "../../app/process-guard.ts";
import { eventually, MemoryLog } from "../support/app.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("the running server", () => {
  let child: ChildProcess;
  let dir: string;
  let output = "";
  let base = "";

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "switchboard-guard-"));
    child = spawn(process.execPath, ["--import", "tsx", "app/main.ts", "--no-shell"], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        PORT: "0",
        HOST: "127.0.0.1",
        DATABASE_URL: `file:${path.join(dir, "guard.db")}`,
        SEED_DEMO_DATA: "false",
        PARTNER_WEBHOOK_SECRET: "partner-secret",
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const port = await eventually(() => {
      const up = /"port":(\d+)[^\n]*"msg":"Switchboard is up"/.exec(output);
      if (!up) throw new Error(`not up yet:\n${output}`);
      return Number(up[1]);
    }, 60_000);
    base = `http://127.0.0.1:${port}`;
  }, 90_000);
  afterAll(() => {
    child?.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps answering after a partner path that is not valid percent-encoding", async () => {
    const response = await fetch(`${base}/webhooks/partners/%E0%A4%A`, { method: "POST", body: "{}" });
    expect(response.status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(child.exitCode).toBeNull();
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});

describe("errors nobody caught", () => {
  class FakeProcess extends EventEmitter {
    exits: number[] = [];
    exit(code: number): void {
      this.exits.push(code);
    }
  }
  const setup = (serving: boolean) => {
    const logs = new MemoryLog();
    const target = new FakeProcess();
    let now = 0;
    guardProcess(target, createLogger({ level: "info", destination: logs }), {
      serving: () => serving,
      maxExceptions: 3,
      windowMs: 1_000,
      now: () => now,
    });
    return { logs, target, advance: (ms: number) => (now += ms) };
  };

  it("stops the process for an error while starting", () => {
    const { target, logs } = setup(false);
    target.emit("uncaughtException", new Error("a bug at boot"));
    target.emit("unhandledRejection", new Error("a rejected promise at boot"));
    expect(target.exits).toEqual([1, 1]);
    expect(logs.lines.filter((line) => line.level === 60)).toHaveLength(2);
  });

  it("logs and keeps serving for an error while serving, and stops on a burst", () => {
    const { target, logs, advance } = setup(true);
    target.emit("unhandledRejection", new Error("one request's promise"));
    for (let i = 0; i < 3; i += 1) {
      target.emit("uncaughtException", new Error(`one request's bug ${i}`));
      advance(400);
    }
    expect(target.exits).toEqual([]);
    expect(logs.lines.filter((line) => /still serving/.test(String(line.msg)))).toHaveLength(4);
    // The fourth within one second: the process itself is in trouble.
    target.emit("uncaughtException", new Error("again"));
    expect(target.exits).toEqual([]);
    target.emit("uncaughtException", new Error("and again"));
    expect(target.exits).toEqual([1]);
  });
});
