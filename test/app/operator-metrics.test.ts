import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.ts";
import { message } from "../support/events.ts";

/** One sample's value from a Prometheus text scrape, 0 when the series is absent. */
function sample(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe("metrics an operator's stock dashboards and alerts read", () => {
  let t: TestApp;
  let model: http.Server;
  let scrape: () => Promise<string>;
  beforeAll(async () => {
    // A language model that is always overloaded: every feature must go on without it.
    model = http.createServer((_req, res) => {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "model overloaded" } }));
    });
    await new Promise<void>((resolve) => model.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(model.address() as AddressInfo).port}/v1`;
    t = await createTestApp({ env: { METRICS_PORT: "0", OPENAI_API_KEY: "test-key", OPENAI_BASE_URL: base } });
    scrape = async () => (await fetch(`http://127.0.0.1:${t.app.metricsPort}/metrics`)).text();
  });
  afterAll(async () => {
    await t.close();
    model.closeAllConnections();
    model.close();
  });

  it("keeps the standard process and Node metric names, without a prefix", async () => {
    const text = await scrape();
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(text).toMatch(/^process_start_time_seconds /m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes /m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    expect(text).not.toContain("switchboard_process_");
    expect(text).not.toContain("switchboard_nodejs_");
  });

  it("reports the outbox backlog, dead messages and quarantined events", async () => {
    const text = await scrape();
    for (const name of ["switchboard_outbox_backlog", "switchboard_outbox_dead", "switchboard_inbound_quarantined"])
      expect(text).toMatch(new RegExp(`^${name} \\d+`, "m"));
  });

  it("counts documentation questions, abstentions, and language model calls and fallbacks by feature", async () => {
    await t.app.bot.handle(message("employee", "Which ports do room devices need on the firewall?"));
    await t.app.bot.handle(message("employee", "What is the maximum operating temperature of the video bar?"));
    const text = await scrape();
    expect(sample(text, 'switchboard_knowledge_queries_total{outcome="answered"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'switchboard_knowledge_queries_total{outcome="abstained"}')).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^switchboard_knowledge_abstentions_total\{reason="[a-z_]+"\} [1-9]/m);
    // The model failed to write the answer: the cited passages went out on their own.
    expect(sample(text, 'switchboard_llm_calls_total{feature="knowledge",operation="chat",outcome="error"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'switchboard_llm_fallbacks_total{feature="knowledge",reason="error"}')).toBeGreaterThanOrEqual(1);
  });
});
