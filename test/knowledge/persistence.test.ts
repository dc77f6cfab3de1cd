import { appendFileSync, rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ingestDirectory, openKnowledgeBase } from "../../knowledge/index.ts";
import { createTestDatabase, testProviders } from "../support/database.ts";
import { catalog, copyFixtures } from "./support.ts";

const providers = await testProviders();

describe.each(providers)("knowledge index on %s", (provider) => {
  it("survives a restart and is shared: a second instance reloads when another ingests", async () => {
    const test = await createTestDatabase(provider);
    const dir = copyFixtures();
    try {
      await ingestDirectory(test.db, dir, { catalog });
      const first = await openKnowledgeBase(test.db, { catalog, versionCheckMs: 0 });
      const second = await openKnowledgeBase(test.db, { catalog, versionCheckMs: 0 });
      expect(first.stats()).toMatchObject({ documents: 5, chunks: second.stats().chunks });
      expect(first.search("pinhole factory reset")[0]?.heading).toBe("Using the pinhole button");

      appendFileSync(
        path.join(dir, "bar-30/firmware.md"),
        "\n## Downgrade firmware\n\nBars accept a downgrade only from the recovery menu.\n",
      );
      await ingestDirectory(test.db, dir, { catalog });
      expect(second.search("downgrade firmware from recovery menu")[0]?.heading).not.toBe("Downgrade firmware");
      expect(await second.refresh()).toBe(true);
      expect(second.search("downgrade firmware from recovery menu")[0]?.heading).toBe("Downgrade firmware");
      expect(await second.refresh()).toBe(false);

      const answer = await second.answer("downgrade the bar firmware");
      await second.recordFeedback({ query: answer.query, chunkId: answer.passages[0]?.chunkId, helpful: true, personId: null });
      const feedback = await test.db.prisma.knowledgeFeedback.findMany();
      expect(feedback).toHaveLength(1);
      expect(feedback[0]).toMatchObject({ helpful: true, chunkId: answer.passages[0]?.chunkId });
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await test.cleanup();
    }
  });

  it("checks the version stamp by itself while answering", async () => {
    const test = await createTestDatabase(provider);
    const dir = copyFixtures();
    try {
      const kb = await openKnowledgeBase(test.db, { catalog, versionCheckMs: 1 });
      expect(kb.stats().chunks).toBe(0);
      await ingestDirectory(test.db, dir, { catalog });
      await new Promise((resolve) => setTimeout(resolve, 5));
      const answer = await kb.answer("speak 40 echo during calls");
      expect(answer.status).toBe("answered");
      expect(kb.stats().version).toBeDefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await test.cleanup();
    }
  });
});
