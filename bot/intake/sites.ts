/**
 * The organization's site a person names, in any language or form: its name, its city or an
 * alias ("Lisboa" for the Lisbon office, "la sede de Madrid" for Madrid HQ), with a typo or two
 * ("Lisbn", "Madird"). Only the person's own organization's sites are ever matched.
 */
import type { Context } from "../context.ts";
import { editDistance } from "../../core/text/edit-distance.ts";
import { foldWord } from "../../core/text/fold.ts";

export interface SiteRecord {
  id: string;
  name: string;
  city: string | null;
  aliases: string;
}

/** A site found in a text, with the words that named it as written. */
export interface SiteMention {
  site: SiteRecord;
  words: string;
  /** Spelled as one of the site's names (no typo). */
  exact: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;
/** Words that say what kind of place it is; alone they name no site ("the office", "la sede"). */
const GENERIC = new Set(["office", "oficina", "oficinas", "hq", "sede", "headquarters", "central", "boardroom", "room", "sala"]);

/** How far a word may be from a site's word and still be it: none for short words. */
const tolerance = (word: string) => (word.length >= 8 ? 2 : word.length >= 5 ? 1 : 0);

/** The organization's sites. */
export function organizationSites(ctx: Context): Promise<SiteRecord[]> {
  const organizationId = ctx.person.organizationId;
  if (!organizationId) return Promise.resolve([]);
  return ctx.services.db.prisma.site.findMany({ where: { organizationId }, select: { id: true, name: true, city: true, aliases: true } });
}

/**
 * The site a text names: the longest of the names, cities and aliases found in it word by word,
 * exactly or within a letter or two. Undefined when none fits or two sites fit equally well.
 */
export function siteIn(text: string, sites: readonly SiteRecord[]): SiteMention | undefined {
  const words = [...text.matchAll(WORD)].map((m) => ({ folded: foldWord(m[0]), start: m.index ?? 0, end: (m.index ?? 0) + m[0].length }));
  let best: { site: SiteRecord; score: number; typos: number; start: number; end: number } | undefined;
  let tie = false;
  for (const site of sites) {
    const names = [site.name, site.city ?? "", ...(JSON.parse(site.aliases) as string[])];
    for (const name of names) {
      const nameWords = [...name.matchAll(WORD)].map((m) => foldWord(m[0]));
      if (nameWords.length === 0 || nameWords.every((word) => GENERIC.has(word))) continue;
      for (let i = 0; i + nameWords.length <= words.length; i++) {
        let typos = 0;
        const fits = nameWords.every((word, k) => {
          const distance = editDistance(words[i + k]!.folded, word, tolerance(word));
          typos += distance;
          return distance <= tolerance(word);
        });
        if (!fits) continue;
        // More words named beats fewer; an exact spelling beats a typo.
        const score = nameWords.join(" ").length * 2 - typos;
        const span = { site, score, typos, start: words[i]!.start, end: words[i + nameWords.length - 1]!.end };
        if (!best || score > best.score) {
          best = span;
          tie = false;
        } else if (score === best.score && site.id !== best.site.id) tie = true;
      }
    }
  }
  if (!best || tie) return undefined;
  return { site: best.site, words: text.slice(best.start, best.end), exact: best.typos === 0 };
}

/** The site of the person's organization a sentence names (for onsite visits and the intake). */
export async function siteInSentence(ctx: Context, text: string): Promise<{ id: string; name: string } | undefined> {
  const found = siteIn(text, await organizationSites(ctx));
  return found ? { id: found.site.id, name: found.site.name } : undefined;
}
