import type { AddressInfo } from "node:net";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../support/app.ts";
import { ANA, eventEnvelope, mention, startTestbed, type Testbed } from "./testbed.ts";

/**
 * Socket Mode against a loopback stand-in for Slack's WebSocket endpoint: apps.connections.open
 * (on the fake Web API) hands out ws://127.0.0.1:…, which says hello and then sends envelopes the
 * way Slack does; the app must ack each envelope id and answer through the Web API.
 */
describe("Slack over Socket Mode (SLACK_APP_TOKEN set)", () => {
  let bed: Testbed;
  let server: WebSocket.Server;
  let socket: WebSocket | undefined;
  const acks: { envelope_id: string; payload?: unknown }[] = [];

  beforeAll(async () => {
    server = new WebSocket.Server({ host: "127.0.0.1", port: 0 });
    await new Promise((resolve) => server.once("listening", resolve));
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link`;
    server.on("connection", (ws) => {
      socket = ws;
      ws.on("message", (data) => acks.push(JSON.parse(String(data)) as { envelope_id: string }));
      ws.send(
        JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A0SWITCH" }, debug_info: { host: "loopback" } }),
      );
    });
    bed = await startTestbed({ SLACK_APP_TOKEN: "xapp-1-A0SWITCH-test" }, undefined, (slack) =>
      slack.script("apps.connections.open", { body: { ok: true, url } }, 10),
    );
    await eventually(() => expect(socket).toBeDefined());
  });
  afterAll(async () => {
    await bed.close();
    await new Promise((resolve) => server.close(resolve));
  });

  const send = (envelope: Record<string, unknown>) => socket!.send(JSON.stringify(envelope));

  it("acks an events_api envelope and answers the mention in its thread, once even when Slack retries it", async () => {
    const m = mention(ANA, "hello");
    const payload = eventEnvelope(m, { eventId: "EvSOCKET001" });
    send({ envelope_id: "env-1", type: "events_api", payload, accepts_response_payload: false, retry_attempt: 0, retry_reason: "" });
    await eventually(() => expect(acks.some((a) => a.envelope_id === "env-1")).toBe(true));
    await eventually(() => expect(bed.slack.callsOf("chat.postMessage").filter((c) => c.args.thread_ts === m.ts)).toHaveLength(1));
    send({ envelope_id: "env-2", type: "events_api", payload, accepts_response_payload: false, retry_attempt: 1, retry_reason: "timeout" });
    await eventually(() => expect(acks.some((a) => a.envelope_id === "env-2")).toBe(true));
    const later = mention(ANA, "hello again");
    send({
      envelope_id: "env-3",
      type: "events_api",
      payload: eventEnvelope(later),
      accepts_response_payload: false,
      retry_attempt: 0,
      retry_reason: "",
    });
    await eventually(() => expect(bed.slack.callsOf("chat.postMessage").filter((c) => c.args.thread_ts === later.ts)).toHaveLength(1));
    expect(bed.slack.callsOf("chat.postMessage").filter((c) => c.args.thread_ts === m.ts)).toHaveLength(1);
  });

  it("runs slash commands that arrive over the socket", async () => {
    send({
      envelope_id: "env-cmd",
      type: "slash_commands",
      accepts_response_payload: true,
      payload: { command: "/switchboard", text: "help", user_id: ANA, channel_id: "C0GENERAL", team_id: "T0ACME", trigger_id: "trig-1" },
    });
    await eventually(() => expect(acks.some((a) => a.envelope_id === "env-cmd")).toBe(true));
    const help = await eventually(() => {
      const found = bed.slack.callsOf("chat.postMessage").find((c) => c.args.channel === `D${ANA}`);
      expect(found).toBeDefined();
      return found!;
    });
    expect(JSON.stringify(help.args.blocks)).toMatch(/Here is what I can do/);
  });

  it("does not serve the HTTP endpoint in Socket Mode", async () => {
    expect((await fetch(bed.url, { method: "POST", body: "{}" })).status).toBe(404);
  });
});
