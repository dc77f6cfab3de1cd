import { describe, expect, it } from "vitest";
import { actionData, parseActionData, renderAdaptiveCard, toTeamsMarkdown } from "../../../adapters/teams/adaptive-card.ts";
import { toActivity } from "../../../adapters/teams/deliverer.ts";
import { addressOf, cleanText, conversationOf, splitConversationId } from "../../../adapters/teams/inbound.ts";
import type { Card } from "../../../bot/events.ts";

const card: Card = {
  title: "CS-10001 · *No picture*",
  subtitle: "Contoso Iberia",
  body: "Line one\nline two\n\nNew paragraph",
  facts: [{ label: "Status", value: "open" }],
  inputs: [
    { id: "reason", label: "Why?", kind: "multiline", required: true },
    { id: "severity", label: "Severity", kind: "choice", choices: [{ value: "sev1", label: "Sev 1" }], value: "sev1" },
  ],
  actions: [
    { id: "case.reopen", label: "Reopen", value: { case: "CS-10001" }, style: "danger" },
    { id: "docs", label: "Read more", value: {}, url: "http://127.0.0.1:9/docs/x" },
  ],
  context: ["Opened 2026-11-25"],
};

describe("Adaptive Card rendering", () => {
  it("renders title, facts, body, inputs and small print as an Adaptive Card 1.5", () => {
    const rendered = renderAdaptiveCard(card);
    expect(rendered.version).toBe("1.5");
    const body = rendered.body as Record<string, any>[];
    expect(body[0]!.text).toBe("CS-10001 · **No picture**");
    expect(body.find((b) => b.type === "FactSet")!.facts).toEqual([{ title: "Status", value: "open" }]);
    expect(body.find((b) => b.text?.startsWith("Line one"))!.text).toBe("Line one\n\nline two\n\nNew paragraph");
    expect(body.find((b) => b.id === "reason")).toMatchObject({ type: "Input.Text", isMultiline: true, isRequired: true, label: "Why?" });
    expect(body.find((b) => b.id === "severity")).toMatchObject({
      type: "Input.ChoiceSet",
      choices: [{ title: "Sev 1", value: "sev1" }],
      value: "sev1",
    });
  });

  it("makes buttons universal actions with an Action.Submit fallback, and links OpenUrl", () => {
    const [reopen, link] = renderAdaptiveCard(card).actions as Record<string, any>[];
    expect(reopen).toMatchObject({ type: "Action.Execute", verb: "case.reopen", title: "Reopen", style: "destructive" });
    expect(reopen!.fallback).toMatchObject({ type: "Action.Submit", data: reopen!.data });
    expect(link).toEqual({ type: "Action.OpenUrl", title: "Read more", url: "http://127.0.0.1:9/docs/x" });
  });

  it("reads a press back: the button's value, and the inputs Teams merged into the data", () => {
    const data = { ...actionData(card.actions![0]!), reason: "still broken", msteams: { type: "messageBack" } };
    expect(parseActionData(data)).toEqual({ actionId: "case.reopen", value: { case: "CS-10001" }, inputs: { reason: "still broken" } });
    expect(parseActionData({ verb: "case.reopen" })).toBeUndefined();
    expect(parseActionData({ switchboard: { id: "x", value: { n: 1 } } })).toBeUndefined();
    expect(parseActionData(null)).toBeUndefined();
  });

  it("turns the core's *bold* into Teams markdown without touching **bold** or a*b", () => {
    expect(toTeamsMarkdown("type *help* or **menu**, 2*3*4")).toBe("type **help** or **menu**, 2*3*4");
  });

  it("sends text as markdown and cards as Adaptive Card attachments", () => {
    const activity = toActivity({
      target: { platform: "teams", conversationId: "a:1" },
      visibility: "public",
      text: "*Hi*",
      card,
      lang: "es",
    });
    expect(activity).toMatchObject({ type: "message", text: "**Hi**", textFormat: "markdown", locale: "es-ES" });
    expect(activity.attachments?.[0]?.contentType).toBe("application/vnd.microsoft.card.adaptive");
  });
});

describe("Teams conversations and text", () => {
  it("understands a channel reply chain and addresses replies to it", () => {
    expect(splitConversationId("19:abc@thread.tacv2;messageid=1700")).toEqual({ conversationId: "19:abc@thread.tacv2", threadId: "1700" });
    const ref = conversationOf({
      id: "1701",
      serviceUrl: "http://127.0.0.1:9/emea/",
      conversation: { id: "19:abc@thread.tacv2;messageid=1700", conversationType: "channel", tenantId: "t1" } as never,
    });
    expect(ref).toMatchObject({ conversationId: "19:abc@thread.tacv2", threadId: "1700", kind: "channel", tenantId: "t1" });
    expect(ref.extra).toEqual({ serviceUrl: "http://127.0.0.1:9/emea/", replyToId: "1701" });
    expect(addressOf(ref)).toBe("19:abc@thread.tacv2;messageid=1700");
    // A personal chat never gets a thread suffix, even when a case link gave it a thread id.
    expect(addressOf({ conversationId: "a:1", threadId: "99", kind: "personal" })).toBe("a:1");
  });

  it("cleans what Teams adds to typed text", () => {
    expect(cleanText("<at>Lee Chen</at> can you check&nbsp;the <b>Bar 50</b>?<br>It&#39;s off &amp; cold")).toBe(
      "Lee Chen can you check the Bar 50?\nIt's off & cold",
    );
    expect(cleanText("a < b and c > d")).toBe("a < b and c > d");
  });

  it("breaks masked links and tags in text but keeps the bot's bold, and offers no javascript: link button", () => {
    expect(toTeamsMarkdown("*Case* [click](https://127.0.0.1/x) <a href=x>y</a>")).not.toMatch(/\]\(|<a/);
    expect(toTeamsMarkdown("*Case* [click](https://127.0.0.1/x)")).toContain("**Case**");
    const rendered = renderAdaptiveCard({
      title: "Links",
      actions: [
        { id: "a", label: "Bad", value: {}, url: "javascript:alert(1)" },
        { id: "c", label: "Good", value: {}, url: "https://127.0.0.1/ticket/1" },
      ],
    });
    expect((rendered.actions as { url?: string }[]).map((a) => a.url)).toEqual(["https://127.0.0.1/ticket/1"]);
  });
});
