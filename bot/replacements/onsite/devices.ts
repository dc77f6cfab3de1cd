/**
 * Which device a technician should come for, when the request names none: the organization's
 * devices at the site the sentence names ("Lisboa", "our Lisbon office"), or all of them when it
 * names no site. The visit's site is then the chosen device's, never a default one.
 */
import type { Database } from "../../../db/client.ts";
import type { Viewer } from "../../authz.ts";
import { fold } from "../parts/query.ts";

/** The devices to offer, and the site named (if any) they were narrowed to. */
export interface DeviceChoices {
  site?: { id: string; name: string };
  devices: { serial: string; label: string }[];
}

/** Devices shown as choices at most (a button each). */
const MAX_DEVICE_CHOICES = 8;

/**
 * The viewer's organization's devices at the site the text names (or the site already read from
 * it, in any language or form), or all of them; none for support (no organization).
 */
export async function deviceChoices(
  db: Database,
  viewer: Viewer,
  text: string,
  site?: { id: string; name: string },
): Promise<DeviceChoices> {
  const organizationId = viewer.organizationId;
  if (!organizationId) return { devices: [] };
  const sites = await db.prisma.site.findMany({ where: { organizationId }, select: { id: true, name: true, city: true, aliases: true } });
  const named = (site && sites.find((s) => s.id === site.id)) ?? siteNamed(text, sites);
  const devices = await db.prisma.device.findMany({
    where: { organizationId, ...(named ? { siteId: named.id } : {}) },
    include: { model: { select: { name: true } }, site: { select: { name: true } } },
    orderBy: [{ serial: "asc" }],
    take: MAX_DEVICE_CHOICES,
  });
  return {
    site: named ? { id: named.id, name: named.name } : undefined,
    devices: devices.map((device) => ({
      serial: device.serial,
      label: `${device.model.name} ${device.serial}${device.site ? ` · ${device.site.name}` : ""}`,
    })),
  };
}

/** The site whose name, city or alias the text contains as whole words; the longest wins ("Lisbon office" over "Lisbon"). */
export function siteNamed<S extends { name: string; city: string | null; aliases: string }>(text: string, sites: S[]): S | undefined {
  const words = (value: string) =>
    fold(value)
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  const said = ` ${words(text)} `;
  let best: { site: S; length: number } | undefined;
  for (const site of sites)
    for (const name of [site.name, site.city ?? "", ...(JSON.parse(site.aliases) as string[])]) {
      const folded = words(name);
      if (folded.length >= 3 && said.includes(` ${folded} `) && folded.length > (best?.length ?? 0)) best = { site, length: folded.length };
    }
  return best?.site;
}
