/**
 * With a language model configured, a sentence the rules cannot decide is routed by the model,
 * against a fake OpenAI-compatible server on 127.0.0.1: the declared actions the person may take
 * are the answer's enum, the message goes as quoted data, an action that changes data is still
 * confirmed, and a wrong, failing or silent model leaves the rules' question with buttons.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../support/app.ts";
import { message } from "../../support/events.ts";
import { render } from "../../support/conversation.ts";
import { chatCompletion } from "../../support/openai.ts";

type Route = "ok" | "fail" | "hang";
interface Fake {
  url: string;
  routed: Record<string, unknown>[];
  answer: { kind: Route; action?: string };
  server: Server;
}

let t: TestApp | undefined;
let fake: Fake | undefined;
afterEach(async () => {
  await t?.close();
  fake?.server.closeAllConnections();
  await new Promise((resolve) => fake?.server.close(resolve));
  t = fake = undefined;
});

async function setup(answer: Fake["answer"]): Promise<Fake> {
  const routed: Record<string, unknown>[] = [];
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const body = JSON.parse(raw || "{}") as Record<string, any>;
      // Only the routing question is answered; the triage's own refinement gets an error and keeps its rules.
      if (body.response_format?.json_schema?.name !== "route") return void res.writeHead(500).end("{}");
      routed.push(body);
      if (answer.kind === "hang") return;
      if (answer.kind === "fail")
        return void res.writeHead(500, { "content-type": "application/json" }).end('{"error":{"message":"boom"}}');
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify(chatCompletion(JSON.stringify({ action: answer.action }))));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  fake = { url, routed, answer, server };
  t = await createTestApp({ start: false, env: { OPENAI_API_KEY: "test-key", OPENAI_BASE_URL: url, OPENAI_MODEL: "fake-model" } });
  return fake;
}

async function send(who: string, text: string) {
  const result = await t!.app.bot.handle(message(who, text));
  return result.outbound.filter((m) => m.target.conversationId === `dm:${who}`);
}

const UNCLEAR = "bar 50";

describe("the language model's reading of an unclear sentence", () => {
  it("settles it with a declared action, sent as data with the role, among the actions the person may take", async () => {
    const server = await setup({ kind: "ok", action: "documents" });
    const reply = render(await send("employee", UNCLEAR));
    expect(reply).toContain("https://support.northwind.example/docs/nw-bar-50/");
    const [request] = server.routed;
    const enumOf = (request as any).response_format.json_schema.schema.properties.action.enum as string[];
    expect(enumOf).toContain("rma_status");
    expect(enumOf).not.toContain("case_take"); // an employee cannot take a case
    const user = (request as any).messages.find((m: any) => m.role === "user").content;
    expect(JSON.parse(user)).toEqual({ role: "employee", message: UNCLEAR });
  });

  it("never lets the model run an action that changes data: it is confirmed with a button first", async () => {
    await setup({ kind: "ok", action: "rma_order" });
    const [reply] = await send("engineer", UNCLEAR);
    expect(reply?.card?.title).toBe("Just to be sure — do you want me to do this?");
    expect(reply?.card?.actions?.[0]?.label).toBe("Order a replacement");
    expect(await t!.app.db.prisma.rma.count()).toBe(0);
  });

  for (const [name, answer] of [
    ["an action that was never declared", { kind: "ok", action: "drop_all_cases" }],
    ["a failing model", { kind: "fail" }],
    ["a model that never answers", { kind: "hang" }],
  ] as const)
    it(`falls back to the rules' question with buttons on ${name}`, async () => {
      await setup(answer as Fake["answer"]);
      const started = Date.now();
      const [reply] = await send("employee", UNCLEAR);
      expect(reply?.card?.title).toBe("Do you want to:");
      expect(reply?.card?.actions?.map((a) => a.label)).toEqual(expect.arrayContaining(["Report a problem", "Search the documentation"]));
      expect(Date.now() - started).toBeLessThan(8_000);
    }, 20_000);
});
