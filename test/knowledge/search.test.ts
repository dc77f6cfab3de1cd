import { beforeAll, describe, expect, it } from "vitest";
import { buildMemoryKnowledgeBase } from "../../knowledge/index.ts";
import { parseMarkdown, headingKey } from "../../knowledge/markdown.ts";
import { catalog, FIXTURE_DOCS } from "./support.ts";

let kb: Awaited<ReturnType<typeof buildMemoryKnowledgeBase>>;

beforeAll(async () => {
  kb = await buildMemoryKnowledgeBase(FIXTURE_DOCS, { catalog });
});

describe("sections", () => {
  it("splits at ##/### and setext underlines, never at #### or inside fences", () => {
    const doc = parseMarkdown(
      "---\ntitle: Front\n---\n# Real title\nintro\n## A\ntext a\n```\n## not a heading\n```\n#### deep\nstill a\n   ### B\ntext b\nC heading\n---\ntext c\n",
      "x",
    );
    expect(doc.title).toBe("Real title");
    expect(doc.sections.map((s) => [s.heading, s.level])).toEqual([
      ["Real title", 1],
      ["A", 2],
      ["B", 3],
      ["C heading", 2],
    ]);
    expect(doc.sections[1]!.text).toContain("not a heading");
    expect(doc.sections[1]!.text).toContain("deep");
    expect(doc.sections[2]!.parent).toBe("A");
  });

  it("compares headings the way the evaluation does", () => {
    expect(headingKey("[Foo](x.md) (Bar)")).toBe(headingKey("Foo Bar"));
    expect(headingKey("**4.0.76.0** (03/04/2019)")).toBe("4076003042019");
  });
});

describe("ranking on the fixture corpus", () => {
  it("finds the section that answers, cited by title and section", () => {
    const [top] = kb.search("how do I factory reset the bar 50 with the pinhole");
    expect(top?.path).toBe("bar-50/factory-reset.md");
    expect(top?.heading).toBe("Using the pinhole button");
    expect(top?.sectionPath).toBe("Reset the Northwind Bar 50 › Factory reset › Using the pinhole button");
    expect(top?.link).toBe("http://127.0.0.1:9/docs/bar-50/reset#using-the-pinhole-button");
  });

  it("understands informal and misspelled questions", () => {
    expect(kb.search("firmwre update stuck at 40%")[0]?.heading).toBe("Firmware fails to install");
    expect(kb.search("people on the call hear themselves, echo from the speakerphone")[0]?.heading).toBe("Echo during calls");
  });

  it("indexes HTML and plain text documents with their headings", () => {
    expect(kb.search("touch console screen is black")[0]?.path).toBe("tap-10-pairing.html");
    expect(kb.search("which dscp value for audio")[0]).toMatchObject({ path: "network-requirements.txt", heading: "Quality of Service" });
  });

  it("filters by product, keeping general documents", () => {
    const filtered = kb.search("firmware update", { products: ["nw-bar-50"] });
    expect(filtered.some((p) => p.path === "bar-30/firmware.md")).toBe(false);
    expect(kb.search("firmware update")[0]?.path).toBe("bar-30/firmware.md");
    expect(kb.search("udp ports for media", { products: ["nw-bar-50"] })[0]?.path).toBe("network-requirements.txt");
  });

  it("tags chunks with catalog products from front matter, folders and text", () => {
    const passage = kb.search("pinhole reset")[0]!;
    expect(passage.products).toContain("nw-bar-50");
    expect(kb.search("speak 40 microphone muted")[0]?.products).toContain("nw-speak-40");
  });

  it("answers Spanish questions from English documents", async () => {
    const answer = await kb.answer("¿Cómo restablezco la barra 50 a los valores de fábrica?");
    expect(answer.status).toBe("answered");
    expect(answer.language).toBe("es");
    expect(answer.passages[0]?.path).toBe("bar-50/factory-reset.md");
  });
});

describe("abstention", () => {
  it("says it does not know for questions outside the documentation", async () => {
    for (const q of [
      "how do I replace the toner in the office printer",
      "what is the price of a bar 50",
      "¿cuál es la garantía de la barra 30?",
      "zoom rooms: enable ultrasonic sharing",
    ]) {
      const answer = await kb.answer(q);
      expect(answer.status, q).toBe("abstained");
      expect(answer.passages).toEqual([]);
    }
  });

  it("answers covered questions with a short, cited reply", async () => {
    const answer = await kb.answer("bar 30 firmware update keeps failing");
    expect(answer.status).toBe("answered");
    expect(answer.passages.length).toBeGreaterThan(0);
    expect(answer.passages.length).toBeLessThanOrEqual(3);
    expect(answer.passages.every((p) => p.snippet.length <= 330)).toBe(true);
    expect(answer.confidence).toBeGreaterThan(0.5);
  });

  it("copes with empty, stop-word-only and very long questions", async () => {
    expect((await kb.answer("")).status).toBe("abstained");
    expect((await kb.answer("how do i do it?")).status).toBe("abstained");
    const long = await kb.answer("firmware ".repeat(700));
    expect(["answered", "abstained"]).toContain(long.status);
  });
});
