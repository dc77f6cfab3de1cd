/**
 * Documents and downloads in chat: a model's whole document set (`docs Bar 50`), or one kind of
 * it ("user guide for the Bar 50", "ficha técnica Tap 10"), saying plainly when the model has no
 * document of that kind.
 */
import type { Context } from "../../context.ts";
import type { CardAction } from "../../events.ts";
import type { MessageKey } from "../../i18n/index.ts";
import { DOCUMENT_KINDS, kindInText, type DocumentKind } from "./kinds.ts";
import type { DocumentLink, ModelDocuments } from "./service.ts";
import { formatDay, notesSummary } from "../format.ts";
import { portalFeature } from "../index.ts";
import { findModel } from "../products.ts";

const kindLabel = (ctx: Context, kind: DocumentKind): string => ctx.t(`docs.kind.${kind}` as MessageKey);

/** "docs Bar 50", "docs user guide Bar 50", "user guide for the Bar 50": the set, or one kind of it. */
export async function showDocuments(ctx: Context, text: string): Promise<void> {
  const { kind, rest } = kindInText(text);
  const model = rest.trim() ? findModel(ctx.services.catalog, rest) : undefined;
  if (!model) {
    const key = rest.trim() ? "portal.unknownModel" : "portal.whichModel";
    ctx.reply({
      text: ctx.t(key, {
        model: rest.trim().slice(0, 60),
        models: ctx.services.catalog.models.map((m) => m.name).join(", "),
        example: kind ? `${ctx.t(`docs.kind.${kind}` as MessageKey).toLowerCase()} Bar 50` : "docs Bar 50",
      }),
    });
    return;
  }
  const documents = await portalFeature.of(ctx).documents.forModel(model);
  if (kind) return showKind(ctx, documents, kind);
  showSet(ctx, documents);
}

/** One kind of document for a model, or a plain "there is none" with what there is. */
function showKind(ctx: Context, { model, kinds }: ModelDocuments, kind: DocumentKind): void {
  const found = kinds[kind];
  if (found.length === 0) {
    const available = DOCUMENT_KINDS.filter((other) => kinds[other].length > 0).map((other) => kindLabel(ctx, other).toLowerCase());
    ctx.reply({
      text: ctx.t(available.length > 0 ? "docs.kind.none" : "docs.kind.noneAtAll", {
        kind: kindLabel(ctx, kind).toLowerCase(),
        model: model.name,
        available: available.join(", "),
        command: `docs ${model.aliases[0] ?? model.name}`,
      }),
    });
    return;
  }
  const actions: CardAction[] = found
    .filter((doc) => doc.link)
    .slice(0, 3)
    .map((doc, index) => ({
      id: `docs.open.${index}`,
      label: doc.release ? `${ctx.t("fw.action.download")} ${doc.release.version}` : ctx.t("docs.open"),
      value: {},
      url: doc.link!,
    }));
  ctx.reply({
    card: {
      title: `${model.name} · ${kindLabel(ctx, kind)}`,
      body: found.map((doc) => `• ${describe(ctx, kind, doc)}`).join("\n"),
      actions,
    },
  });
}

/** Every kind of the model's set (saying which ones it has none of), then the guides of the documentation index. */
function showSet(ctx: Context, { model, kinds, documents, latest }: ModelDocuments): void {
  const set = DOCUMENT_KINDS.flatMap((kind) =>
    kinds[kind].length === 0
      ? [`• ${kindLabel(ctx, kind)}: ${ctx.t("docs.kind.missing")}`]
      : kinds[kind].map((doc) => `• ${kindLabel(ctx, kind)}: ${describe(ctx, kind, doc)}`),
  );
  const guides = documents.map(
    (doc) => `• ${doc.title}${doc.specific ? "" : ` (${ctx.t("docs.general")})`}${doc.link ? ` — ${doc.link}` : ""}`,
  );
  const sections = [set.join("\n")];
  if (guides.length > 0) sections.push([ctx.t("docs.guides"), ...guides].join("\n"));
  ctx.reply({
    card: {
      title: ctx.t("docs.title", { model: model.name }),
      body: sections.join("\n\n"),
      actions: latest?.link
        ? [{ id: "fw.download", label: `${ctx.t("fw.action.download")} ${latest.version}`, value: {}, url: latest.link }]
        : [],
    },
  });
}

/** A document as a line: its title and link; a release with its date (and, for notes, their summary). */
function describe(ctx: Context, kind: DocumentKind, doc: DocumentLink): string {
  const link = doc.link ? ` — ${doc.link}` : "";
  if (!doc.release) return `${doc.title}${link}`;
  const { version, releasedAt, notes } = doc.release;
  const release = ctx.t("docs.firmware", { version, date: formatDay(releasedAt) });
  return kind === "release_notes" && notes ? `${release}: ${notesSummary(notes)}${link}` : `${release}${link}`;
}
