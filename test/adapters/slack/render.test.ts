import { describe, expect, it } from "vitest";
import { messageText, plainText } from "../../../adapters/slack/inbound.ts";
import { commandTextOf, inputsModal, readOrigin, readViewValues } from "../../../adapters/slack/modals.ts";
import { LIMITS, buttonValue, parseButtonValue, renderMessage, splitText } from "../../../adapters/slack/render.ts";
import type { Card, OutboundMessage } from "../../../bot/events.ts";

const target = { platform: "slack" as const, conversationId: "C1" };
const withCard = (card: Card, text?: string): OutboundMessage => ({ target, card, text, visibility: "public" });

type AnyBlock = {
  type: string;
  text?: { text: string };
  fields?: unknown[];
  elements?: { action_id?: string; value?: string; text?: unknown }[];
};

describe("Block Kit rendering", () => {
  it("renders a card as header, fields, body, context and buttons", () => {
    const { text, blocks } = renderMessage(
      withCard({
        title: "CS-10001 · No sound",
        facts: [
          { label: "Status", value: "open" },
          { label: "Severity", value: "sev2" },
        ],
        body: "Room <4.12> & lobby",
        context: ["Opened 2026-11-25 10:00 UTC"],
        actions: [
          { id: "case.view", label: "View", value: { case: "CS-10001" } },
          { id: "case.take", label: "Take", value: { case: "CS-10001" }, style: "primary" },
          { id: "docs", label: "Manual", value: {}, url: "http://127.0.0.1:9/docs/bar-50" },
        ],
      }),
    );
    const b = blocks as AnyBlock[];
    expect(b.map((block) => block.type)).toEqual(["header", "section", "section", "context", "actions"]);
    expect(b[1]!.fields).toHaveLength(2);
    expect(b[2]!.text!.text).toBe("Room &lt;4.12&gt; &amp; lobby");
    expect(b[4]!.elements!.map((e) => e.action_id)).toEqual(["case.view~0", "case.take~1", "slack.link~2"]);
    expect(parseButtonValue(b[4]!.elements![1]!.value)).toEqual({ v: { case: "CS-10001" } });
    expect(text).toContain("CS-10001");
  });

  it("keeps every part within Slack's limits, however large the card", () => {
    const card: Card = {
      title: "T".repeat(400),
      facts: Array.from({ length: 25 }, (_, i) => ({ label: `Fact ${i}`, value: "v".repeat(3_000) })),
      body: "word ".repeat(60_000),
      context: Array.from({ length: 30 }, (_, i) => `line ${i}`),
      actions: Array.from({ length: 30 }, (_, i) => ({ id: "case.view", label: "L".repeat(100), value: { case: `CS-${10_000 + i}` } })),
    };
    const { text, blocks } = renderMessage(withCard(card));
    const b = blocks as AnyBlock[];
    expect(b.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
    expect(b.at(-1)!.type).toBe("actions");
    expect(b.at(-2)!.type).toBe("context");
    expect(JSON.stringify(b.at(-2))).toMatch(/shortened/);
    expect((b[0]!.text as { text: string }).text.length).toBeLessThanOrEqual(LIMITS.headerText);
    for (const block of b) {
      if (block.type === "section" && block.text) expect(block.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
      if (block.fields) expect(block.fields.length).toBeLessThanOrEqual(LIMITS.fieldsPerSection);
      if (block.type === "context") expect(block.elements!.length).toBeLessThanOrEqual(LIMITS.contextElements);
      if (block.type === "actions") {
        expect(block.elements!.length).toBeLessThanOrEqual(LIMITS.buttonsPerActions);
        for (const e of block.elements!) expect((e.text as { text: string }).text.length).toBeLessThanOrEqual(LIMITS.buttonText);
      }
    }
    expect(text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
  });

  it("sends a short plain message as text only, and splits a long one at paragraph boundaries", () => {
    expect(renderMessage({ target, text: "Hi Ana!", visibility: "public" })).toEqual({ text: "Hi Ana!", blocks: [] });
    const pieces = splitText(`${"a".repeat(2_000)}\n\n${"b".repeat(2_000)}\n\n${"c".repeat(500)}`, 3_000);
    expect(pieces).toEqual(["a".repeat(2_000), `${"b".repeat(2_000)}\n\n${"c".repeat(500)}`]);
    expect(splitText("x".repeat(7_000), 3_000).map((p) => p.length)).toEqual([3_000, 3_000, 1_000]);
  });

  it("carries a card's inputs in its buttons, unless they do not fit", () => {
    const { blocks } = renderMessage(
      withCard({
        title: "Reopen?",
        inputs: [{ id: "reason", label: "Why?", kind: "multiline", required: true }],
        actions: [{ id: "case.reopen", label: "Reopen", value: { case: "CS-1" } }],
      }),
    );
    const button = (blocks as AnyBlock[]).find((b) => b.type === "actions")!.elements![0]!;
    expect(parseButtonValue(button.value)).toEqual({ v: { case: "CS-1" }, i: [{ id: "reason", l: "Why?", k: "multiline", r: 1 }] });
    const huge = [
      {
        id: "x",
        l: "L",
        k: "choice" as const,
        c: Array.from({ length: 100 }, (_, i): [string, string] => [`value-${i}`.repeat(5), "label"]),
      },
    ];
    expect(parseButtonValue(buttonValue({ case: "CS-1" }, huge))).toEqual({ v: { case: "CS-1" } });
    expect(parseButtonValue("not json")).toEqual({ v: {} });
  });
});

describe("Slack text and forms", () => {
  it("reads Slack's markup back as what the person typed", () => {
    expect(plainText("see <http://127.0.0.1:9/a|the guide> in <#C123|support> &lt;3 &amp; <!here>")).toBe(
      "see http://127.0.0.1:9/a in #support <3 & @here",
    );
    expect(messageText("<@UBOT> open case <mailto:a@b.test|a@b.test> broke", "UBOT")).toEqual({
      text: "open case a@b.test broke",
      truncated: false,
    });
    const long = messageText(`<@UBOT> ${"y".repeat(50_000)}`, "UBOT");
    expect(long.truncated).toBe(true);
    expect(long.text).toHaveLength(40_000);
  });

  it("turns the fixed forms into the commands a person could type", () => {
    expect(commandTextOf("sb.open_case", { what: "No video on the Bar 50", severity: "sev2" })).toBe(
      "open case sev2 No video on the Bar 50",
    );
    expect(commandTextOf("sb.open_case", { what: "No video", severity: "urgent!" })).toBe("open case sev3 No video");
    expect(commandTextOf("sb.open_case", {})).toBeUndefined();
    expect(commandTextOf("sb.register", { serial: " nb5-2231987 ", site: "Madrid HQ" })).toBe("register NB5-2231987 site Madrid HQ");
  });

  it("reads submitted values and the modal's origin, distrusting what it cannot read", () => {
    const values = readViewValues({
      values: {
        reason: { reason: { value: " broke again " } },
        sev: { sev: { selected_option: { value: "sev1" } } },
        empty: { empty: { value: "" } },
      },
    });
    expect(values).toEqual({ reason: " broke again ", sev: "sev1" });
    const modal = inputsModal("Reopen", [{ id: "reason", l: "Why?", k: "text" }], {
      c: "C1",
      t: "1.2",
      a: "case.reopen",
      v: { case: "CS-1" },
      l: "es",
    });
    expect(readOrigin(modal.private_metadata)).toEqual({ c: "C1", t: "1.2", a: "case.reopen", v: { case: "CS-1" }, l: "es" });
    expect(readOrigin("{bad")).toEqual({ l: "en" });
    expect(modal.submit).toMatchObject({ text: "Enviar" });
  });

  it("offers no link button for a javascript: or data: URL, and keeps the https one", () => {
    const rendered = renderMessage(
      withCard({
        title: "Links",
        actions: [
          { id: "a", label: "Bad", value: {}, url: "javascript:alert(1)" },
          { id: "b", label: "Data", value: {}, url: "data:text/html,<b>x</b>" },
          { id: "c", label: "Good", value: {}, url: "https://127.0.0.1/ticket/1" },
        ],
      }),
    );
    const buttons = (rendered.blocks as AnyBlock[]).flatMap((b) => (b.type === "actions" ? (b.elements ?? []) : []));
    expect(buttons.map((b) => (b as { url?: string }).url)).toEqual(["https://127.0.0.1/ticket/1"]);
  });
});
