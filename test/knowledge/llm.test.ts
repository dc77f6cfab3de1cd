import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLanguageModel } from "../../core/llm.ts";
import { createMemoryKnowledgeBase, buildMemoryKnowledgeBase } from "../../knowledge/index.ts";
import { catalog, FIXTURE_DOCS, startFakeOpenAI } from "./support.ts";

let server: Awaited<ReturnType<typeof startFakeOpenAI>>;
let chunks: Awaited<ReturnType<typeof buildMemoryKnowledgeBase>>["engine"]["searcher"]["chunks"];

beforeAll(async () => {
  server = await startFakeOpenAI();
  chunks = (await buildMemoryKnowledgeBase(FIXTURE_DOCS, { catalog })).engine.searcher.chunks;
});
afterAll(() => server.close());

const model = (timeoutMs = 2_000) =>
  createLanguageModel({ apiKey: "test", baseURL: server.baseURL, model: "fake-model", embeddingModel: "fake-embed", timeoutMs })!;

describe("grounded answers with a language model", () => {
  it("writes an answer only from the retrieved passages and keeps valid citations", async () => {
    server.setBehaviour("answer");
    const kb = createMemoryKnowledgeBase(chunks, { catalog, llm: model() });
    const answer = await kb.answer("how do I factory reset the bar 50");
    expect(answer.status).toBe("answered");
    expect(answer.text).toContain("[1]");
    expect(answer.text).not.toContain("[7]");
    const request = server.requests.filter((r) => r.path.endsWith("/chat/completions")).at(-1)!;
    const prompt = JSON.stringify(request.body.messages);
    expect(prompt).toContain("pinhole");
    expect(prompt).toContain("ONLY the numbered documentation passages");
  });

  it("falls back to the cited passages when the model errors", async () => {
    server.setBehaviour("error");
    const kb = createMemoryKnowledgeBase(chunks, { catalog, llm: model() });
    const answer = await kb.answer("how do I factory reset the bar 50");
    expect(answer.status).toBe("answered");
    expect(answer.text).toBeUndefined();
    expect(answer.passages[0]?.path).toBe("bar-50/factory-reset.md");
  });

  it("falls back to the cited passages when the model times out", async () => {
    server.setBehaviour("hang");
    const kb = createMemoryKnowledgeBase(chunks, { catalog, llm: model(300) });
    const answer = await kb.answer("bar 30 firmware update fails");
    expect(answer.status).toBe("answered");
    expect(answer.text).toBeUndefined();
    expect(answer.passages[0]?.path).toBe("bar-30/firmware.md");
  });

  it("abstains when the model finds no answer in the passages", async () => {
    server.setBehaviour("no-answer");
    const kb = createMemoryKnowledgeBase(chunks, { catalog, llm: model() });
    const answer = await kb.answer("how do I factory reset the bar 50");
    expect(answer.status).toBe("abstained");
    expect(answer.passages).toEqual([]);
  });

  it("does not call the model when the evidence is too weak", async () => {
    server.setBehaviour("answer");
    const before = server.requests.length;
    const kb = createMemoryKnowledgeBase(chunks, { catalog, llm: model() });
    expect((await kb.answer("how do I replace the toner of the lobby printer")).status).toBe("abstained");
    expect(server.requests.length).toBe(before);
  });

  it("fuses embedding similarity with the lexical ranking when chunks carry vectors", async () => {
    server.setBehaviour("answer");
    const llm = model();
    const vectors = await llm.embed(chunks.map((c) => `${c.sectionPath}\n${c.text}`));
    const withVectors = chunks.map((c, i) => ({ ...c, embedding: Float32Array.from(vectors[i]!) }));
    const kb = createMemoryKnowledgeBase(withVectors, { catalog, llm });
    expect(kb.stats().hybrid).toBe(true);
    const answer = await kb.answer("pinhole factory reset bar 50");
    expect(answer.passages[0]?.path).toBe("bar-50/factory-reset.md");
    expect(server.requests.some((r) => r.path.endsWith("/embeddings") && r.body.input?.[0] === "pinhole factory reset bar 50")).toBe(true);
  });
});
