/**
 * Who is writing: platform identity → person, with their role and organization. Every inbound
 * event asks, so answers are cached briefly (and dropped on import). An unknown identity whose
 * e-mail matches a person is linked on first contact.
 */
import type { Database } from "../../db/client.ts";
import { newId } from "../../db/ids.ts";
import type { Viewer } from "../authz.ts";
import type { Clock } from "../clock.ts";
import type { Actor, Role } from "../events.ts";
import { languageFromLocale } from "../i18n/index.ts";

const TTL_MS = 30_000;
const NEGATIVE_TTL_MS = 5_000;

export class PeopleService {
  private readonly cache = new Map<string, { at: number; viewer: Viewer | undefined }>();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
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
    const person = await this.db.prisma.person.findUnique({ where: { email: actor.email.toLowerCase() } });
    if (!person) return undefined;
    await this.db.prisma.$executeRaw`INSERT INTO "PlatformIdentity" (id, "personId", platform, "externalId", "createdAt")
      VALUES (${newId()}, ${person.id}, ${actor.platform}, ${actor.externalId}, ${this.clock.now()})
      ON CONFLICT (platform, "externalId") DO NOTHING`;
    return toViewer(person);
  }
}

function toViewer(person: {
  id: string;
  name: string;
  role: string;
  organizationId: string | null;
  partnerId: string | null;
  locale: string | null;
}): Viewer {
  return {
    personId: person.id,
    name: person.name,
    role: person.role as Role,
    organizationId: person.organizationId,
    partnerId: person.partnerId,
    locale: languageFromLocale(person.locale) ?? null,
  };
}
