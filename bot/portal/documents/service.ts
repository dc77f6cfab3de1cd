/**
 * Documents and downloads for a model: its document set by kind (user guide, quick start,
 * datasheet, release notes, software downloads, safety and regulatory — from the catalog and the
 * documents file, see document-sets.ts; release notes and downloads fall back to the latest
 * firmware release), the manuals and guides the documentation index has tagged with it
 * (`KnowledgeBase.search` filtered by product), and the latest firmware download.
 */
import type { KnowledgeBase } from "../../../knowledge/index.ts";
import type { ProductModelEntry } from "../../../core/catalog.ts";
import { DOCUMENT_KINDS, type DocumentKind } from "./kinds.ts";
import type { CatalogDocument } from "./sets.ts";
import type { FirmwareService, Release } from "../software/service.ts";

export interface DocumentLink {
  title: string;
  link: string | null;
  /** Where it comes from: the documentation index or the catalog. */
  source: "docs" | "catalog";
  /** Tagged with this model (rather than general documentation). */
  specific: boolean;
  /** The firmware release it stands for (release notes and downloads taken from the releases). */
  release?: Release;
}

export interface ModelDocuments {
  model: ProductModelEntry;
  documents: DocumentLink[];
  latest: Release | undefined;
  /** The model's document set by kind; an empty list means the model has no document of that kind. */
  kinds: Record<DocumentKind, DocumentLink[]>;
}

const MAX_DOCUMENTS = 8;
/** General (untagged) documents only fill in, and a few at most: they match the words, not the model. */
const MAX_GENERAL = 3;

/** Documents and downloads per model, from the documentation index, the catalog and the releases. */
export class DocumentService {
  constructor(
    private readonly knowledge: KnowledgeBase,
    private readonly firmware: FirmwareService,
    private readonly sets: Map<string, CatalogDocument[]> = new Map(),
  ) {}

  /** The model's documents, specific ones first; general ones fill the list. */
  async forModel(model: ProductModelEntry): Promise<ModelDocuments> {
    const query = [model.name, ...model.aliases, "manual guide setup user admin firmware software release notes"].join(" ");
    const passages = this.knowledge.search(query, { products: [model.id], limit: 60 });
    const byPath = new Map<string, DocumentLink>();
    for (const passage of passages) {
      if (byPath.has(passage.path)) continue;
      byPath.set(passage.path, {
        title: passage.title,
        // The passage links to its section; the document is the link without the anchor.
        link: passage.link ? passage.link.split("#")[0]! : null,
        source: "docs",
        specific: passage.products.includes(model.id),
      });
    }
    const listed = this.sets.get(model.id) ?? [];
    // Entries without a kind (catalogs written before kinds existed) stay in the general list.
    const fromCatalog = listed
      .filter((doc) => !doc.kind)
      .map((doc) => ({ title: doc.title, link: doc.url, source: "catalog" as const, specific: true }));
    const docs = [...byPath.values()];
    const documents = [...fromCatalog, ...docs.filter((d) => d.specific), ...docs.filter((d) => !d.specific).slice(0, MAX_GENERAL)].slice(
      0,
      MAX_DOCUMENTS,
    );
    const [latest] = await this.firmware.releases(model.id, 1);
    const kinds = Object.fromEntries(
      DOCUMENT_KINDS.map((kind) => [
        kind,
        listed
          .filter((doc) => doc.kind === kind)
          .map((doc): DocumentLink => ({ title: doc.title, link: doc.url, source: "catalog", specific: true })),
      ]),
    ) as Record<DocumentKind, DocumentLink[]>;
    if (latest)
      for (const kind of ["release_notes", "software"] as const)
        if (kinds[kind].length === 0)
          kinds[kind] = [{ title: latest.version, link: latest.link, source: "catalog", specific: true, release: latest }];
    return { model, documents, latest, kinds };
  }
}
