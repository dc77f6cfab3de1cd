/**
 * Conversation references: how to reach a Teams conversation after the turn that introduced it
 * (the Bot Connector's serviceUrl, the conversation, the bot). Stored the first time a person
 * writes or the app is installed, so case updates and escalation pings can be sent later; marked
 * gone when Teams answers 403/404 (bot removed, conversation deleted) so the outbox stops trying.
 *
 * Every inbound activity passes here, so the check is an in-memory lookup; the database is only
 * written for a new conversation, a moved serviceUrl, or an install (which may revive a gone one).
 */
import type { Activity, ConversationReference } from "botbuilder";
import type { Database } from "../../db/client.ts";
import type { Clock } from "../../core/clock.ts";
import type { ConversationRef } from "../../bot/events.ts";
import { actorOf, kindOf, splitConversationId, tenantOf } from "./inbound.ts";

/** A stored conversation. */
export interface TeamsConversation {
  conversationId: string;
  serviceUrl: string;
  tenantId: string | undefined;
  kind: NonNullable<ConversationRef["kind"]>;
  reference: Partial<ConversationReference>;
  status: "active" | "gone";
  goneReason?: string | undefined;
}

interface Row {
  conversationId: string;
  serviceUrl: string;
  tenantId: string | null;
  kind: string;
  reference: string;
  status: string;
  goneReason: string | null;
}

/** How long a replica trusts its memory of a row another replica may change (gone / revived). */
const CACHE_MS = 60_000;
const CACHE_LIMIT = 50_000;

/** The conversation a turn's activity belongs to, as it is stored. */
export function conversationFromActivity(activity: Partial<Activity>): TeamsConversation & { userId: string | undefined } {
  const kind = kindOf(activity);
  const { conversationId } = splitConversationId(activity.conversation?.id ?? "");
  const tenantId = tenantOf(activity);
  return {
    conversationId,
    serviceUrl: activity.serviceUrl ?? "",
    tenantId,
    kind,
    status: "active",
    userId: kind === "personal" ? actorOf(activity)?.externalId : undefined,
    reference: {
      channelId: activity.channelId,
      serviceUrl: activity.serviceUrl,
      // The base id: a reply chain is chosen per message (inbound.addressOf).
      conversation: { ...activity.conversation!, id: conversationId, tenantId } as ConversationReference["conversation"],
      bot: activity.recipient,
    },
  };
}

export class TeamsConversations {
  private readonly cache = new Map<string, { at: number; row: TeamsConversation | undefined }>();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /**
   * Remembers the conversation of an inbound activity. `force` (installs) always writes, so a
   * conversation marked gone comes back. Resolves true when the row was created now.
   */
  async remember(conversation: TeamsConversation & { userId?: string | undefined }, force = false): Promise<boolean> {
    const now = this.clock.now();
    const known = this.cache.get(conversation.conversationId);
    if (
      !force &&
      known?.row?.status === "active" &&
      known.row.serviceUrl === conversation.serviceUrl &&
      now.getTime() - known.at < CACHE_MS
    )
      return false;
    const rows = await this.db.prisma.$queryRaw<{ createdAt: Date | string }[]>`INSERT INTO "TeamsConversation"
        ("conversationId", "serviceUrl", "tenantId", kind, "userId", reference, status, "createdAt", "updatedAt")
      VALUES (${conversation.conversationId}, ${conversation.serviceUrl}, ${conversation.tenantId ?? null}, ${conversation.kind},
        ${conversation.userId ?? null}, ${JSON.stringify(conversation.reference)}, 'active', ${now}, ${now})
      ON CONFLICT ("conversationId") DO UPDATE SET "serviceUrl" = excluded."serviceUrl", reference = excluded.reference,
        "tenantId" = COALESCE(excluded."tenantId", "TeamsConversation"."tenantId"), "userId" = COALESCE(excluded."userId", "TeamsConversation"."userId"),
        status = 'active', "goneReason" = NULL, "goneAt" = NULL, "updatedAt" = excluded."updatedAt"
      RETURNING "createdAt"`;
    const stored: TeamsConversation = { ...conversation, status: "active", goneReason: undefined };
    this.put(conversation.conversationId, stored);
    if (conversation.userId && conversation.kind === "personal") this.put(`user:${conversation.userId}`, stored);
    return rows.length > 0 && new Date(rows[0]!.createdAt).getTime() === now.getTime();
  }

