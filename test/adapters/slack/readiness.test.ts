import { describe, expect, it } from "vitest";
import { startTestbed } from "./testbed.ts";

const readyz = (url: string) => fetch(url.replace("/slack/events", "/readyz"));

describe("readiness with Slack configured", () => {
  it("is not ready while Slack refuses the bot token, says only 'unauthorized', and logs why", async () => {
    const bed = await startTestbed({}, {}, (slack) => slack.script("auth.test", { body: { ok: false, error: "invalid_auth" } }, 100));
    try {
      const response = await readyz(bed.url);
      expect(response.status).toBe(503);
      const body = (await response.json()) as { status: string; checks: Record<string, string> };
      expect(body).toMatchObject({ status: "not ready", checks: { database: "ok", slack: "unauthorized" } });
      expect(JSON.stringify(body)).not.toContain("invalid_auth");
      expect(
        bed.t.logs.lines.some(
          (line) =>
            line.msg === "readiness: slack unauthorized" && String(line.reason).includes("Slack refused SLACK_BOT_TOKEN (invalid_auth)"),
        ),
      ).toBe(true);
    } finally {
      await bed.close();
    }
  });

  it("is ready with a token Slack accepts", async () => {
    const bed = await startTestbed();
    try {
      const response = await readyz(bed.url);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: "ready", checks: { slack: "ok" } });
    } finally {
      await bed.close();
    }
  });
});
