import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inboundEventSchema, type SharedFile } from "../../../../bot/events.ts";
import { FileReadError, type ReadLimits } from "../../../../bot/files.ts";
import { isTextFile } from "../../../../bot/portal/registration/upload.ts";
import { readsAsRegistration } from "../../../../bot/portal/registration/input.ts";
import { createTestApp, type TestApp } from "../../../support/app.ts";
import { message } from "../../../support/events.ts";
import { render } from "../../../support/conversation.ts";

/** Files the test "uploads": by URL, their content or the error reading them gives. */
const FILES = new Map<string, string | FileReadError>();
const reads: { file: SharedFile; limits: ReadLimits }[] = [];

const file = (name: string, content: string | FileReadError, extra: Partial<SharedFile> = {}): SharedFile => {
  const url = `https://files.test/${encodeURIComponent(name)}/${FILES.size}`;
  FILES.set(url, content);
  return { name, url, ...extra };
};

describe("files sent to the bot (core)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    // The shell has no files of its own; the test stands in as its platform's reader.
    t.app.services.files.register({
      platform: "shell",
      async readText(shared, limits) {
        reads.push({ file: shared, limits });
        const content = FILES.get(shared.url);
        if (content instanceof FileReadError) throw content;
        return content ?? "";
      },
    });
  });
  afterAll(() => t.close());

  const send = async (person: string, text: string, files: SharedFile[], kind: "personal" | "group" = "personal") => {
    const event = message(person, text, { files, conversation: { platform: "shell", conversationId: `dm:${person}`, kind } });
    const result = await t.app.bot.handle(inboundEventSchema.parse(JSON.parse(JSON.stringify(event))));
    return render(result.outbound.filter((m) => m.target.conversationId === `dm:${person}`));
  };

  it("registers an admin's CSV sent with no text, reading at most 1 MB within 10 seconds", async () => {
    const reply = await send("admin", "", [file("devices.csv", "\uFEFFserial,site\r\nNC4-7100001,Madrid HQ\r\nNC4-7100002,Lisboa\r\n")]);
    expect(reply).toContain("Registered 2 of 2 devices");
    expect(reads.at(-1)!.limits).toEqual({ maxBytes: 1024 * 1024, timeoutMs: 10_000 });
  });

  it("answers in Spanish: only admins register (nothing is downloaded for others), a spreadsheet is not read, a failed read says to try again or paste", async () => {
    expect(await send("empleada", "", [file("equipos.csv", "serial,site\nNC4-7100003,Madrid HQ\n")])).toContain(
      "Solo los administradores de IT de tu organización",
    );
    const readsBefore = reads.length;
    expect(await send("empleada", "registrar", [file("equipos.xlsx", "PK")])).toContain(
      "Puedo leer un archivo CSV o de texto con dispositivos para registrar",
    );
    expect(reads.length).toBe(readsBefore);
    expect(await send("empleada", "registrar", [file("equipos.csv", "serial,site\nNC4-7100004,Madrid HQ\n")])).toContain(
      "Solo los administradores de IT de tu organización",
    );
    expect(reads.length).toBe(readsBefore);
    expect(await send("admin", "registrar", [file("equipos.csv", new FileReadError("failed", "timed out"))])).toContain(
      "No he podido leer *equipos.csv*. Inténtalo de nuevo, o pega su contenido después de *registrar*.",
    );
  });

  it("leaves files alone when the text asks for something else, or when they are dropped in a group without a word", async () => {
    const readsBefore = reads.length;
    expect(await send("admin", "help", [file("screen.png", "")])).not.toContain("I can read one CSV");
    expect(await send("admin", "", [file("devices.csv", "serial,site\nNC4-7100009,Madrid HQ\n")], "group")).not.toContain("Registered");
    expect(reads.length).toBe(readsBefore);
  });

  it("knows a device list from other text files", () => {
    const catalog = t.app.catalog;
    expect(readsAsRegistration(catalog, "NB5-2231990\nNT1-0045599, NC4-1000001")).toBe(true);
    expect(readsAsRegistration(catalog, "Serial Number;Sede\nNB5-2231990;Madrid")).toBe(true);
    expect(readsAsRegistration(catalog, "name,email\nAna,ana@example.test")).toBe(false);
    expect(readsAsRegistration(catalog, "meeting notes: the NB5-2231990 is in room 4")).toBe(false);
    expect(isTextFile({ name: "Devices.CSV", url: "https://x.test/a" })).toBe(true);
    expect(isTextFile({ name: "devices", mimeType: "text/csv; charset=utf-8", url: "https://x.test/a" })).toBe(true);
    expect(isTextFile({ name: "devices.xlsx", mimeType: "text/csv", url: "https://x.test/a" })).toBe(false);
  });
});
