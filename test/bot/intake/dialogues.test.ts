/**
 * Whole problem-report conversations, turn by turn, in English and Spanish: what the bot says it
 * understood, what it asks (never twice for what it was told), what it leaves alone, and what the
 * stored case keeps (device, site, since when, reported model).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../support/app.ts";
import { press, say } from "../../support/conversation.ts";

const DEVICE_EN = "Which device is it?";
const SITE_EN = "Where is it — which office or room?";
const SINCE_EN = "Since when has this been happening?";
const IMPACT_EN = "How many rooms are affected";
const DEVICE_ES = "¿Qué dispositivo es?";
const SITE_ES = "¿Dónde está: en qué oficina o sala?";
const SINCE_ES = "¿Desde cuándo ocurre?";
const IMPACT_ES = "¿Cuántas salas están afectadas";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ start: false });
});
afterEach(() => t.close());

const cases = () => t.app.db.prisma.case.findMany({ include: { device: true, site: true }, orderBy: { number: "asc" } });
const onlyCase = async () => {
  const all = await cases();
  expect(all).toHaveLength(1);
  return all[0]!;
};

describe("one answer carries several slots, and none is asked for again", () => {
  it("EN: 'it's broken' → device? → 'the room kit in Lisbon, since yesterday' takes device, site and since at once", async () => {
    expect(await say(t, "employee", "it's broken")).toContain(DEVICE_EN);
    const second = await say(t, "employee", "the room kit in Lisbon, since yesterday");
    expect(second).toContain("Got it: Room Kit at Lisbon office, since yesterday.");
    expect(second).not.toContain(DEVICE_EN);
    expect(second).not.toContain(SITE_EN);
    expect(second).not.toContain(SINCE_EN);
    const opened = await onlyCase();
    expect(opened.site?.name).toBe("Lisbon office");
    expect(opened.description).toContain("Since: since yesterday");
  });

  it("ES: the device, then the place, then since when, each acknowledged in Spanish with the person's accents", async () => {
    expect(await say(t, "empleada", "no funciona la cámara")).toContain(DEVICE_ES);
    const model = await say(t, "empleada", "es una cam 4k");
    expect(model).toContain("Entendido: Northwind Cam 4K.");
    expect(model).toContain(SITE_ES);
    const site = await say(t, "empleada", "en Lisboa");
    expect(site).toContain("Entendido: Northwind Cam 4K en Lisboa (Lisbon office).");
    expect(site).toContain(SINCE_ES);
    const since = await say(t, "empleada", "desde hoy por la mañana");
    expect(since).toContain("Entendido: Northwind Cam 4K en Lisboa (Lisbon office), desde hoy por la mañana.");
    expect(since).not.toContain(SINCE_ES);
    const opened = await onlyCase();
    expect(opened.site?.name).toBe("Lisbon office");
    expect(opened.device).toBeNull();
    expect(opened.description).toContain("Desde cuándo: desde hoy por la mañana");
  });

  it("EN: a report that names everything is acknowledged once and asks nothing it was told", async () => {
    const reply = await say(t, "employee", "the Tap 10 in Madrid is frozen since this morning, nobody can book the room");
    expect(reply).toContain("Got it: Northwind Tap 10 NT1-0045512 at Madrid HQ, since this morning.");
    for (const question of [DEVICE_EN, SITE_EN, SINCE_EN]) expect(reply).not.toContain(question);
  });
});

describe("a model that is not registered to the person", () => {
  it("ES: 'es una cam 4k' is kept on the case as the reported model, shown on the card in the reader's language", async () => {
    await say(t, "empleada", "la cámara se ve borrosa");
    await say(t, "empleada", "es una cam 4k");
    await say(t, "empleada", "en la sede de Madrid");
    const card = await say(t, "empleada", "desde ayer");
    expect(card).toContain("Modelo indicado: Northwind Cam 4K");
    const opened = await onlyCase();
    expect(opened.description).toContain("Modelo indicado: Northwind Cam 4K");
    expect(opened.site?.name).toBe("Madrid HQ");
    // An engineer reads the same case in English.
    expect(await say(t, "engineer", `case CS-${opened.number}`)).toContain("Reported model: Northwind Cam 4K");
  });
});

describe("sites in any language or form", () => {
  it("ES: 'la sede de Madrid' picks the bar of Madrid HQ among the two, then 'hace dos días' answers since when", async () => {
    const which = await say(t, "empleada", "la barra no va");
    expect(which).toContain("¿Cuál de estos es?");
    const site = await say(t, "empleada", "la de la sede de Madrid");
    expect(site).toContain("Entendido: Northwind Bar 50 NB5-2231987 en sede de Madrid (Madrid HQ).");
    expect(site).toContain(SINCE_ES);
    const since = await say(t, "empleada", "hace dos días");
    expect(since).toContain("hace dos días");
    expect(since).not.toContain(SINCE_ES);
    expect(since).toContain(IMPACT_ES);
    await say(t, "empleada", "solo una sala");
    const opened = await onlyCase();
    expect(opened.device?.serial).toBe("NB5-2231987");
    expect(opened.site?.name).toBe("Madrid HQ");
    expect(opened.description).toContain("Desde cuándo: hace dos días");
    expect(opened.description).toContain("Salas afectadas: 1");
  });

  it("EN: a typo ('Lisbn') is understood and not repeated back", async () => {
    await say(t, "employee", "the bar has no sound");
    const site = await say(t, "employee", "Lisbn");
    expect(site).toContain("Got it: Northwind Bar 70 NB7-0100234 at Lisbon office.");
    expect(site).not.toContain("Lisbn");
    expect(site).toContain(SINCE_EN);
    const since = await say(t, "employee", "since the firmware update last week");
    expect(since).not.toContain(SINCE_EN);
    const opened = await onlyCase();
    expect(opened.device?.serial).toBe("NB7-0100234");
    expect(opened.site?.name).toBe("Lisbon office");
    expect(opened.description).toContain("Since: since the firmware update last week");
  });
});

describe("answers to 'since when?'", () => {
  it("EN: 'since this morning' is an answer: the case opens instead of the question coming again", async () => {
    expect(await say(t, "employee", "the Speak 40 keeps crackling during calls")).toContain(SINCE_EN);
    const next = await say(t, "employee", "since this morning");
    expect(next).toContain("Got it: Northwind Speak 40 NS4-5550101 at Lisbon office, since this morning.");
    expect(next).not.toContain(SINCE_EN);
    const opened = await onlyCase();
    expect(opened.device?.serial).toBe("NS4-5550101");
    expect(opened.description).toContain("Since: since this morning");
  });

  it("EN: 'it started two days ago' is an answer, kept in the person's words", async () => {
    expect(await say(t, "employee", "the headset pro keeps cutting out")).toContain(SINCE_EN);
    const next = await say(t, "employee", "it started two days ago");
    expect(next).toContain("Got it: Northwind Headset Pro NHP-7781200 at Madrid HQ, started two days ago.");
    expect(next).not.toContain(SINCE_EN);
    const opened = await onlyCase();
    expect(opened.description).toContain("Since: started two days ago");
  });

  it("ES: 'desde hoy por la mañana' inside the answer about the device is taken: since when is not asked", async () => {
    expect(await say(t, "empleada", "no funciona la pantalla")).toContain(DEVICE_ES);
    const device = await say(t, "empleada", "la Bar 70, desde hoy por la mañana");
    expect(device).not.toContain(SINCE_ES);
    const opened = await onlyCase();
    expect(opened.device?.serial).toBe("NB7-0100234");
    expect(opened.description).toContain("Desde cuándo: desde hoy por la mañana");
  });

  it("ES: 'desde ayer' is acknowledged with the device's site and the case opens", async () => {
    expect(await say(t, "empleada", "el Tap 10 no enciende")).toContain(SINCE_ES);
    const next = await say(t, "empleada", "desde ayer");
    expect(next).toContain("Entendido: Northwind Tap 10 NT1-0045512 en Madrid HQ, desde ayer.");
    expect(next).not.toContain(SINCE_ES);
    const opened = await onlyCase();
    expect(opened.device?.serial).toBe("NT1-0045512");
    expect(opened.description).toContain("Desde cuándo: desde ayer");
  });

  it("ES: 'hace tres semanas' and numbers in words for the rooms ('dos salas')", async () => {
    expect(await say(t, "empleada", "los auriculares pro se desconectan cada rato")).toContain(SINCE_ES);
    const next = await say(t, "empleada", "hace tres semanas");
    expect(next).not.toContain(SINCE_ES);
    expect(next).toContain(IMPACT_ES);
    await say(t, "empleada", "dos salas, ninguna reunión bloqueada");
    const opened = await onlyCase();
    expect(opened.description).toContain("Desde cuándo: hace tres semanas");
    expect(opened.description).toContain("Salas afectadas: 2");
  });
});

describe("a message that is not the answer to the pending question", () => {
  it("EN: a case status question, an audit export and a how-to are answered as themselves; the question waits", async () => {
    expect(await say(t, "employee", "the camera is blurry")).toContain(DEVICE_EN);
    const status = await say(t, "employee", "what's the status of CS-10002?");
    expect(status).toContain("CS-10002");
    expect(status).not.toContain(SITE_EN);
    expect(status.trim().endsWith("(I still need: which device?)")).toBe(true);
    const audit = await say(t, "employee", "export the audit log");
    expect(audit).not.toContain(SITE_EN);
    expect(audit).toContain("(I still need: which device?)");
    const howTo = await say(t, "employee", "how do I pair the headset?");
    expect(howTo).not.toContain(SITE_EN);
    expect(howTo).toContain("(I still need: which device?)");
    expect(await cases()).toHaveLength(0);
    // The question is still there: the real answer is taken.
    const answer = await say(t, "employee", "it's the cam 4k in Madrid, since this morning");
    expect(answer).toContain("Got it: Northwind Cam 4K at Madrid HQ, since this morning.");
    const opened = await onlyCase();
    expect(opened.description).not.toMatch(/CS-10002|audit|headset/);
    expect(opened.description).toContain("Reported model: Northwind Cam 4K");
  });

  it("ES: '¿podéis mandar un técnico a Lisboa?' while a Madrid report waits goes to the onsite request for Lisbon", async () => {
    expect(await say(t, "empleada", "la barra de Madrid no da imagen")).toContain(SINCE_ES);
    const onsite = await say(t, "empleada", "¿podéis mandar un técnico a Lisboa?");
    expect(onsite).toContain("Lisbon office");
    expect(onsite).not.toContain("Madrid HQ");
    expect(onsite).toContain("(Aún necesito saber: ¿desde cuándo?)");
    expect(await cases()).toHaveLength(0);
    await say(t, "empleada", "desde ayer");
    const opened = await onlyCase();
    expect(opened.site?.name).toBe("Madrid HQ");
    expect(opened.description).not.toContain("técnico");
  });

  it("EN: a problem with another device while a question waits sets the first report aside, and says so", async () => {
    expect(await say(t, "employee", "the Speak 40 keeps crackling during calls")).toContain(SINCE_EN);
    const other = await say(t, "employee", "also, the headset pro in Madrid keeps cutting out since yesterday");
    expect(other).toContain("I've set aside the report about Northwind Speak 40 NS4-5550101 at Lisbon office.");
    expect(other).toContain("Got it: Northwind Headset Pro NHP-7781200 at Madrid HQ, since yesterday.");
    // The reminder would be about the report set aside: there is none.
    expect(other).not.toContain("I still need");
    const opened = await onlyCase();
    expect(opened.device?.serial).toBe("NHP-7781200");
    expect(opened.description).not.toContain("Speak 40");
  });

  it("EN: cancel drops the report; what follows is not filed anywhere", async () => {
    expect(await say(t, "employee", "the camera is blurry")).toContain(DEVICE_EN);
    expect(await say(t, "employee", "cancel")).toContain("no case was opened");
    const after = await say(t, "employee", "how do I pair the headset?");
    expect(after).not.toContain("I still need");
    expect(after).not.toContain(SITE_EN);
    expect(await cases()).toHaveLength(0);
  });

  it("EN: a pasted list of serials starts no report, and the next question is answered as a question", async () => {
    const serials = "NB5-2231987\nNB7-0100234\nNS4-5550101";
    expect(await say(t, "employee", serials)).not.toContain(SINCE_EN);
    // Even read as a problem report (the person picks "Report a problem"), a list starts none.
    const list = await press(t, "employee", "understand.choose", { action: "intake", text: serials });
    expect(list).toContain("list of serial numbers");
    expect(list).not.toContain(SINCE_EN);
    const next = await say(t, "employee", "how do I pair the headset?");
    expect(next).not.toContain(IMPACT_EN);
    expect(next).not.toContain("I still need");
    expect(await cases()).toHaveLength(0);
  });

  it("ES: 'Abrir el caso ya' after a reminder opens the waiting report with what it had", async () => {
    await say(t, "empleada", "la barra de Lisboa parpadea");
    const aside = await say(t, "empleada", "¿cuál es el estado del caso CS-10009?");
    expect(aside).toContain("(Aún necesito saber: ¿desde cuándo?)");
    await press(t, "empleada", "intake.open");
    const opened = await onlyCase();
    expect(opened.device?.serial).toBe("NB7-0100234");
    expect(opened.description).not.toContain("CS-10009");
  });
});

describe("asking to open now", () => {
  it("ES: 'abrir el caso ya' while a question waits opens the case with what was said, and is no part of the description", async () => {
    expect(await say(t, "empleada", "la cámara de la sala de juntas se ve borrosa desde ayer por la tarde")).toContain(DEVICE_ES);
    expect(await say(t, "empleada", "abrir el caso ya")).toContain("He abierto el caso");
    const opened = await onlyCase();
    expect(opened.description).toContain("desde ayer por la tarde");
    expect(opened.description).not.toContain("abrir el caso");
  });
});
