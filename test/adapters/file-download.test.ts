import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileReadError } from "../../bot/files.ts";
import { decodeText, downloadText, isLoopbackHost } from "../../adapters/file-download.ts";
import { SlackFileReader } from "../../adapters/slack/files.ts";
import { TeamsFileReader } from "../../adapters/teams/files.ts";

const LIMITS = { maxBytes: 1024, timeoutMs: 300 };

describe("downloading a file a person sent", () => {
  let server: http.Server;
  let base = "";
  const seen: { path: string; authorization?: string }[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push({ path: req.url ?? "", authorization: req.headers.authorization });
      if (req.url === "/slow") return void setTimeout(() => res.end("late"), 2_000).unref();
      if (req.url === "/stream") {
        // No Content-Length: the limit is found while reading.
        res.writeHead(200, { "content-type": "text/csv", "transfer-encoding": "chunked" });
        for (let i = 0; i < 10; i += 1) res.write("x".repeat(200));
        return void res.end();
      }
      if (req.url === "/moved") return void res.writeHead(302, { location: `${base}/elsewhere` }).end();
      res.writeHead(200, { "content-type": "text/csv" }).end("\uFEFFserial\nNB5-2231987\n");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => error as FileReadError,
    );

  it("reads a small file as text, without the byte-order mark spreadsheets write", async () => {
    const { text } = await downloadText(new URL(`${base}/ok.csv`), { ...LIMITS });
    expect(text).toBe("serial\nNB5-2231987\n");
  });

  it("decodes UTF-16 files with a byte-order mark, as Excel saves Unicode text", () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("serial\tsite\nNB5-2231987\tMadrid", "utf16le")]);
    expect(decodeText(utf16)).toBe("serial\tsite\nNB5-2231987\tMadrid");
    expect(decodeText(Buffer.from([0x4e, 0xff, 0x42]))).toBe("N\uFFFDB");
  });

  it("gives up on a download that does not finish in time", async () => {
    const started = Date.now();
    const error = await failure(downloadText(new URL(`${base}/slow`), { ...LIMITS }));
    expect(error).toMatchObject({ name: "FileReadError", code: "failed" });
    expect(error!.message).toContain("timed out");
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("stops reading a file without a declared length once it passes the limit", async () => {
    const error = await failure(downloadText(new URL(`${base}/stream`), { ...LIMITS }));
    expect(error).toMatchObject({ code: "too_large" });
  });

  it("does not follow a redirect where a token is sent", async () => {
    const before = seen.length;
    const reader = new SlackFileReader("xoxb-secret", `${base}/api/`);
    const error = await failure(reader.readText({ name: "a.csv", url: `${base}/moved` }, LIMITS));
    expect(error).toMatchObject({ code: "refused" });
    expect(seen.slice(before).map((r) => r.path)).toEqual(["/moved"]);
  });

  it("Teams with authentication on: reads from Microsoft's file hosts only, and follows no redirect off them", async () => {
    // contoso-my.sharepoint.com stands for this loopback server: the reader checks the URL it is given.
    // Anything else the reader tried to fetch would fail here rather than leave the machine.
    const viaLoopback: typeof fetch = (input, init) => {
      const url = String(input).replace(/^https:\/\/contoso-my\.sharepoint\.com(?=\/)/, base);
      if (!url.startsWith(base)) throw new Error(`the test refused to fetch ${url}: not loopback`);
      return fetch(url, init);
    };
    const reader = new TeamsFileReader(true, viaLoopback);
    expect(await reader.readText({ name: "a.csv", url: "https://contoso-my.sharepoint.com/ok.csv" }, LIMITS)).toContain("NB5-2231987");
    const before = seen.length;
    const moved = await failure(reader.readText({ name: "a.csv", url: "https://contoso-my.sharepoint.com/moved" }, LIMITS));
    expect(moved).toMatchObject({ code: "refused" });
    expect(seen.slice(before).map((r) => r.path)).toEqual(["/moved"]);
    for (const url of [`${base}/ok.csv`, "https://files.example.test/ok.csv", "https://contoso-my.sharepoint.com.example.test/ok.csv"]) {
      expect(await failure(reader.readText({ name: "a.csv", url }, LIMITS)), url).toMatchObject({ code: "refused" });
    }
    expect(seen.length).toBe(before + 1);
  });

  it("Slack: refuses a file URL outside Slack's file host and the configured API without contacting it", async () => {
    const before = seen.length;
    const reader = new SlackFileReader("xoxb-secret", "http://127.0.0.1:9/api/");
    const error = await failure(reader.readText({ name: "a.csv", url: `${base}/ok.csv` }, LIMITS));
    expect(error).toMatchObject({ code: "refused" });
    expect(seen.length).toBe(before);
  });

  it("Teams: takes links on this machine only with authentication off", async () => {
    const before = seen.length;
    expect(await new TeamsFileReader(false).readText({ name: "a.csv", url: `${base}/ok.csv` }, LIMITS)).toContain("NB5-2231987");
    expect(await failure(new TeamsFileReader(true).readText({ name: "a.csv", url: `${base}/ok.csv` }, LIMITS))).toMatchObject({
      code: "refused",
    });
    expect(
      await failure(new TeamsFileReader(false).readText({ name: "a.csv", url: "http://files.example.test/a.csv" }, LIMITS)),
    ).toMatchObject({
      code: "refused",
    });
    expect(seen.length).toBe(before + 1);
    expect(isLoopbackHost("localhost") && isLoopbackHost("127.0.0.2") && isLoopbackHost("[::1]")).toBe(true);
    expect(isLoopbackHost("127.example.com")).toBe(false);
  });
});
