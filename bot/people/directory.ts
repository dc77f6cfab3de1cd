/**
 * Small, slowly-changing lookups cached in memory: organization names and the channels that
 * receive engineers' and admins' notices. Hot paths (opening a case, every inbound event) read
 * these on every call, so they are cached for a short time and invalidated by imports.
 */
import type { Database, Tx } from "../../db/client.ts";
import type { CalendarSpec } from "../calendar/business-calendar.ts";
import type { Clock } from "../../core/clock.ts";
import type { ConversationRef } from "../events.ts";
import type { Platform } from "../../core/vocabulary.ts";
import { contractDays } from "../calendar/contract-days.ts";

/** The terms of a contract in force that the clocks and entitlements need. */
export interface ContractTerms {
  id: string;
  plan: string;
  calendar: CalendarSpec;
  endsOn: Date;
  onsiteOption: boolean;
  servicesDiscount: number;
  coveredFamilies: string[];
}

export type RoutePurpose = "engineers" | "managers" | "service_management" | "admins";

interface Route {
  purpose: RoutePurpose;
  organizationId: string | null;
  ref: ConversationRef;
}

const TTL_MS = 30_000;

export class Directory {
  private routes: { at: number; rows: Route[] } | undefined;
  private readonly orgNames = new Map<string, { at: number; name: string }>();
  private readonly contracts = new Map<string, { at: number; contract: ContractTerms | undefined }>();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** Forgets everything (after an import or a settings change). */
  invalidate(): void {
    this.routes = undefined;
    this.orgNames.clear();
    this.contracts.clear();
  }

  /** The organization's contract in force (the latest-ending one active now), if any. */
  async contractOf(organizationId: string): Promise<ContractTerms | undefined> {
    const now = this.clock.now();
    const cached = this.contracts.get(organizationId);
    if (cached && now.getTime() - cached.at < TTL_MS) return cached.contract;
    // Dates are whole days in the contract's own zone (contract-days.ts): fetch the contracts that
    // could be in force in some zone now (a day either side of the stored dates), then ask each one's zone.
    const slack = 86_400_000;
    const candidates = await this.db.prisma.contract.findMany({
      where: { organizationId, startsOn: { lte: new Date(now.getTime() + slack) }, endsOn: { gte: new Date(now.getTime() - slack) } },
      orderBy: { endsOn: "desc" },
    });
    const row = candidates.find((candidate) => contractDays(candidate, now).state === "active");
    const contract: ContractTerms | undefined = row
      ? {
          id: row.id,
          plan: row.plan,
          calendar: {
            coverage: row.coverage === "business_hours" ? "business_hours" : "24x7",
            timeZone: row.timeZone,
            businessHours: row.businessHours,
            holidayCountry: row.holidayCountry,
            holidayRegion: row.holidayRegion,
          },
          endsOn: row.endsOn,
          onsiteOption: row.onsiteOption,
          servicesDiscount: row.servicesDiscount,
          coveredFamilies: JSON.parse(row.coveredFamilies) as string[],
        }
      : undefined;
    this.contracts.set(organizationId, { at: now.getTime(), contract });
    return contract;
  }

  /** The conversations of a purpose: the organization's own first, then the vendor-wide ones. */
  async routesFor(purpose: RoutePurpose, organizationId: string | null): Promise<ConversationRef[]> {
    const matching = (await this.allRoutes()).filter((route) => route.purpose === purpose);
    const own = matching.filter((route) => route.organizationId !== null && route.organizationId === organizationId);
    const global = matching.filter((route) => route.organizationId === null);
    return [...own, ...global].map((route) => route.ref);
  }

  /** Whether a conversation is one of the vendor's own channels (engineers, managers, service management). */
  async isSupportConversation(ref: ConversationRef): Promise<boolean> {
    return (await this.allRoutes()).some(
      (route) =>
        route.purpose !== "admins" &&
        route.ref.platform === ref.platform &&
        route.ref.conversationId === ref.conversationId &&
        (!route.ref.threadId || route.ref.threadId === ref.threadId),
    );
  }

  private async allRoutes(): Promise<Route[]> {
    const now = this.clock.now().getTime();
    if (!this.routes || now - this.routes.at > TTL_MS) {
      const rows = await this.db.prisma.channelRoute.findMany({ orderBy: { createdAt: "asc" } });
      this.routes = {
        at: now,
        rows: rows.map((row) => ({
          purpose: row.purpose as RoutePurpose,
          organizationId: row.organizationId,
          ref: {
            platform: row.platform as Platform,
            conversationId: row.conversationId,
            threadId: row.threadId || undefined,
            kind: "channel",
            extra: JSON.parse(row.extra) as Record<string, string>,
          },
        })),
      };
    }
    return this.routes.rows;
  }

  /** The one-to-one conversations where a person can be reached (see `personalConversations`). */
  personalConversations(personId: string): Promise<ConversationRef[]> {
    return personalConversations(this.db.prisma, personId);
  }

  /** An organization's display name. */
  async organizationName(organizationId: string): Promise<string> {
    const now = this.clock.now().getTime();
    const cached = this.orgNames.get(organizationId);
    if (cached && now - cached.at < TTL_MS) return cached.name;
    const row = await this.db.prisma.organization.findUnique({ where: { id: organizationId }, select: { name: true } });
    const name = row?.name ?? organizationId;
    this.orgNames.set(organizationId, { at: now, name });
    return name;
  }
}

/**
 * The one-to-one conversations where a person can be reached: a Slack DM (posting to a user id
 * opens it), the Teams personal chat (resolved by the Teams adapter from the stored reference),
 * the shell. Reads through `client`, so a caller inside a transaction passes its own.
 */
export async function personalConversations(client: Tx, personId: string): Promise<ConversationRef[]> {
  const identities = await client.platformIdentity.findMany({ where: { personId }, orderBy: { createdAt: "asc" } });
  return identities.flatMap((identity): ConversationRef[] => {
    if (identity.platform === "slack") return [{ platform: "slack", conversationId: identity.externalId, kind: "personal" }];
    if (identity.platform === "teams") return [{ platform: "teams", conversationId: `user:${identity.externalId}`, kind: "personal" }];
    if (identity.platform === "shell") return [{ platform: "shell", conversationId: `dm:${identity.externalId}`, kind: "personal" }];
    return [];
  });
}
