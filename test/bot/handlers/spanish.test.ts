/**
 * Whole conversations in Spanish as the demo's Spanish employee (Ana García, shell "empleada",
 * who works at Madrid HQ): everything she is shown is Spanish, her words keep their accents, and
 * every time is in her zone (Europe/Madrid), named, with Spanish weekday and month names.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../../core/clock.ts";
import { createTestApp, type TestApp } from "../../support/app.ts";
import { press, say } from "../../support/conversation.ts";
import { englishIn } from "../../support/spanish.ts";

// Tuesday 10 March 2026, 08:30 UTC: 09:30 in Madrid (CET).
const START = new Date("2026-03-10T08:30:00Z");

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

async function setup(): Promise<TestApp> {
  t = await createTestApp({ start: false, clock: new ManualClock(START) });
  return t;
}

/** Ana's turn: what the bot answers her, asserted to be free of the bot's English. */
async function ana(text: string): Promise<string> {
  const reply = await say(t, "empleada", text);
  expect(englishIn(reply), `English in the reply to "${text}":\n${reply}`).toEqual([]);
  return reply;
}

async function anaPresses(actionId: string, value: Record<string, string> = {}): Promise<string> {
  const reply = await press(t, "empleada", actionId, value);
  expect(englishIn(reply), `English after pressing ${actionId}:\n${reply}`).toEqual([]);
  return reply;
}

const stored = () => t.app.db.prisma.case.findFirstOrThrow({ orderBy: { number: "desc" }, include: { site: true } });

describe("a conversation in Spanish", () => {
  it("reports a problem, answers the question and sees her case card in Spanish, in her zone", async () => {
    await setup();
    // One Bar 50 at Madrid HQ: the device and the site are known, only "since when" is missing.
    expect(await ana("la Bar 50 de la sala de juntas de Madrid no tiene sonido")).toContain("¿Desde cuándo ocurre?");
    const opened = await ana("desde esta mañana");
    expect(opened).toContain("He abierto el caso CS-10001: la Bar 50 de la sala de juntas de Madrid no tiene sonido.");
    expect(opened).toContain("Estado: abierto");
    expect(opened).toContain("Dispositivo: Northwind Bar 50 NB5-2231987");
    expect(opened).toContain("Sede: Madrid HQ");
    expect(opened).toContain("Desde cuándo: desde esta mañana");
    expect(opened).toMatch(/Impacto: (no se puede usar para reuniones|funciona con fallos, pero se puede usar)/);
    // Opened at 08:30 UTC, 09:30 in Madrid; the first response is due some whole hours later.
    expect(opened).toContain("Abierto mar 10 mar 09:30 (Europe/Madrid)");
    expect(opened).toMatch(/SLA: primera respuesta antes del mar 10 mar \d\d:30 \(Europe\/Madrid\)/);
    expect(await ana("comentar CS-10001 solo una sala, y sí, hay una reunión bloqueada")).toContain("Añadido a CS-10001.");
    const row = await stored();
    expect(row.language).toBe("es");
    expect(row.description).toContain("Desde cuándo: desde esta mañana");
  });

  it("asks for the status of her case and gets its card, not a list of internal codes", async () => {
    await setup();
    await ana("abrir caso la barra de la sala de juntas de Madrid no tiene sonido");
    const status = await ana("estado CS-10001");
    expect(status).toContain("CS-10001 · la barra de la sala de juntas de Madrid no tiene sonido");
    expect(status).toContain("Estado: abierto");
    expect(status).toContain("Historial (Europe/Madrid):");
    expect(status).not.toContain("waiting_customer");
  });

  it("adds a comment with accents and reads it back in the case's history, at her local time", async () => {
    await setup();
    await ana("abrir caso el auricular Pro no carga");
    expect(await ana("comentar CS-10001 empezó después de la actualización del miércoles")).toContain("Añadido a CS-10001.");
    const view = await ana("caso CS-10001");
    expect(view).toContain("mar 10 mar 09:30 · Ana García · comentario: empezó después de la actualización del miércoles");
    const list = await ana("mis casos");
    expect(list).toMatch(/CS-10001 · sev\d · abierto · el auricular Pro no carga/);
  });

  it("hears in Spanish that an engineer resolved her case, and confirms with 'Ya funciona'", async () => {
    await setup();
    await ana("abrir caso la barra de la sala de juntas de Madrid no tiene sonido");
    await say(t, "engineer", "resolve CS-10001 fix replaced the power supply");
    await t.app.dispatcher.runOnce();
    const notices = t.recorder.textOf("dm:empleada");
    expect(notices).toContain("CS-10001");
    expect(englishIn(notices.replace("replaced the power supply", "")), notices).toEqual([]);
    const closed = await anaPresses("case.works", { case: "CS-10001" });
    expect(closed).toContain("Estado: cerrado");
    expect(closed).toContain("CS-10001 está cerrado");
  });

  it("reports an outage before a board meeting: the case opens at once, in Spanish, with its due time in Madrid", async () => {
    await setup();
    const opened = await ana("no hay imagen en ninguna sala de Lisboa y la reunión del consejo empieza en 5 minutos!!");
    expect(opened).toContain("He abierto el caso CS-10001");
    expect(opened).toContain("Severidad: sev1");
    expect(opened).toContain("Salas afectadas: todas");
    // The case is in Lisbon, but Ana reads it in Madrid: a sev1 is answered within 30 minutes.
    expect(opened).toContain("SLA: primera respuesta antes del mar 10 mar 10:00 (Europe/Madrid)");
    expect((await stored()).title).toBe("no hay imagen en ninguna sala de Lisboa y la reunión del consejo empieza en 5 minutos");
  });

  it("corrects the office mid-way; the case is stored in Spanish with the right site", async () => {
    await setup();
    await ana("la consola tap de la sala de juntas no enciende");
    expect(await ana("en realidad es en la oficina de Lisboa")).toContain("¿Desde cuándo ocurre?");
    const opened = await ana("desde ayer por la tarde");
    expect(opened).toContain("He abierto el caso CS-10001");
    expect(opened).toContain("Sede: Lisbon office");
    const row = await stored();
    expect(row.site?.name).toBe("Lisbon office");
    expect(row.description).toContain("Desde cuándo: desde ayer por la tarde");
    expect(row.description).not.toMatch(/\b(Since|Site|Device|Impact):/);
  });

  it("drops a report when she cancels, in Spanish", async () => {
    await setup();
    expect(await ana("la consola tap de la sala de juntas no enciende")).toContain("¿Desde cuándo ocurre?");
    expect(await ana("cancelar")).toContain("no se ha abierto ningún caso");
    expect(await t.app.db.prisma.case.count()).toBe(0);
  });
});
