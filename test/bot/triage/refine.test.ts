/**
 * The optional language-model refinement, against a fake OpenAI-compatible server on
 * 127.0.0.1 (port 0): a good structured answer, an HTTP 500, a server that never answers,
 * and an answer outside the schema. The rule result must survive every failure.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createLanguageModel } from "../../../core/llm.ts";
import { createTriage } from "../../../bot/triage/index.ts";
import { demoCatalog } from "./helpers.ts";
import { chatCompletion } from "../../support/openai.ts";

interface FakeServer {
  url: string;
  requests: Array<{ path: string; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

type Behaviour = (req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>) => void;

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function startFakeServer(behaviour: Behaviour): Promise<FakeServer> {
  const requests: FakeServer["requests"] = [];
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      requests.push({ path: req.url ?? "", body });
      behaviour(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const fake: FakeServer = {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(fake);
  return fake;
}

const completion = (content: string) => JSON.stringify(chatCompletion(content));

const answerWith =
  (content: string): Behaviour =>
  (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(completion(content));
  };

function triageAgainst(server: FakeServer, errors: unknown[] = [], timeoutMs = 2_000) {
  const llm = createLanguageModel({ apiKey: "test-key", baseURL: server.url, model: "fake-model", timeoutMs });
  return createTriage(demoCatalog, { llm, llmTimeoutMs: timeoutMs, onLlmError: (error) => errors.push(error) });
}

// Nothing is asked and no problem is stated: the rules are unsure about this one.
const VAGUE = "bar 50 in room 4";

describe("language-model refinement", () => {
  it("uses a good structured answer for a low-confidence message and keeps the rule entities", async () => {
    const server = await startFakeServer(answerWith(JSON.stringify({ intent: "how_to", category: null, severity: null })));
    const triage = triageAgainst(server);
    const rules = triage.classify(VAGUE);
    expect(rules.confidence).toBeLessThan(0.6);

    const refined = await triage.refine!(VAGUE, rules);
    expect(refined.source).toBe("llm");
    expect(refined.intent).toBe("how_to");
    expect(refined.entities).toEqual(rules.entities);

    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.path).toBe("/v1/chat/completions");
    const format = server.requests[0]!.body.response_format as { type: string; json_schema: { name: string } };
    expect(format.type).toBe("json_schema");
    expect(format.json_schema.name).toBe("triage_labels");
  });

  it("drops a category the model gives to an intent that has none", async () => {
    const server = await startFakeServer(answerWith(JSON.stringify({ intent: "case_status", category: "network", severity: "sev2" })));
    const refined = await triageAgainst(server).refine!(VAGUE, triageAgainst(server).classify(VAGUE));
    expect([refined.intent, refined.category, refined.severity]).toEqual(["case_status", null, null]);
  });

  it("does not call the model when the rules are confident", async () => {
    const server = await startFakeServer(answerWith(JSON.stringify({ intent: "other", category: null, severity: null })));
    const triage = triageAgainst(server);
    const text = "escalate CS-10422, the bar 70 has been dead for 3 days";
    const rules = triage.classify(text);
    expect(await triage.refine!(text, rules)).toBe(rules);
    expect(server.requests).toHaveLength(0);
  });

  it("keeps the rule result when the endpoint answers HTTP 500", async () => {
    const server = await startFakeServer((_req, res) => {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "internal error" } }));
    });
    const errors: unknown[] = [];
    const triage = triageAgainst(server, errors);
    const rules = triage.classify(VAGUE);
    const refined = await triage.refine!(VAGUE, rules);
    expect(refined).toEqual(rules);
    expect(refined.source).toBe("rules");
    expect(errors).toHaveLength(1);
  });

  it("keeps the rule result when the endpoint does not answer in time", async () => {
    const server = await startFakeServer(() => {
      // Never answer; the connection is closed when the test ends.
    });
    const errors: unknown[] = [];
    const triage = triageAgainst(server, errors, 150);
    const rules = triage.classify(VAGUE);
    const refined = await triage.refine!(VAGUE, rules);
    expect(refined).toEqual(rules);
    expect(errors).toHaveLength(1);
    expect(server.requests).toHaveLength(1);
  });

  it("keeps the rule result when the answer is not valid for the schema", async () => {
    const server = await startFakeServer(answerWith(JSON.stringify({ intent: "order_pizza", category: null, severity: null })));
    const triage = triageAgainst(server);
    const rules = triage.classify(VAGUE);
    expect(await triage.refine!(VAGUE, rules)).toEqual(rules);
  });

  it("without a language model, refine returns the rule result", async () => {
    const triage = createTriage(demoCatalog);
    const rules = triage.classify(VAGUE);
    expect(await triage.refine!(VAGUE, rules)).toBe(rules);
  });
});
