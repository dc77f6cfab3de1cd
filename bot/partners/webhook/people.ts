/**
 * Who acts when a partner's system speaks. A comment's author becomes a person of that partner
 * (an imported one when the e-mail or the partner's user id matches, else one created on first
 * sight), so the timeline and the audit log name them. A webhook can never act as anyone outside
 * its partner: the look-up is restricted to the partner's own people, and nothing is linked by
 * e-mail to a customer or a vendor person.
 */
import type { Database } from "../../../db/client.ts";
import { newId } from "../../../db/ids.ts";
import { SYSTEM_VIEWER, type Viewer } from "../../authz.ts";
import type { Clock } from "../../../core/clock.ts";
import type { Side } from "../types.ts";

export interface PartnerAuthorInput {
  /** The partner's own id of the user. */
  id?: string;
  name: string;
  email?: string;
}

/** The partner as a whole (status changes its system reports, with no person named). */
export function partnerViewer(partner: { id: string; name: string }): Viewer {
  return { personId: null, name: partner.name, role: "partner", organizationId: null, partnerId: partner.id, locale: null };
}

/**
 * The bot acting on the partner's word (moving the case to waiting_partner, resolving it with a
 * partner fix): support's rights, the partner's name in the notices, and `system` so the SLA
 * does not count it as support's own response.
 */
export function bridgeViewer(partner: { name: string }): Viewer {
  return { ...SYSTEM_VIEWER, name: partner.name };
}

/** "Sam Patel" → "Sam Patel (Microsoft)": the side is visible wherever the name is mirrored. */
export function withSide(name: string, partnerName: string): string {
  return name.toLowerCase().includes(partnerName.toLowerCase()) ? name : `${name} (${partnerName})`;
}

/** The side a person's role puts them on. */
export function sideOf(role: string | null | undefined): Side {
  if (role === "employee" || role === "admin") return "customer";
  if (role === "partner") return "partner";
  return "vendor";
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9@.]+/g, "-")
    .slice(0, 80);

/** The person behind a partner comment, created on first sight. */
export async function partnerAuthor(
  db: Database,
  clock: Clock,
  partner: { id: string; name: string },
  author: PartnerAuthorInput,
): Promise<Viewer> {
  const key = `partner:${partner.id}:${slug(author.id ?? author.email ?? author.name)}`;
  const email = author.email?.toLowerCase();
  const known = await db.prisma.person.findFirst({
    where: { partnerId: partner.id, role: "partner", OR: [{ key }, ...(email ? [{ email }] : [])] },
  });
  const person =
    known ??
    (await db.prisma.person.upsert({
      where: { key },
      // The e-mail is not stored: it is unique across everyone and must never link this person to
      // someone else's identity.
      create: { id: newId(clock.now().getTime()), key, partnerId: partner.id, name: author.name.slice(0, 200), role: "partner" },
      update: {},
    }));
  if (person.partnerId !== partner.id) return partnerViewer(partner);
  return {
    personId: person.id,
    name: withSide(person.name, partner.name),
    role: "partner",
    organizationId: null,
    partnerId: partner.id,
    locale: null,
  };
}
