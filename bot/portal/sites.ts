/**
 * Sites as people name them: the key, the name, a city or one of the site's aliases ("Madrid",
 * "oficina de Madrid", "Madrid boardroom"). A name that fits several sites is not guessed.
 */
import type { Database } from "../../db/client.ts";
import type { Clock } from "../../core/clock.ts";
import { fold } from "./products.ts";

/** A site of an organization, with the names it answers to. */
export interface SiteEntry {
  id: string;
  key: string;
  name: string;
  timeZone: string;
  names: string[];
}

export type SiteMatch = { kind: "one"; site: SiteEntry } | { kind: "none" } | { kind: "several"; sites: SiteEntry[] };

/** Finds the site a text names among an organization's sites. */
export function matchSite(sites: readonly SiteEntry[], text: string): SiteMatch {
  const wanted = fold(text);
  if (!wanted) return { kind: "none" };
  const exact = sites.filter((site) => site.names.includes(wanted));
  if (exact.length === 1) return { kind: "one", site: exact[0]! };
  const partial =
    exact.length > 1 ? exact : sites.filter((site) => site.names.some((name) => contains(name, wanted) || contains(wanted, name)));
  if (partial.length === 1) return { kind: "one", site: partial[0]! };
  return partial.length === 0 ? { kind: "none" } : { kind: "several", sites: partial };
}

const contains = (text: string, part: string) => part.length >= 3 && ` ${text} `.includes(` ${part} `);

const TTL_MS = 30_000;

/** The organizations' sites, cached briefly (they change only by import). */
export class SiteDirectory {
  private readonly cache = new Map<string, { at: number; sites: SiteEntry[] }>();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async sitesOf(organizationId: string): Promise<SiteEntry[]> {
    const now = this.clock.now().getTime();
    const cached = this.cache.get(organizationId);
    if (cached && now - cached.at < TTL_MS) return cached.sites;
    const rows = await this.db.prisma.site.findMany({ where: { organizationId }, orderBy: { name: "asc" } });
    const sites = rows.map((row) => ({
      id: row.id,
      key: row.key,
      name: row.name,
      timeZone: row.timeZone,
      names: [row.key, row.name, row.city ?? "", ...(JSON.parse(row.aliases) as string[])].map(fold).filter(Boolean),
    }));
    this.cache.set(organizationId, { at: now, sites });
    return sites;
  }
}
