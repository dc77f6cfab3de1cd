/**
 * Matching folds accents away; what is stored and shown never does. A Spanish report keeps its
 * ñ and its accents in the case title, in the description and in "since when".
 */
import { afterEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../support/app.ts";
import { say } from "../../support/conversation.ts";

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const stored = () => t.app.db.prisma.case.findFirstOrThrow({ orderBy: { number: "desc" } });

describe("accents in a Spanish report", () => {
  it("keeps 'desde esta mañana' read from the first message as written, in the case and on its card", async () => {
    t = await createTestApp({ start: false });
    const opened = await say(t, "empleada", "la Bar 50 de la sala de juntas de Madrid no tiene sonido desde esta mañana");
    expect(opened).toContain("Desde cuándo: desde esta mañana");
    const row = await stored();
    expect(row.title).toBe("la Bar 50 de la sala de juntas de Madrid no tiene sonido desde esta mañana");
    expect(row.description).toContain("Desde cuándo: desde esta mañana");
    expect(row.description).not.toContain("manana");
  });

  it("keeps 'desde mañana' with its ñ, and the accents of the site the person named", async () => {
    t = await createTestApp({ start: false });
    await say(t, "empleada", "la cámara de la sala Peñalara no enciende desde mañana temprano");
    await say(t, "empleada", "no sé el número de serie");
    await say(t, "empleada", "abre el caso ya");
    const row = await stored();
    expect(row.title).toBe("la cámara de la sala Peñalara no enciende desde mañana temprano");
    expect(row.description).toContain("Desde cuándo: desde mañana temprano");
    expect(row.description).not.toMatch(/manana|penalara|camara/i);
  });
});
