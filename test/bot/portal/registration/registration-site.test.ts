import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../support/app.ts";
import { press, say } from "../../../support/conversation.ts";

describe("a pasted list of serials that names no site", () => {
  let t: TestApp;
  const siteOf = async (serial: string) =>
    (await t.app.db.prisma.device.findUnique({ where: { serial }, include: { site: true } }))?.site?.name;

  beforeAll(async () => {
    t = await createTestApp({ start: false });
  });
  afterAll(() => t.close());

  it("with the word register: asks once for the site with a button per site, then registers the list with a line per problem", async () => {
    const asked = await say(t, "admin", "register NB5-2231990 NB5-2231991 NB5-2231987 XX-1");
    expect(asked).toContain("Which site are these 4 devices at?");
    expect(asked).toContain("[Lisbon office]");
    expect(asked).toContain("[Madrid HQ]");
    expect(await siteOf("NB5-2231990")).toBeUndefined();

    const done = await press(t, "admin", "portal.register_site", { site: "Lisbon office" });
    expect(done).toContain("Registered 2 of 4 devices");
    expect(done).toContain("Lisbon office: 2");
    expect(done).toContain("NB5-2231987 is already registered to your organization");
    expect(done).toContain("XX-1 is not a serial like NB5-2231987");
    expect(await siteOf("NB5-2231990")).toBe("Lisbon office");
    expect(await siteOf("NB5-2231991")).toBe("Lisbon office");

    // Asked once: the same button again registers nothing more.
    expect(await press(t, "admin", "portal.register_site", { site: "Madrid HQ" })).toContain("no longer waiting for a site");
    expect(await siteOf("NB5-2231990")).toBe("Lisbon office");
  });

  it("pasted one per line without any word: asks for the site, then registers them there", async () => {
    const asked = await say(t, "admin", "NB5-2231992\nNT1-0045513\nNB7-0100299");
    expect(asked).toContain("Which site are these 3 devices at?");
    expect(asked).not.toContain("I don't find");
    const done = await press(t, "admin", "portal.register_site", { site: "Madrid HQ" });
    expect(done).toContain("Registered 3 of 3 devices");
    expect(done).toContain("Madrid HQ: 3");
    expect(await siteOf("NT1-0045513")).toBe("Madrid HQ");
  });

  it("a list pasted by someone who is not an admin is not taken as a registration", async () => {
    const reply = await say(t, "empleada", "NB5-2231993, NB5-2231994");
    expect(reply).not.toContain("¿En qué sede");
    expect(reply).not.toContain("Which site are these");
    expect(await siteOf("NB5-2231993")).toBeUndefined();
  });

  it("a plain sentence with serials and no site asks the same question, in the sentence's language", async () => {
    expect(await say(t, "admin", "I want to register the new bars NB5-2231980 and NB5-2231981")).toContain(
      "Which site are these 2 devices at?",
    );
    const asked = await say(t, "admin", "quiero registrar las barras NB5-2231982 y NB5-2231983");
    expect(asked).toContain("¿En qué sede están estos 2 dispositivos?");
    expect(await press(t, "admin", "portal.register_site", { site: "Madrid HQ" })).toContain("Madrid HQ: 2");
    expect(await siteOf("NB5-2231983")).toBe("Madrid HQ");
  });

  it("a list that names its site keeps registering at once", async () => {
    const done = await say(t, "admin", "NB5-2231997 NB5-2231998 at Lisboa");
    // Asked at once, no question first (the reply may be Spanish after the previous sentence).
    expect(done).toMatch(/Registered 2 of 2 devices|Registrados 2 de 2 dispositivos/);
    expect(done).toContain("Lisbon office: 2");
    expect(await siteOf("NB5-2231998")).toBe("Lisbon office");
  });
});
