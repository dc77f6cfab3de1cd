/**
 * Workaround now, fix later. A case resolved with a workaround keeps its problem's fix pending;
 * an engineer links it to the software release expected to fix it ("fixed in 2.4.1", a version
 * of the case's device model). When that release exists — imported now or already — every
 * customer whose case waits on it is told once, in the case's language, with the download link
 * and the buttons to confirm or reopen; the case then records the release as its fix.
 */
import type { Tx } from "../../db/client.ts";
import { newId } from "../../db/ids.ts";
import type { Card, ConversationRef } from "../events.ts";
import type { Platform } from "../../core/vocabulary.ts";
import { translator } from "../i18n/index.ts";
import { shorten } from "../../core/text/shorten.ts";
import { formatCaseRef } from "./refs.ts";
import { enqueueMessages, type QueuedMessage } from "../runtime/outbox.ts";

/** A version as engineers write it after "fixed in": 2.4.1, v2.4, 4.3.0-beta. */
const FIX_VERSION = /^(?:(?:in|en)\s+)?(?:(?:software|firmware|version|versión|release)\s+)?v?(\d+(?:\.\d+){1,3}(?:-[0-9a-z.]+)?)$/i;

/** The version in "fixed in 2.4.1" (the words after the resolution type), or undefined. */
export function readFixVersion(text: string): string | undefined {
  return FIX_VERSION.exec(text.trim())?.[1];
}

/**
 * Tells the customers whose pending fix is now released (optionally only for some models or one
 * case), inside the caller's transaction; returns how many cases were announced. Idempotent: an
 * announced case is no longer pending, and the outbox keys are per case and release.
 */
export async function announceReleasedFixes(tx: Tx, now: Date, scope: { modelIds?: string[]; caseId?: string } = {}): Promise<number> {
  const waiting = await tx.case.findMany({
    where: {
      fixPending: true,
      fixVersion: { not: null },
      fixNotifiedAt: null,
      ...(scope.caseId ? { id: scope.caseId } : {}),
      device: scope.modelIds ? { modelId: { in: scope.modelIds } } : { isNot: null },
    },
    select: {
      id: true,
      number: true,
      title: true,
      language: true,
      fixVersion: true,
      device: { select: { modelId: true, model: { select: { name: true } } } },
    },
  });
  let announced = 0;
  for (const row of waiting) {
    if (!row.device || !row.fixVersion) continue;
    const release = await tx.firmwareRelease.findUnique({
      where: { modelId_version: { modelId: row.device.modelId, version: row.fixVersion } },
    });
    if (!release) continue;
    const lang = row.language === "es" ? "es" : "en";
    const t = translator(lang);
    const ref = formatCaseRef(row.number);
    const params = { case: ref, title: row.title, model: row.device.model.name, version: release.version };
    const value = { case: ref };
    const card: Card = {
      title: t("case.fixReleased.title", params),
      body: [t("case.fixReleased.body", params), release.notes ? shorten(release.notes, 600) : ""].filter(Boolean).join("\n\n"),
      actions: [
        ...(release.link
          ? [{ id: "fw.download", label: `${t("fw.action.download")} ${release.version}`, value: {}, url: release.link }]
          : []),
        { id: "case.works", label: t("case.action.works"), value, style: "primary" as const },
        { id: "case.reopen", label: t("case.action.reopen"), value },
      ],
    };
    const threads = await tx.threadLink.findMany({ where: { caseId: row.id, role: "customer" }, orderBy: { createdAt: "asc" } });
    const messages: QueuedMessage[] = threads.map((link, index) => ({
      key: `case:${row.id}:fix-released:${release.id}:${index}`,
      caseId: row.id,
      message: { target: threadRef(link), visibility: "public", lang, card },
    }));
    await enqueueMessages(tx, messages, now);
    await tx.case.update({
      where: { id: row.id },
      data: {
        fixPending: false,
        fixNotifiedAt: now,
        resolutionType: "fix",
        resolution: `${row.device.model.name} ${release.version}`,
        updatedAt: now,
      },
    });
    await tx.caseEvent.create({
      data: { id: newId(now.getTime()), caseId: row.id, kind: "fix_released", visibility: "public", body: release.version, createdAt: now },
    });
    announced += 1;
  }
  return announced;
}

function threadRef(link: { platform: string; conversationId: string; threadId: string | null }): ConversationRef {
  return { platform: link.platform as Platform, conversationId: link.conversationId, threadId: link.threadId || undefined };
}
