/**
 * Documents and downloads for a model: the manuals and guides the documentation index has tagged
 * with it (`KnowledgeBase.search` filtered by product), links the catalog lists for the model
 * (optional `documents` entries), and the latest firmware download.
 */
import type { KnowledgeBase } from "../../knowledge/index.ts";
import type { ProductModelEntry } from "../catalog.ts";
import type { FirmwareService, Release } from "./firmware.ts";

export interface DocumentLink {
  title: string;
  link: string | null;
  /** Where it comes from: the documentation index or the catalog. */
  source: "docs" | "catalog";
  /** Tagged with this model (rather than general documentation). */
  specific: boolean;
}

export interface ModelDocuments {
  model: ProductModelEntry;
  documents: DocumentLink[];
  latest: Release | undefined;
}

const MAX_DOCUMENTS = 8;
/** General (untagged) documents only fill in, and a few at most: they match the words, not the model. */
const MAX_GENERAL = 3;

/** Optional catalog field: `documents: [{ "title": "…", "url": "https://…" }]` per model. */
interface CatalogDocument {
  title?: unknown;
  url?: unknown;
}

/** Documents and downloads per model, from the documentation index, the catalog and the releases. */
export class DocumentService {
  constructor(
    private readonly knowledge: KnowledgeBase,
    private readonly firmware: FirmwareService,
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
    const fromCatalog = ((model as { documents?: CatalogDocument[] }).documents ?? [])
      .filter((doc): doc is { title: string; url: string } => typeof doc.title === "string" && typeof doc.url === "string")
      .map((doc) => ({ title: doc.title, link: doc.url, source: "catalog" as const, specific: true }));
    const docs = [...byPath.values()];
    const documents = [...fromCatalog, ...docs.filter((d) => d.specific), ...docs.filter((d) => !d.specific).slice(0, MAX_GENERAL)].slice(
      0,
      MAX_DOCUMENTS,
    );
    const [latest] = await this.firmware.releases(model.id, 1);
    return { model, documents, latest };
  }
}
