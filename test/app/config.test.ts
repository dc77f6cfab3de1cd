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

  it("keeps retrying undelivered messages for 24 hours unless OUTBOX_GIVE_UP_AFTER says otherwise", () => {
    expect(readConfig({}).outboxGiveUpAfterMs).toBe(24 * 3_600_000);
    expect(readConfig({ OUTBOX_GIVE_UP_AFTER: "90m" }).outboxGiveUpAfterMs).toBe(90 * 60_000);
    expect(readConfig({ OUTBOX_GIVE_UP_AFTER: "2d" }).outboxGiveUpAfterMs).toBe(2 * 86_400_000);
    expect(readConfig({ OUTBOX_GIVE_UP_AFTER: "3600" }).outboxGiveUpAfterMs).toBe(3_600_000);
    expect(() => readConfig({ OUTBOX_GIVE_UP_AFTER: "soon" })).toThrow(/OUTBOX_GIVE_UP_AFTER must be a duration/);
    expect(() => readConfig({ OUTBOX_GIVE_UP_AFTER: "0h" })).toThrow(/OUTBOX_GIVE_UP_AFTER must be above 0/);
  });

  it("asks for the secret that goes with a credential", () => {
    expect(() => readConfig({ SLACK_BOT_TOKEN: "xoxb-1" })).toThrow(/SLACK_SIGNING_SECRET/);
    expect(() => readConfig({ MICROSOFT_APP_ID: "00000000-0000-0000-0000-000000000001" })).toThrow(/MICROSOFT_APP_PASSWORD/);
    expect(() => readConfig({ KNOWLEDGE_DIR: "/nonexistent/folder" })).toThrow(/KNOWLEDGE_DIR/);
    const slack = readConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", SLACK_API_URL: "http://127.0.0.1:9/api/" });
    expect(slack.slack).toMatchObject({ botToken: "xoxb-1", signingSecret: "s", apiUrl: "http://127.0.0.1:9/api/" });
  });

  it("takes a Teams bot for single-tenant unless told otherwise, and then asks for its tenant", () => {
    const bot = { MICROSOFT_APP_ID: "00000000-0000-0000-0000-000000000001", MICROSOFT_APP_PASSWORD: "p" };
    expect(() => readConfig(bot)).toThrow(/MICROSOFT_APP_TENANT_ID is required for a SingleTenant bot/);
    expect(readConfig({ ...bot, MICROSOFT_APP_TENANT_ID: "tenant-contoso" }).teams.appType).toBe("SingleTenant");
    expect(readConfig({ ...bot, MICROSOFT_APP_TYPE: "MultiTenant" }).teams.appType).toBe("MultiTenant");
  });

  it("collects each partner's own webhook secret and refuses badly named or shared ones, naming the variable", () => {
    const config = readConfig({
      PARTNER_WEBHOOK_SECRET: "shared",
      PARTNER_WEBHOOK_SECRET_MICROSOFT: "ms",
      PARTNER_WEBHOOK_SECRET_ZOOM: " ",
    });
    expect(config.partnerWebhookSecrets).toEqual({ PARTNER_WEBHOOK_SECRET_MICROSOFT: "ms" });
    expect(() => readConfig({ "PARTNER_WEBHOOK_SECRET_micro-soft": "ms" })).toThrow(/PARTNER_WEBHOOK_SECRET_micro-soft must be/);
    expect(() => readConfig({ PARTNER_WEBHOOK_SECRET_MICROSOFT: "same", PARTNER_WEBHOOK_SECRET_ZOOM: "same" })).toThrow(
      /PARTNER_WEBHOOK_SECRET_ZOOM must differ from PARTNER_WEBHOOK_SECRET_MICROSOFT/,
    );
  });

  it("keeps metrics on loopback unless told otherwise, and refuses a guessable metrics token", () => {
    expect(readConfig({}).metrics).toEqual({ port: undefined, host: "127.0.0.1", token: undefined });
    expect(readConfig({ METRICS_PORT: "9464" }).metrics).toMatchObject({ port: 9464, host: "127.0.0.1" });
    expect(() => readConfig({ METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN must be at least 16 characters/);
    expect(() => readConfig({ METRICS_PORT: "metrics" })).toThrow(/METRICS_PORT/);
  });
});
