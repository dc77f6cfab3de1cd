/**
 * Who is writing: platform identity → person, with their role and organization. Every inbound
 * event asks, so answers are cached briefly (and dropped on import). An unknown identity whose
 * e-mail matches a person is linked on first contact — on Slack and Teams only when the platform
 * vouches that the identity belongs to the person's own workspace or tenant (see `mayLink`):
 * anyone can put any address in a profile of their own tenant.
 */
import type { Logger } from "pino";
import type { Database } from "../../db/client.ts";
import { newId } from "../../db/ids.ts";
import type { Viewer } from "../authz.ts";
import type { Clock } from "../../core/clock.ts";
import type { Actor } from "../events.ts";
import type { Platform, Role } from "../../core/vocabulary.ts";
import { languageFromLocale } from "../i18n/index.ts";

const TTL_MS = 30_000;
const NEGATIVE_TTL_MS = 5_000;

export class PeopleService {
  private readonly cache = new Map<string, { at: number; viewer: Viewer | undefined }>();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly log?: Logger,
  ) {}

  invalidate(): void {
    this.cache.clear();
  }

  /** Resolves the actor of an event to a person, or undefined when nobody matches. */
  async resolve(actor: Actor): Promise<Viewer | undefined> {
    const key = `${actor.platform}:${actor.externalId}`;
    const now = this.clock.now().getTime();
    const cached = this.cache.get(key);
    if (cached && now - cached.at < (cached.viewer ? TTL_MS : NEGATIVE_TTL_MS)) return cached.viewer;
    const viewer = (await this.byIdentity(actor)) ?? (await this.linkByEmail(actor));
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(key, { at: now, viewer });
    return viewer;
  }

  /** A person by id, as a viewer (for actions taken on someone's behalf). */
  async byId(personId: string): Promise<Viewer | undefined> {
    const person = await this.db.prisma.person.findUnique({ where: { id: personId } });
    return person ? toViewer(person) : undefined;
  }

  private async byIdentity(actor: Actor): Promise<Viewer | undefined> {
    const identity = await this.db.prisma.platformIdentity.findUnique({
      where: { platform_externalId: { platform: actor.platform, externalId: actor.externalId } },
      select: { person: true },
    });
    return identity ? toViewer(identity.person) : undefined;
  }

  private async linkByEmail(actor: Actor): Promise<Viewer | undefined> {
    if (!actor.email) return undefined;
    const person = await this.db.prisma.person.findUnique({
      where: { email: actor.email.toLowerCase() },
      include: { organization: { select: { tenants: { select: { platform: true, tenantId: true } } } } },
    });
    if (!person) return undefined;
    if (!mayLink(actor, person)) {
      // Refused: the person stays unknown (and is told how to get access), as any stranger.
      this.log?.warn(
        { platform: actor.platform, actor: actor.externalId, tenants: actor.tenantIds ?? [], person: person.id },
        "identity not linked: its e-mail matches a person of another workspace or tenant",
      );
      return undefined;
    }
    await this.db.prisma.$executeRaw`INSERT INTO "PlatformIdentity" (id, "personId", platform, "externalId", "createdAt")
      VALUES (${newId()}, ${person.id}, ${actor.platform}, ${actor.externalId}, ${this.clock.now()})
      ON CONFLICT (platform, "externalId") DO NOTHING`;
    return toViewer(person);
  }
}

/** Platforms where anyone can create an account in a tenant of their own, with any e-mail. */
const TENANTED: ReadonlySet<Platform> = new Set<Platform>(["slack", "teams"]);

/**
 * Whether an identity may be linked to the person with its e-mail: on Slack and Teams, a
 * customer's people only from their organization's workspace or tenant (its OrganizationTenant
 * row for the platform; none recorded = never), the vendor's staff only from the tenant the bot is
 * installed in, and partners' people never (their identities are imported or come with their
 * partner's own messages). Other platforms (the shell) are local.
 */
function mayLink(
  actor: Actor,
  person: { partnerId: string | null; organization: { tenants: { platform: string; tenantId: string }[] } | null },
): boolean {
  if (!TENANTED.has(actor.platform)) return true;
  // Tenant ids are GUIDs an import may spell in capitals; Slack's ids are capitals anyway.
  const tenants = (actor.tenantIds ?? []).map((id) => id.toLowerCase());
  if (person.organization) {
    const own = person.organization.tenants.find((tenant) => tenant.platform === actor.platform)?.tenantId;
    return own !== undefined && tenants.includes(own.toLowerCase());
  }
  if (person.partnerId) return false;
  return actor.vendorTenant === true && tenants.length > 0;
}

function toViewer(person: {
  id: string;
  name: string;
  role: string;
  organizationId: string | null;
  partnerId: string | null;
  locale: string | null;
  timeZone?: string | null;
  siteId?: string | null;
}): Viewer {
  return {
    personId: person.id,
    name: person.name,
    role: person.role as Role,
    organizationId: person.organizationId,
    partnerId: person.partnerId,
    locale: languageFromLocale(person.locale) ?? null,
    timeZone: person.timeZone ?? null,
    siteId: person.siteId ?? null,
  };
}
