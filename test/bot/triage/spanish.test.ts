import { describe, expect, it } from "vitest";
import { detectLanguage } from "../../../core/text/language.ts";
import { classify } from "./helpers.ts";

describe("language detection", () => {
  it.each([
    ["la bar 50 no conecta al proxy", "es"],
    ["Hola, ¿me podéis decir en qué estado está el caso CS-20931?", "es"],
    ["ya funciona todo, gracias", "es"],
    ["the room s keeps rebooting", "en"],
    ["hi 👋", "en"],
    ["", "en"],
    ["CS-10422", "en"],
  ])("%j is %s", (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
    expect(classify(text).lang).toBe(lang);
  });
});

describe("Spanish messages", () => {
  it("reports with accents present or missing", () => {
    for (const text of [
      "La Room L de Sevilla no coge IP desde que movieron el switch",
      "la room l de sevilla no coge ip desde que movieron el switch",
    ]) {
      const r = classify(text);
      expect([r.intent, r.category, r.severity]).toEqual(["report_issue", "network", "sev2"]);
      expect(r.entities.model).toEqual(["nw-room-l"]);
    }
  });

  it("asks for a ticket with the partner in the imperative, as an incident or a case", () => {
    for (const text of ["abre una incidencia con Microsoft", "abrid un caso con Zoom por favor", "¿podéis abrir un ticket con Webex?"])
      expect(classify(text).intent).toBe("partner_ticket");
  });

  it("escalation, case status, closing and partner tickets", () => {
    expect(classify("necesito que escaléis el CS-22310 por favor, es urgente").intent).toBe("escalate");
    expect(classify("que paso con mi caso cs 24502? me dijeron que me llamaban").intent).toBe("case_status");
    expect(classify("ya no hace falta, se arregló solo. podéis cerrar el cs-26122").intent).toBe("close_case");
    expect(classify("¿Ya tenéis el número de ticket de Google para el CS-25950?").intent).toBe("partner_ticket");
  });

  it("a partner outage across a city is cloud_partner sev1", () => {
    const r = classify("las teams rooms de todo Madrid no pueden unirse a reuniones, en los portátiles tampoco funciona Teams");
    expect([r.category, r.severity, r.entities.partner, r.entities.site]).toEqual(["cloud_partner", "sev1", "microsoft", "Madrid"]);
  });

  it("a workaround in Spanish lowers the severity", () => {
    expect(classify("la barra 30 no conecta al wifi corporativo, en la red de invitados sí funciona").severity).toBe("sev3");
  });

  it("how-to questions and greetings", () => {
    expect(classify("¿cómo se cambia el encuadre automático de la cámara 4k?").intent).toBe("how_to");
    expect(classify("hola, ¿qué puedes hacer?").intent).toBe("greeting_help");
  });
});

describe("Spanish request verbs in every person and mood", () => {
  it.each([
    ["escálenlo, por favor: el CS-40002 sigue sin respuesta", "escalate"],
    ["les pido que prioricen el CS-40003", "escalate"],
    ["quiero que me registréis la NC4-1200301", "register_product"],
    ["registren estas dos: NB3-1200302 y NB3-1200303", "register_product"],
    ["¿cuándo vienen a cambiar la fuente de la room l?", "onsite_request"],
    ["ya va bien, cerrad el CS-40004", "close_case"],
    ["¿Podrían abrir un caso con Webex? las salas no registran", "partner_ticket"],
  ])("%j is %s", (text, intent) => {
    expect(classify(text).intent).toBe(intent);
  });
});
