/**
 * Every card the demo's Spanish employee (Ana García, shell "empleada") can reach is Spanish from
 * title to buttons, and a case is shown in the reader's language whoever reported it: the
 * engineer reads Ana's case with English labels, her own words left as she wrote them.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../support/app.ts";
import { press, say } from "../../support/conversation.ts";
import { englishIn } from "../../support/spanish.ts";

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

describe("cards in Spanish", () => {
  it("shows Ana no English label on any card she can reach", async () => {
    t = await createTestApp({ start: false });
    const seen: Record<string, string> = {};
    const ana = async (text: string) => (seen[text] = await say(t, "empleada", text));
    await ana("la Bar 50 de la sala de juntas de Madrid no tiene sonido");
    await ana("desde esta mañana");
    await ana("caso CS-10001");
    await ana("casos");
    await ana("estado CS-10001");
    await ana("escalar CS-10001 el consejo se reúne en una hora");
    await ana("ayuda");
    await say(t, "engineer", "rma order CS-10001 NB5-2231987 power supply failed");
    await ana("rma");
    await ana("técnico NB5-2231987");
    await ana("visita");
    await ana("repuestos fuente de alimentación Bar 50");
    await say(t, "engineer", "resolve CS-10001 workaround usad la barra de repuesto de la sala 2");
    await t.app.dispatcher.runOnce();
    seen["(the resolution, as notified)"] = t.recorder.textOf("dm:empleada");
    seen["(Reabrir)"] = await press(t, "empleada", "case.reopen", { case: "CS-10001" }, { reason: "vuelve a fallar" });
    await say(t, "engineer", "resolve CS-10001 fix cambiada la fuente de alimentación");
    seen["(Ya funciona)"] = await press(t, "empleada", "case.works", { case: "CS-10001" });
    for (const [turn, reply] of Object.entries(seen)) {
      expect(reply, `nothing shown for "${turn}"`).not.toBe("");
      expect(englishIn(reply), `English shown to Ana for "${turn}":\n${reply}`).toEqual([]);
    }
    expect(seen["caso CS-10001"]).toContain("Desde cuándo: desde esta mañana");
    expect(seen["(Ya funciona)"]).toContain("Estado: cerrado");
    expect(seen["técnico NB5-2231987"]).toContain("Trabajo: instalar la pieza de repuesto");
  });

  it("shows an engineer Ana's case with English labels and her words as she wrote them", async () => {
    t = await createTestApp({ start: false });
    await say(t, "empleada", "la Bar 50 de la sala de juntas de Madrid no tiene sonido");
    await say(t, "empleada", "desde esta mañana");
    const engineer = await say(t, "engineer", "case CS-10001");
    expect(engineer).toContain("Since: desde esta mañana");
    expect(engineer).toMatch(/Impact: (can't be used for meetings|degraded, still usable)/);
    expect(engineer).toContain("Device: Northwind Bar 50 NB5-2231987");
    expect(engineer).not.toMatch(/Desde cuándo|Impacto|Dispositivo|Sede/);
    // The case itself keeps the words it was reported in.
    const row = await t.app.db.prisma.case.findFirstOrThrow();
    expect(row.description).toContain("Desde cuándo: desde esta mañana");
  });
});
