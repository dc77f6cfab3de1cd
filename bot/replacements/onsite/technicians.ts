/**
 * Technician bookings. A booking row's primary key is (technician, slot start), so two visits can
 * never hold the same technician at the same time: the insert that loses the race inserts nothing
 * and the next technician is tried.
 */
import type { Tx } from "../../../db/client.ts";

/** Does a technician's area list ("ES", "ES-MD") cover a site? */
export function coversArea(areas: string[], country: string, region: string | null): boolean {
  return areas.includes(country) || (region !== null && areas.includes(`${country}-${region}`));
}

/** Books a free technician of the site's area for a slot (regional first, then least busy); their id, or undefined. */
export async function bookTechnician(
  tx: Tx,
  visit: { id: string; siteCountry: string; siteRegion: string | null },
  slotStart: Date,
  now: Date,
): Promise<string | undefined> {
  const technicians = (await tx.technician.findMany({ where: { active: true }, orderBy: { key: "asc" } })).filter((technician) =>
    coversArea(JSON.parse(technician.areas) as string[], visit.siteCountry, visit.siteRegion),
  );
  if (technicians.length === 0) return undefined;
  const load = await tx.technicianBooking.groupBy({
    by: ["technicianId"],
    where: { technicianId: { in: technicians.map((technician) => technician.id) }, slotStart: { gte: now } },
    _count: { _all: true },
  });
  const busy = new Map(load.map((row) => [row.technicianId, row._count._all]));
  // The site's own region's technicians first (nearest), then the least busy.
  const local = (areas: string) =>
    visit.siteRegion !== null && (JSON.parse(areas) as string[]).includes(`${visit.siteCountry}-${visit.siteRegion}`) ? 0 : 1;
  technicians.sort((a, b) => local(a.areas) - local(b.areas) || (busy.get(a.id) ?? 0) - (busy.get(b.id) ?? 0));
  for (const technician of technicians) {
    const booked = await tx.$queryRaw<
      { technicianId: string }[]
    >`INSERT INTO "TechnicianBooking" ("technicianId", "slotStart", "visitId", "createdAt")
      VALUES (${technician.id}, ${slotStart}, ${visit.id}, ${now}) ON CONFLICT DO NOTHING RETURNING "technicianId"`;
    if (booked.length > 0) return technician.id;
  }
  return undefined;
}

/** Frees a visit's booking (cancelled or moved). */
export async function releaseBooking(tx: Tx, visitId: string): Promise<void> {
  await tx.$executeRaw`DELETE FROM "TechnicianBooking" WHERE "visitId" = ${visitId}`;
}