  /** The stored conversation, or undefined when the bot never heard from it. */
  async get(conversationId: string): Promise<TeamsConversation | undefined> {
    const cached = this.cache.get(conversationId);
    if (cached && this.clock.now().getTime() - cached.at < CACHE_MS) return cached.row;
    const rows = await this.db.prisma.$queryRaw<
      Row[]
    >`SELECT "conversationId", "serviceUrl", "tenantId", kind, reference, status, "goneReason"
      FROM "TeamsConversation" WHERE "conversationId" = ${conversationId}`;
    const row = rows[0] ? fromRow(rows[0]) : undefined;
    this.put(conversationId, row);
    return row;
  }

  /**
   * A person's personal chat with the bot, by their AAD object id (the core addresses a person as
   * `user:<id>`, e.g. an escalation ping to an engineer). Undefined until they wrote or installed.
   */
  async personalOf(userId: string): Promise<TeamsConversation | undefined> {
    const key = `user:${userId}`;
    const cached = this.cache.get(key);
    if (cached && this.clock.now().getTime() - cached.at < CACHE_MS) return cached.row;
    const rows = await this.db.prisma.$queryRaw<
      Row[]
    >`SELECT "conversationId", "serviceUrl", "tenantId", kind, reference, status, "goneReason"
      FROM "TeamsConversation" WHERE "userId" = ${userId} AND kind = 'personal' ORDER BY "updatedAt" DESC LIMIT 1`;
    const row = rows[0] ? fromRow(rows[0]) : undefined;
    this.put(key, row);
    return row;
  }

  /** Any reachable conversation of a tenant: its serviceUrl serves the tenant's other conversations. */
  async serviceUrlOfTenant(tenantId: string): Promise<string | undefined> {
    const rows = await this.db.prisma.$queryRaw<{ serviceUrl: string }[]>`SELECT "serviceUrl" FROM "TeamsConversation"
      WHERE "tenantId" = ${tenantId} AND status = 'active' ORDER BY "updatedAt" DESC LIMIT 1`;
    return rows[0]?.serviceUrl;
  }

  /** Records that Teams refused the conversation for good (the bot was removed, it was deleted). */
  async markGone(conversationId: string, reason: string): Promise<void> {
    const now = this.clock.now();
    await this.db.prisma
      .$executeRaw`UPDATE "TeamsConversation" SET status = 'gone', "goneReason" = ${reason.slice(0, 500)}, "goneAt" = ${now},
      "updatedAt" = ${now} WHERE "conversationId" = ${conversationId}`;
    const cached = this.cache.get(conversationId)?.row;
    if (cached) this.put(conversationId, { ...cached, status: "gone", goneReason: reason });
    else this.cache.delete(conversationId);
    for (const [key, entry] of this.cache)
      if (key.startsWith("user:") && entry.row?.conversationId === conversationId) this.cache.delete(key);
  }

  private put(conversationId: string, row: TeamsConversation | undefined): void {
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(conversationId, { at: this.clock.now().getTime(), row });
  }
}

function fromRow(row: Row): TeamsConversation {
  return {
    conversationId: row.conversationId,
    serviceUrl: row.serviceUrl,
    tenantId: row.tenantId ?? undefined,
    kind: row.kind as TeamsConversation["kind"],
    reference: JSON.parse(row.reference) as Partial<ConversationReference>,
    status: row.status === "gone" ? "gone" : "active",
    goneReason: row.goneReason ?? undefined,
  };
}
