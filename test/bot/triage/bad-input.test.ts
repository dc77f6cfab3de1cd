import { describe, expect, it } from "vitest";
import { MAX_ANALYSED_CHARS } from "../../../bot/triage/index.ts";
import { classify } from "./helpers.ts";

const logLine = "2024-11-25T10:14:03Z bar50 kernel: [ 12.345] usb 1-1: device descriptor read/64, error -71\n";

describe("bad input", () => {
  it("an empty or blank message is 'other' with low confidence", () => {
    for (const text of ["", "   \n\t "]) {
      const r = classify(text);
      expect(r.intent).toBe("other");
      expect(r.confidence).toBeLessThan(0.5);
      expect(r.entities).toEqual({ serial: [], model: [], case_id: [], rma_id: [], partner: null, site: null });
    }
  });

  it("a 40 KB log paste is cut to the analysed length and still understood", () => {
    const text = `the bar 50 in room 4.12 keeps rebooting since the update, log below\n\`\`\`\n${logLine.repeat(450)}\`\`\``;
    expect(text.length).toBeGreaterThan(40_000);
    const r = classify(text);
    expect(r.truncated).toBe(true);
    expect([r.intent, r.category]).toEqual(["report_issue", "firmware_software"]);
    expect(r.entities.model).toEqual(["nw-bar-50"]);
    expect(r.entities.site).toBe("room 4.12");
  });

  it("only the first MAX_ANALYSED_CHARS characters are read", () => {
    const r = classify(`${"x ".repeat(MAX_ANALYSED_CHARS)} NB5-2231987`);
    expect(r.entities.serial).toEqual([]);
  });

  it("emoji-only messages do not crash; a wave is a greeting", () => {
    expect(classify("👋").intent).toBe("greeting_help");
    expect(classify("🔥🔥🔥").intent).toBe("other");
  });

  it("mixed scripts keep the Latin part", () => {
    const r = classify("Бар 50 不工作 — the bar 50 in the Москва office is dead");
    expect(r.intent).toBe("report_issue");
    expect(r.entities.model).toEqual(["nw-bar-50"]);
  });

  it("Slack/HTML markup and inline code do not become words", () => {
    const r = classify(
      "<@U024BE7LH> *the* <http://127.0.0.1:9/status|status page> says <b>nothing</b>, but `ERR_UPD_0x3F` on the bar 70 after the update",
    );
    expect(r.entities.model).toEqual(["nw-bar-70"]);
    expect(r.category).toBe("firmware_software");
    expect(r.entities.site).toBeNull();
  });

  it("a message that is only a code block is still read", () => {
    expect(classify("```\nNB5-2231987 kernel panic - not syncing\n```").entities.serial).toEqual(["NB5-2231987"]);
  });

  it("non-string input from an untyped caller does not throw", () => {
    expect(() => classify(undefined as unknown as string)).not.toThrow();
    expect(() => classify(42 as unknown as string)).not.toThrow();
  });
});
