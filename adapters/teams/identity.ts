/**
 * E-mail of a person Switchboard does not know yet. Activities carry the AAD object id but no
 * e-mail; the core links an unknown identity to the person with that e-mail on first contact, so
 * for an unknown sender the adapter asks the conversation roster (TeamsInfo.getMember) once.
 * Answers are remembered for a while, so an unknown sender costs one roster call, not one per message.
 *
 * The actor also carries the activity's tenant, so the core links by e-mail only within the
 * person's own organization's tenant (or, for the vendor's staff, the bot's own tenant).
 */
import { TeamsInfo, type TurnContext } from "botbuilder";
import type { Logger } from "pino";
import type { Actor } from "../../bot/events.ts";
import type { PeopleService } from "../../bot/people/service.ts";
import { vouchedTenantOf } from "./inbound.ts";

const REMEMBER_MS = 10 * 60_000;
const ROSTER_TIMEOUT_MS = 2_000;
const LIMIT = 10_000;

export class RosterEmails {
  private readonly known = new Map<string, { at: number; email: string | undefined }>();

  constructor(
    private readonly people: Pick<PeopleService, "resolve" | "invalidate">,
    private readonly log: Logger,
    /** The bot's own tenant (MICROSOFT_APP_TENANT_ID), where the vendor's staff are. */
    private readonly vendorTenantId: string | undefined,
  ) {}

  /**
   * The actor with its tenant, and with the e-mail from the roster when the person is not known
   * by their Teams id.
   */
  async complete(context: TurnContext, sender: Actor | null): Promise<Actor | null> {
    if (!sender) return sender;
    const tenant = vouchedTenantOf(context.activity);
    const actor: Actor = {
      ...sender,
      tenantIds: tenant ? [tenant] : [],
      vendorTenant: tenant !== undefined && tenant.toLowerCase() === this.vendorTenantId?.toLowerCase(),
    };
    if (actor.email || (await this.people.resolve(actor))) return actor;
    const userId = context.activity.from?.id ?? "";
    const cached = this.known.get(userId);
    if (cached && Date.now() - cached.at < REMEMBER_MS) return cached.email ? { ...actor, email: cached.email } : actor;
    const email = await this.lookup(context, userId);
    if (!email) return actor;
    // The check above cached "unknown" for this identity; forget it so the core links by e-mail now.
    this.people.invalidate();
    return { ...actor, email };
  }

  private async lookup(context: TurnContext, userId: string): Promise<string | undefined> {
    let email: string | undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      const member = await Promise.race([
        TeamsInfo.getMember(context, userId),
        new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error("roster timeout")), ROSTER_TIMEOUT_MS))),
      ]);
      const candidate = member.email || member.userPrincipalName;
      email = candidate && candidate.includes("@") ? candidate.toLowerCase() : undefined;
    } catch (error) {
      // The person still gets the "how to get access" answer; nothing else depends on this.
      this.log.debug({ err: error, user: userId }, "Teams roster lookup failed");
    } finally {
      clearTimeout(timer);
    }
    if (this.known.size >= LIMIT) this.known.clear();
    this.known.set(userId, { at: Date.now(), email });
    return email;
  }
}
