import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "../../app/config.ts";

describe("configuration", () => {
  it("starts with sensible defaults on an empty environment", () => {
    const config = readConfig({});
    expect(config).toMatchObject({ port: 3978, databaseUrl: "file:./data/switchboard.db", slack: undefined, llm: undefined });
    expect(config.teams.appId).toBeUndefined();
  });

  it("names every wrong variable at once", () => {
    try {
      readConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", SLACK_BOT_TOKEN: "abc", LOG_LEVEL: "loud", OPENAI_BASE_URL: "not a url" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const text = (error as ConfigError).message;
      for (const name of ["PORT", "DATABASE_URL", "SLACK_BOT_TOKEN", "LOG_LEVEL", "OPENAI_BASE_URL"]) expect(text).toContain(name);
    }
  });

  it("asks for the secret that goes with a credential", () => {
    expect(() => readConfig({ SLACK_BOT_TOKEN: "xoxb-1" })).toThrow(/SLACK_SIGNING_SECRET/);
    expect(() => readConfig({ MICROSOFT_APP_ID: "00000000-0000-0000-0000-000000000001" })).toThrow(/MICROSOFT_APP_PASSWORD/);
    expect(() => readConfig({ KNOWLEDGE_DIR: "/nonexistent/folder" })).toThrow(/KNOWLEDGE_DIR/);
    const slack = readConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", SLACK_API_URL: "http://127.0.0.1:9/api/" });
    expect(slack.slack).toMatchObject({ botToken: "xoxb-1", signingSecret: "s", apiUrl: "http://127.0.0.1:9/api/" });
  });

  it("keeps metrics on loopback unless told otherwise, and refuses a guessable metrics token", () => {
    expect(readConfig({}).metrics).toEqual({ port: undefined, host: "127.0.0.1", token: undefined });
    expect(readConfig({ METRICS_PORT: "9464" }).metrics).toMatchObject({ port: 9464, host: "127.0.0.1" });
    expect(() => readConfig({ METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN must be at least 16 characters/);
    expect(() => readConfig({ METRICS_PORT: "metrics" })).toThrow(/METRICS_PORT/);
  });
});
