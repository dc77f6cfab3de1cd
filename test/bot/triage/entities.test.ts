import { describe, expect, it } from "vitest";
import { createTriage } from "../../../bot/triage/index.ts";
import { classify, otherVendorCatalog } from "./helpers.ts";

describe("serials, case ids and RMA ids", () => {
  it("reads serials written with a dash, a space or nothing, in canonical form", () => {
    const { entities } = classify("please register nb5-2231990, NB5 2231991 and NC42200871");
    expect(entities.serial).toEqual(["NB5-2231990", "NB5-2231991", "NC4-2200871"]);
  });

  it("does not take a serial with the wrong digit count or an unknown prefix, nor its model", () => {
    const { entities } = classify("Serial is NB5-22319 (label half torn), the other one is XX9-1234567");
    expect(entities.serial).toEqual([]);
    expect(entities.model).toEqual([]);
  });

  it("adds the model implied by each serial's prefix", () => {
    expect(classify("NS4-0077219 crackles when we talk").entities.model).toEqual(["nw-speak-40"]);
  });

  it("accepts loose case and RMA ids but not a bare case number", () => {
    const { entities } = classify("cs#10987 and CS 10988 are the same; case 17345 too. rma204511, RMA#204512");
    expect(entities.case_id).toEqual(["CS-10987", "CS-10988"]);
    expect(entities.rma_id).toEqual(["RMA-204511", "RMA-204512"]);
  });

  it("deduplicates repeated ids", () => {
    expect(classify("CS-10422 ... any news on CS-10422?").entities.case_id).toEqual(["CS-10422"]);
  });
});

describe("product models from the catalog", () => {
  it.each([
    ["our nortwind bar fifty has no video", "nw-bar-50"],
    ["la barra cincuenta no enciende", "nw-bar-50"],
    ["both speek 40s crackle", "nw-speak-40"],
    ["my headest pro won't charge", "nw-hs-pro"],
    ["desk phone 4OO handset cord is chewed", "nw-phone-400"],
    ["el telefono cuatrocientos no da tono", "nw-phone-400"],
    ["speak twenty shows firmware 0.0.0", "nw-speak-20"],
    ["the camera 4k is blurry", "nw-cam-4k"],
  ])("recognises %j as %s (typos, number words, plurals, O for zero)", (text, model) => {
    expect(classify(text).entities.model).toEqual([model]);
  });

  it("tells the Tap Scheduler from a bare tap, and counts plural taps as the console", () => {
    expect(classify("the Tap Scheduler by the door is frozen").entities.model).toEqual(["nw-tap-sched"]);
    expect(classify("all the taps on the 4th floor say waiting for room system").entities.model).toEqual(["nw-tap-10"]);
  });

  it("does not read generic family words or the verb 'tap' as a model", () => {
    expect(classify("the headset and our bars and room systems are fine").entities.model).toEqual([]);
    expect(classify("tap on the join button and nothing happens").entities.model).toEqual([]);
    expect(classify("the room's display is dark").entities.model).toEqual([]);
  });

  it("works with another vendor's catalog, with nothing of the demo catalog leaking in", () => {
    const triage = createTriage(otherVendorCatalog);
    const result = triage.classify("our orbit eight and the lenspro in room 2 are dead, serials COR8-1234567 CLP 7654321, also a bar 50");
    expect(result.entities.model.sort()).toEqual(["ca-lens-pro", "ca-orbit-8"]);
    expect(result.entities.serial).toEqual(["COR8-1234567", "CLP-7654321"]);
    expect(triage.classify("NB5-2231987 is broken").entities.serial).toEqual([]);
  });
});

describe("cloud partner", () => {
  it.each([
    ["Teams Rooms sign-in fails on every room", "microsoft"],
    ["the MTR console shows an error", "microsoft"],
    ["zoom rooms whiteboard is not loading", "zoom"],
    ["Meet hardware rooms show Unable to connect to Google", "google"],
    ["our Room S can't register to Webex Control Hub", "webex"],
    ["¿Podéis abrir un ticket con Zoom para el caso CS-23401?", "zoom"],
  ])("names %j -> %s", (text, partner) => {
    expect(classify(text).entities.partner).toBe(partner);
  });

  it.each([
    "the camera zooms in and out on every speaker",
    "la cámara hace zoom a cada persona que habla, sin zoom está bien",
    "cuando alguien entra en la sala la pantalla no se enciende",
    "the network teams are checking the switch",
  ])("does not take %j as a partner", (text) => {
    expect(classify(text).entities.partner).toBeNull();
  });

  it("picks the target of a switch and the platform the device should work with", () => {
    expect(classify("we are moving from Teams to Webex next year, can the room l run in Webex mode?").entities.partner).toBe("webex");
    expect(classify("¿la Room L es compatible con Zoom Rooms o solo sirve para salas de Microsoft?").entities.partner).toBe("zoom");
  });
});

describe("site", () => {
  it.each([
    ["The Bar 50 in the Madrid 3rd floor boardroom won't power on", "Madrid 3rd floor boardroom"],
    ["La Tap 10 de la sala Alhambra se queda colgada", "sala Alhambra"],
    ["Necesitamos un técnico en la oficina de Bogotá", "oficina de Bogotá"],
    ["our scheduler panel in room 4.12 shows the wrong name", "room 4.12"],
    ["Sydney office: Zoom Rooms all show offline", "Sydney office"],
    ["bar 70 in chicago HQ is still dead", "chicago HQ"],
  ])("copies the place verbatim from %j", (text, site) => {
    expect(classify(text).entities.site).toBe(site);
  });

  it.each([
    "the room is all glass and echoes",
    "the video bar in a 10 person room",
    "works at home but not in the office",
    "please register these to Fabrikam Ltd.",
    "change the language to Spanish",
  ])("finds no site in %j", (text) => {
    expect(classify(text).entities.site).toBeNull();
  });
});
