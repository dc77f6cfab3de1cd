/**
 * The onsite option's rules, as the plan states them: a technician installs a replacement part in
 * business hours, after remote diagnosis, where the site's location and the product type are
 * covered; software updates, product upgrades and configuration are not included.
 */
import { fold } from "../parts/query.ts";

export type Exclusion = "configuration" | "software";

/** Folded phrases that make a request one of the excluded kinds. */
// prettier-ignore
const EXCLUDED: Record<Exclusion, string[]> = {
  configuration: [
    "configure", "configuring", "configuration", "config", "set up", "setup", "settings", "provision", "pairing", "pair the", "reconfigure",
    "configurar", "configuracion", "configure el", "ajustes", "ajustar", "parametros", "emparejar", "dar de alta",
  ],
  software: [
    "software", "firmware", "update", "updates", "updating", "upgrade", "upgrades", "new version", "patch",
    "actualizar", "actualizacion", "actualizaciones", "nueva version", "mejora del producto", "parche",
  ],
};

const hasPhrase = (folded: string, phrase: string) => new RegExp(`(^|[^a-z0-9])${phrase}($|[^a-z0-9])`).test(folded);

/**
 * The excluded kind a request is, if any: by its words, or by the triage's category of the
 * message (configuration, firmware/software).
 */
export function excludedPurpose(text: string, category?: string | null): Exclusion | undefined {
  if (category === "configuration") return "configuration";
  if (category === "firmware_software") return "software";
  const folded = fold(text);
  for (const [kind, phrases] of Object.entries(EXCLUDED) as [Exclusion, string[]][])
    if (phrases.some((phrase) => hasPhrase(folded, phrase))) return kind;
  return undefined;
}

/** A row of the onsite coverage table. */
export interface CoverageRow {
  country: string;
  region: string;
  families: string;
  fee: number;
  currency: string;
  hours: string;
}

/**
 * The coverage that applies to a site and product family: the site's region first, then the
 * whole country. `reason` says why there is none.
 */
export function coverageFor(
  rows: CoverageRow[],
  site: { country: string; region: string | null },
  family: string,
): { coverage?: CoverageRow; reason?: "location" | "family" } {
  const candidates = rows.filter((row) => row.country === site.country && (row.region === "" || row.region === (site.region ?? "")));
  if (candidates.length === 0) return { reason: "location" };
  const ordered = candidates.sort((a, b) => b.region.length - a.region.length);
  const covering = ordered.find((row) => {
    const families = JSON.parse(row.families) as string[];
    return families.length === 0 || families.includes(family);
  });
  return covering ? { coverage: covering } : { reason: "family" };
}
