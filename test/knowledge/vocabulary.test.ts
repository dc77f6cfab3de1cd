import { beforeAll, describe, expect, it } from "vitest";
import { weighEvidence } from "../../knowledge/abstention.ts";
import { stem, tokenize } from "../../knowledge/analysis/tokenize.ts";
import { KnowledgeEngine } from "../../knowledge/engine.ts";
import { markdownToText } from "../../knowledge/markdown.ts";
import { isCommonWordTypo } from "../../knowledge/lexicon/general.ts";
import { buildMemoryKnowledgeBase } from "../../knowledge/index.ts";
import { parseQuery } from "../../knowledge/query.ts";
import type { MemoryChunk } from "../../knowledge/searcher.ts";
import { catalog, FIXTURE_DOCS } from "./support.ts";

let kb: Awaited<ReturnType<typeof buildMemoryKnowledgeBase>>;

beforeAll(async () => {
  kb = await buildMemoryKnowledgeBase(FIXTURE_DOCS, { catalog });
});

/** A one-section chunk for a hand-made corpus. */
const chunk = (id: string, title: string, text: string): MemoryChunk => ({
  id,
  path: `${id}.md`,
  title,
  heading: title,
  sectionPath: title,
  link: null,
  text,
  products: [],
  language: "en",
});

describe("chat-style wording", () => {
  it("answers when the question's extra words are general language, not missing concepts", async () => {
    for (const q of [
      "how do I fix echo on the Speak 40?",
      "the Speak 40 has a bad echo",
      "the speak 40 sounds awful, people hear themselves",
    ]) {
      const answer = await kb.answer(q);
      expect(answer.status, q).toBe("answered");
      expect(answer.passages[0]?.heading, q).toBe("Echo during calls");
    }
  });

  it("still abstains when the extra word is a topic the documentation lacks", async () => {
    expect((await kb.answer("how do I replace the battery in the speak 40")).status).toBe("abstained");
  });

  it("marks general words and weighs them at a fraction", () => {
    const query = parseQuery("teams calls over wifi are awful, the wireless guys are stumped", {});
    const awful = query.groups.find((g) => g.label === "awful")!;
    const wifi = query.groups.find((g) => g.label === "wifi")!;
    expect(awful.general).toBe(true);
    expect(wifi.general).toBeUndefined();
    expect(awful.alts[0]!.weight).toBeLessThan(wifi.alts[0]!.weight);
  });
});

describe("spelling", () => {
  it("folds British spellings onto American ones in index and query alike", () => {
    for (const [gb, us] of [
      ["colour", "color"],
      ["centre", "center"],
      ["prioritise", "prioritize"],
      ["organisation", "organization"],
      ["licence", "license"],
    ]) {
      expect(stem(gb!, "en"), gb).toBe(stem(us!, "en"));
    }
    // Not every -ise word is a variant spelling.
    expect(stem("premises", "en")).not.toBe(stem("premizes", "en"));
    expect(stem("enterprise", "en")).toBe("enterpris");
  });

  it("trusts a correction of a long typo, not one that turns a short unknown name into a corpus word", () => {
    const engine = new KnowledgeEngine([
      chunk("stack", "Stack the consoles", "Stack the consoles in the cart before shipping them to the site."),
      chunk("firmware", "Firmware updates", "Firmware updates install overnight on the consoles."),
      chunk("audio", "Audio drops", "Audio drops during calls when the network is congested."),
    ]);
    // "slack" is one letter from "stack": a name the corpus does not have, not a typo.
    const slack = engine.retrieve("slack audio drops during calls");
    expect(slack.query.groups[0]!.alts.some((a) => a.corrected && a.terms[0] === "stack")).toBe(true);
    expect(slack.evidence.unknown).toBeGreaterThan(0);
    // "firmare" is a typo of "firmware".
    const typo = engine.retrieve("firmare updates on the consoles");
    expect(typo.evidence.unknown).toBe(0);
    expect(typo.evidence.abstain).toBe(false);
  });
});

