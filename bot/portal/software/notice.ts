/**
 * The notice admins get when a new firmware release affects their registered devices: which
 * devices run an older version, the release notes, the download link, and the compliance report
 * one press away. Written in the organization's language.
 */
import type { ConversationRef } from "../../events.ts";
import type { Language } from "../../../core/vocabulary.ts";
import { translate } from "../../i18n/index.ts";
import type { QueuedMessage } from "../../runtime/outbox.ts";

export interface AffectedOrganization {
  organizationId: string;
  locale: string;
  serials: string[];
}

const SHOWN = 10;

/** One message per admins' conversation, keyed by release and organization (a retry sends nothing new). */
export function planFirmwareNotices(
  release: { id: string; version: string; releasedAt: Date; notes: string; link: string | null },
  modelName: string,
  organization: AffectedOrganization,
  routes: ConversationRef[],
): QueuedMessage[] {
  const lang: Language = organization.locale === "es" ? "es" : "en";
  const t = (key: Parameters<typeof translate>[1], params: Record<string, string | number> = {}) => translate(lang, key, params);
  const { serials } = organization;
  const more = serials.length > SHOWN ? ` ${t("portal.andMore", { count: serials.length - SHOWN })}` : "";
  return routes.map((target, index) => ({
    key: `firmware:${release.id}:${organization.organizationId}:${index}`,
    message: {
      target,
      visibility: "public",
      lang,
      card: {
        title: t("fw.notice.title", { model: modelName, version: release.version }),
        body: release.notes || undefined,
        facts: [
          { label: t("fw.fact.released"), value: release.releasedAt.toISOString().slice(0, 10) },
          { label: t("fw.fact.behind", { count: serials.length }), value: `${serials.slice(0, SHOWN).join(", ")}${more}` },
        ],
        actions: [
          ...(release.link ? [{ id: "fw.download", label: t("fw.action.download"), value: {}, url: release.link }] : []),
          { id: "portal.compliance", label: t("fw.action.report"), value: {} },
        ],
      },
    },
  }));
}
