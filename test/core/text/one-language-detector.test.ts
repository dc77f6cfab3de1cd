/**
 * The reply and the documentation search read the language of a message with one detector, so
 * a question is never answered in one language from passages searched for in the other.
 */
import { describe, expect, it } from "vitest";
import { shownLanguage } from "../../../bot/language.ts";
import { detectLanguage } from "../../../core/text/language.ts";
import { parseQuery } from "../../../knowledge/query.ts";
import { createTestApp } from "../../support/app.ts";

// Short and mixed messages, where two detectors are most likely to part ways.
const SENTENCES = [
  "ok gracias",
  "gracias, ya funciona",
  "hola, the bar is dead",
  "¿cómo reinicio la Bar 50?",
  "mi cámara no funciona",
  "la pantalla is black",
  "the sala 2 camera is off",
  "no funciona el proxy on the room pc",
  "how do I reset the Speak 40?",
  "reinicio",
];

describe("one language detector", () => {
  it("the search reads each message in the language the reply is written in", async () => {
    const t = await createTestApp({ start: false });
    try {
      const reply = t.app.services.detectLanguage;
      for (const text of SENTENCES) {
        const search = parseQuery(text, {}).language;
        expect({ text, search }).toEqual({ text, search: reply(text) });
        const shown = shownLanguage(text, reply);
        if (shown) expect({ text, search }).toEqual({ text, search: shown });
      }
    } finally {
      await t.close();
    }
  });

  it("is the detector the product installs", async () => {
    const t = await createTestApp({ start: false });
    try {
      expect(t.app.services.detectLanguage).toBe(detectLanguage);
    } finally {
      await t.close();
    }
  });
});