describe("identifiers and possessives", () => {
  it("keeps underscores inside identifiers instead of reading them as emphasis", () => {
    expect(markdownToText("gwmi -Class Win32_Bios | Format-List {$_.x} and _stress_ here")).toBe(
      "gwmi -Class Win32_Bios Format-List {$_.x} and stress here",
    );
    expect(tokenize("Win32_Bios")).toContain("bios");
  });

  it("reads a possessive as the word itself", () => {
    expect(tokenize("the lobby's phone")).toEqual(["the", "lobby", "phone"]);
  });
});

describe("sign-in phrases", () => {
  it("keeps signing in apart from log files and from signing out", () => {
    expect(tokenize("how do I log into the room console")).toContain("login");
    expect(tokenize("users logged on to the phone")).toContain("login");
    expect(tokenize("collect the logs on the server")).toEqual(expect.arrayContaining(["logs", "on"]));
    expect(tokenize("sign out of teams")).toContain("signout");
    expect(tokenize("Sign-in page")).toContain("signin");
  });

  it("matches 'turn off' as a phrase, so it can mean disable", () => {
    const group = parseQuery("turn off the conferencing device", {}).groups[0]!;
    expect(group.label).toBe("turn off");
    expect(group.alts.map((a) => a.terms.join(" "))).toContain("disabl");
  });
});

describe("typos of common words", () => {
  const common = (w: string) => ["the", "what", "every", "one", "good", "because"].includes(w);

  it("takes swapped or dropped letters of a common word for noise, not for a topic", () => {
    for (const w of ["teh", "waht", "evry", "becuase"]) expect(isCommonWordTypo(w, common), w).toBe(true);
    for (const w of ["tone", "gold", "zoom", "cx50"]) expect(isCommonWordTypo(w, common), w).toBe(false);
  });

  it("does not let a mistyped chat question abstain for its typos", async () => {
    const q = "teh speak 40 has echo evry call";
    expect(
      kb.engine
        .retrieve(q)
        .query.groups.filter((g) => g.general)
        .map((g) => g.label),
    ).toEqual(expect.arrayContaining(["teh", "evry"]));
    expect((await kb.answer(q)).status).toBe("answered");
  });
});

describe("spanish verbs", () => {
  it("translates the verbs of a Spanish question, irregular forms included", () => {
    const alts = (q: string) => parseQuery(q, { language: "es" }).groups.flatMap((g) => g.alts.map((a) => a.terms.join(" ")));
    expect(alts("la sala no acepta sola las invitaciones")).toEqual(expect.arrayContaining(["accept", "automat"]));
    expect(alts("la consola muestra un error")).toContain("show");
    expect(alts("cómo fuerzo que se aplique la directiva")).toEqual(expect.arrayContaining(["forc", "appli"]));
  });

  it("matches a lexicon entry in the plural even where the stemmer gives the plural another stem", () => {
    const alts = parseQuery("¿funcionan los perfiles obligatorios?", { language: "es" }).groups.flatMap((g) =>
      g.alts.map((a) => a.terms.join(" ")),
    );
    expect(alts).toContain("mandatori profil");
  });

  it("reads a Spanish noun-de-noun compound in English order", () => {
    const labels = parseQuery("los teléfonos del pasillo no suenan", { language: "es" }).groups;
    const hallway = labels.find((g) => g.label === "telefonos pasillo");
    expect(hallway?.alts.map((a) => a.terms.join(" "))).toContain("common area phone");
    // Three nouns, and a compound beats a one-word phrase at the same place.
    const conference = parseQuery("el teléfono de sala de conferencias", { language: "es" }).groups;
    expect(conference.map((g) => g.label)).toEqual(["telefono sala conferencias"]);
  });
});

describe("request intents", () => {
  const engine = new KnowledgeEngine([
    chunk("plans", "Calling plans", "Choose a Domestic Calling Plan or a Domestic and International Calling Plan for the phone."),
  ]);
  const intentOf = (q: string) => weighEvidence(parseQuery(q, {}), engine.searcher, engine.searcher.rank(parseQuery(q, {}), 10)).intent;

  it("tells asking which one to buy from asking to be sold one", () => {
    expect(intentOf("¿qué plan de llamadas tengo que comprar?")).toBeUndefined();
    expect(intentOf("which calling plan do we buy")).toBeUndefined();
    expect(intentOf("cómprame un teléfono nuevo")).toBe("purchase");
    expect(intentOf("can you order us a new phone")).toBe("purchase");
  });
});
