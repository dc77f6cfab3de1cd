import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, eventually, type TestApp } from "../support/app.ts";
import { message } from "../support/events.ts";

// The help card is assembled from the kernel's lines and each feature's declared lines; the
// snapshot holds the card as it read before features declared their own, word for word.
describe("help", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  for (const person of ["employee", "admin", "engineer", "manager", "partner"])
    for (const word of ["help", "ayuda"])
      it(`shows ${person} the same help card for '${word}'`, async () => {
        const before = t.recorder.to(`dm:${person}`).length;
        await t.app.bot.handle(message(person, word));
        const card = await eventually(() => {
          const sent = t.recorder.to(`dm:${person}`);
          expect(sent.length).toBeGreaterThan(before);
          return sent.at(-1);
        });
        expect(JSON.stringify(card, null, 1)).toMatchSnapshot();
      });
});
