/**
 * What an operator sees when the start cannot go on: the real `npm start` entry point is run
 * against a database that does not answer, one that refuses, and a port already taken. Each must
 * end with a non-zero exit and one line naming the setting — never a hang or a stack trace.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Runs `npm start -- --no-shell` with `env` until it exits; gives up (and fails) after `limitMs`. */
function start(env: Record<string, string>, limitMs = 60_000): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "app/main.ts", "--no-shell"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOST: "127.0.0.1", SEED_DEMO_DATA: "false", LOG_LEVEL: "warn", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`still running after ${limitMs} ms:\n${output}`));
    }, limitMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** A TCP server that accepts connections and never says a word (a stuck proxy, a half-dead host). */
async function silentServer(): Promise<{ port: number; close: () => void }> {
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const noStackTrace = (output: string) => expect(output).not.toMatch(/^\s+at /m);

describe("a start that cannot go on", () => {
  let dir: string;
  beforeAll(() => void (dir = mkdtempSync(path.join(tmpdir(), "switchboard-start-"))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("stops with one line when PostgreSQL accepts the connection but never answers", async () => {
    const silent = await silentServer();
    try {
      const { code, output } = await start({
        PORT: "0",
        DATABASE_URL: `postgresql://switchboard:secret-password@127.0.0.1:${silent.port}/switchboard`,
        DATABASE_CONNECT_TIMEOUT_SECONDS: "1",
      });
      expect(code).toBe(1);
      expect(output.trim()).toBe(
        `Switchboard could not start: the database at 127.0.0.1:${silent.port} did not answer within 1 s (check DATABASE_URL; DATABASE_CONNECT_TIMEOUT_SECONDS sets the wait)`,
      );
    } finally {
      silent.close();
    }
  }, 90_000);

  it("stops with one line when PostgreSQL refuses the connection", async () => {
    const port = await closedPort();
    const { code, output } = await start({
      PORT: "0",
      DATABASE_URL: `postgresql://switchboard:secret-password@127.0.0.1:${port}/switchboard`,
    });
    expect(code).toBe(1);
    expect(output).toContain(`Switchboard could not start: the database at 127.0.0.1:${port} refused the connection (check DATABASE_URL`);
    expect(output).not.toContain("secret-password");
    noStackTrace(output);
  }, 90_000);

  it("stops with one line naming PORT when the port is taken", async () => {
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const port = (busy.address() as net.AddressInfo).port;
    try {
      const { code, output } = await start({ PORT: String(port), DATABASE_URL: `file:${path.join(dir, "busy.db")}` });
      expect(code).toBe(1);
      expect(output).toContain(`Switchboard could not start: port ${port} on 127.0.0.1 is already in use (PORT)`);
      noStackTrace(output);
    } finally {
      busy.close();
    }
  }, 90_000);

  it("refuses a connect timeout that is not a number of seconds, naming the setting", async () => {
    const { code, output } = await start({ DATABASE_CONNECT_TIMEOUT_SECONDS: "soon" });
    expect(code).toBe(2);
    expect(output).toContain("DATABASE_CONNECT_TIMEOUT_SECONDS");
  }, 90_000);
});
