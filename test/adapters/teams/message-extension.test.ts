import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../support/app.ts";
import { PEOPLE, SUPPORT_CHANNEL, received, startTeams, type TeamsHarness, type TeamsPerson } from "./support.ts";

const DOCS = fileURLToPath(new URL("../../fixtures/kb/docs", import.meta.url));

function invoke(
  t: TeamsHarness,
  person: TeamsPerson,
  name: string,
  value: Record<string, unknown>,
  conversationId = `a:personal-${person.aad}`,
) {
  return t.post({
    type: "invoke",
    name,
    id: `${name}-${Math.random().toString(36).slice(2)}`,
    channelId: "msteams",
    serviceUrl: t.connector.url,
    from: { id: `29:${person.aad}`, name: person.name, aadObjectId: person.aad },
    recipient: { id: "28:switchboard-bot", name: "Switchboard" },
    conversation: {
      id: conversationId,
      conversationType: conversationId.startsWith("19:") ? "channel" : "personal",
      tenantId: "tenant-contoso",
    },
    locale: "en-US",
    value,
  });
}

describe("the Teams message extension", () => {
  let t: TeamsHarness;
  beforeAll(async () => {
    t = await startTeams({ KNOWLEDGE_DIR: DOCS });
  });
  afterAll(async () => {
    await t.close();
  });

  it("searches the documentation from the compose box and returns passages as cards", async () => {
    const response = await invoke(t, PEOPLE.tom, "composeExtension/query", {
      commandId: "searchDocs",
      parameters: [{ name: "query", value: "factory reset the Bar 50" }],
      queryOptions: { skip: 0, count: 5 },
    });
    expect(response.status).toBe(200);
    const result = response.body.composeExtension;
    expect(result.type).toBe("result");
    expect(result.attachments.length).toBeGreaterThan(0);
    const first = result.attachments[0];
    expect(first.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(first.preview.contentType).toBe("application/vnd.microsoft.card.thumbnail");
    expect(JSON.stringify(first.content).toLowerCase()).toContain("reset");
  });

  it("says so when nothing matches, or when the search box is empty", async () => {
    const none = await invoke(t, PEOPLE.tom, "composeExtension/query", {
      commandId: "searchDocs",
      parameters: [{ name: "query", value: "zzqx wobblefrob" }],
    });
    expect(none.body.composeExtension).toMatchObject({ type: "message" });
    const empty = await invoke(t, PEOPLE.tom, "composeExtension/query", {
      commandId: "searchDocs",
      parameters: [{ name: "initialRun", value: true }],
    });
    expect(empty.body.composeExtension.type).toBe("message");
  });

  it("does not search for someone Switchboard does not know", async () => {
    const response = await invoke(t, PEOPLE.stranger, "composeExtension/query", {
      commandId: "searchDocs",
      parameters: [{ name: "query", value: "factory reset" }],
    });
    expect(response.body.composeExtension.type).toBe("message");
    expect(response.body.composeExtension.text).toContain("don't know you");
  });

  it("creates a case from a channel message: a prefilled form, then the case in that reply chain", async () => {
    const messagePayload = {
      id: "1700000000001",
      body: { contentType: "html", content: "<p>The Bar 50 in the boardroom shows <b>no picture</b> since this morning.</p>" },
    };
    const thread = `${SUPPORT_CHANNEL};messageid=1700000000001`;
    const form = await invoke(
      t,
      PEOPLE.tom,
      "composeExtension/fetchTask",
      { commandId: "createCase", commandContext: "message", messagePayload },
      thread,
    );
    expect(form.status).toBe(200);
    expect(form.body.task.type).toBe("continue");
    const card = form.body.task.value.card.content;
    expect(JSON.stringify(card)).toContain("The Bar 50 in the boardroom shows no picture since this morning");

    const submit = {
      commandId: "createCase",
      commandContext: "message",
      messagePayload,
      data: { title: "Boardroom Bar 50: no picture", details: "No picture since this morning.", severity: "sev2" },
    };
    const done = await invoke(t, PEOPLE.tom, "composeExtension/submitAction", submit, thread);
    expect(done.status).toBe(200);
    const opened = await eventually(async () => {
      const row = await t.app.db.prisma.case.findFirst({ where: { title: { contains: "Boardroom Bar 50" } } });
      if (!row) throw new Error("no case yet");
      return row;
    });
    expect(opened.severity).toBe("sev2");
    const [reply] = await received(() => t.connector.postsTo(thread).filter((p) => (p.body.text ?? "").includes(`CS-${opened.number}`)));
    expect(reply!.body.text).toContain("I opened case");
  });

  it("asks for text when the message has none", async () => {
    const form = await invoke(t, PEOPLE.tom, "composeExtension/fetchTask", {
      commandId: "createCase",
      commandContext: "message",
      messagePayload: { body: { content: "" } },
    });
    expect(form.body.task.type).toBe("message");
  });
});
