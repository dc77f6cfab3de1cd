import { describe, expect, it } from "vitest";
import { DEMO_CATALOG_FILE, loadCatalog } from "../../../core/catalog.ts";
import { familyOf } from "../../../bot/intake/families.ts";
import { describe as describeDraft, mergeAnswer, nextQuestion, startDraft, type IntakeDraft } from "../../../bot/intake/draft.ts";
import { createTriage } from "../../../bot/triage/index.ts";

const catalog = loadCatalog(DEMO_CATALOG_FILE);
const triage = createTriage(catalog);
const start = (text: string) => startDraft(text, triage.classify(text), "en", familyOf(text, catalog));
const answer = (draft: ReturnType<typeof start>, text: string) => mergeAnswer(draft, text, triage.classify(text), familyOf(text, catalog));

describe("the intake draft", () => {
  it("asks only what the report does not already say", () => {
    const full = start("The Bar 50 NB5-2231987 in the Madrid boardroom has no video since this morning, our board meeting is blocked");
    expect(nextQuestion(full)).toBeUndefined();
    const bare = start("the camera is blurry");
    expect(nextQuestion(bare)).toBe("device");
  });

  it("accepts answers in any order and in free text", () => {
    let draft: IntakeDraft = { ...start("the camera is blurry"), asked: ["device"], pending: "device" };
    draft = answer(draft, "it's the Cam 4K in room 2, since yesterday");
    expect(draft).toMatchObject({ model: "nw-cam-4k", since: expect.stringMatching(/yesterday/) });
    expect(draft.siteText).toMatch(/room 2/);
    draft = { ...draft, asked: [...draft.asked, "impact"], pending: "impact" };
    draft = answer(draft, "just two rooms, no meeting right now");
    expect(draft).toMatchObject({ roomsAffected: 2, meetingBlocked: false });
    expect(nextQuestion(draft)).toBeUndefined();
  });

  it("takes a correction of the site and asks again the question it interrupted", () => {
    let draft: IntakeDraft = { ...start("la consola tap de la sala de juntas no enciende"), asked: ["since"], pending: "since" };
    draft = answer(draft, "en realidad es en la oficina de Lisboa");
    expect(draft.siteText).toMatch(/Lisboa/);
    expect(draft.since).toBeUndefined();
    expect(nextQuestion(draft)).toBe("since");
  });

  it("does not ask for a device when every room is down or the partner's service is at fault", () => {
    expect(nextQuestion({ ...start("nothing works"), roomsAffected: 99 })).not.toBe("device");
    const partner = start("Teams Rooms sign-in fails on every room, Microsoft confirms an incident");
    expect(partner.category).toBe("cloud_partner");
    expect(nextQuestion(partner)).not.toBe("device");
  });

  it("writes a case description with the facts collected", () => {
    const draft = answer(
      { ...start("the bar keeps rebooting"), pending: "since" as const, asked: ["since" as const] },
      "since the update on Monday",
    );
    expect(describeDraft(draft, { device: "Northwind Bar 50 NB5-2231987", site: "Madrid HQ" })).toContain(
      "Since: since the update on Monday",
    );
  });
});
