/**
 * Test helpers for knowledge search: the fixture corpus, tiny PDFs built in memory, and a
 * loopback fake of an OpenAI-compatible server that records what it was asked.
 */
import { cpSync, mkdtempSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadCatalog, DEMO_CATALOG_FILE } from "../../core/catalog.ts";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const FIXTURE_DOCS = path.join(REPO_ROOT, "test/fixtures/kb/docs");
export const SHARED_DIR = path.resolve(REPO_ROOT, "../shared");
export const catalog = loadCatalog(DEMO_CATALOG_FILE);

/** A fresh copy of the fixture corpus in a temp folder (tests change files in it). */
export function copyFixtures(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "kb-docs-"));
  cpSync(FIXTURE_DOCS, dir, { recursive: true });
  return dir;
}

/** A one-page PDF; with `text` undefined the page has no text layer (like a scanned image). */
export function makePdf(text: string | undefined, title = "Fixture"): Buffer {
  const content = text === undefined ? "0 0 1 rg 10 10 50 50 re f" : `BT /F1 12 Tf 20 150 Td (${text.replace(/[()\\]/g, "\\$&")}) Tj ET`;
  const objects = [
    "<</Type/Catalog/Pages 2 0 R>>",
    "<</Type/Pages/Kids[3 0 R]/Count 1>>",
    "<</Type/Page/Parent 2 0 R/MediaBox[0 0 400 200]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
    `<</Length ${content.length}>>\nstream\n${content}\nendstream`,
    "<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    `<</Title(${title})>>`,
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<</Size ${objects.length + 1}/Root 1 0 R/Info 6 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/** How the fake server should answer chat completions. */
export type ChatBehaviour = "answer" | "no-answer" | "error" | "hang";

/** A loopback OpenAI-compatible server: chat completions and deterministic embeddings. */
export async function startFakeOpenAI(initial: ChatBehaviour = "answer") {
  const requests: Array<{ path: string; body: any }> = [];
  let behaviour: ChatBehaviour = initial;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    req.on("end", () => {
      const body = raw ? JSON.parse(raw) : {};
      requests.push({ path: req.url ?? "", body });
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(payload));
      };
      if (req.url?.endsWith("/embeddings")) {
        const inputs: string[] = Array.isArray(body.input) ? body.input : [body.input];
        return send(200, {
          object: "list",
          model: body.model,
          data: inputs.map((text, index) => ({ object: "embedding", index, embedding: bagOfWords(text) })),
        });
      }
      if (behaviour === "hang") return; // never answers: the client's timeout must fire
      if (behaviour === "error") return send(500, { error: { message: "model overloaded" } });
      const content = behaviour === "no-answer" ? "NO_ANSWER" : "Hold the pinhole button for fifteen seconds [1]. Unsupported claim [7].";
      send(200, {
        id: "x",
        object: "chat.completion",
        created: 0,
        model: body.model,
        choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content } }],
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    setBehaviour: (next: ChatBehaviour) => void (behaviour = next),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A tiny deterministic "embedding": hashed word counts, enough for similarity to mean something. */
function bagOfWords(text: string): number[] {
  const vector = new Array(64).fill(0);
  for (const word of text.toLowerCase().match(/[a-z]{3,}/g) ?? []) {
    let h = 0;
    for (const c of word) h = (h * 31 + c.charCodeAt(0)) >>> 0;
    vector[h % 64] += 1;
  }
  return vector;
}
