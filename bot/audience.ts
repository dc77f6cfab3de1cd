/**
 * Who reads a conversation — the one decision every rendering follows. A message is written for
 * the audience of the conversation it goes to, not for the person who asked: an engineer who types
 * "case CS-10422" in a customer's thread or a partner's shared thread gets the card that customer
 * or partner may read (no internal notes), because they read it too.
 *
 * - a personal conversation (a DM, the personal chat, the shell) is read by the asker alone;
 * - a thread linked to a case says who it is for (customer, partner, engineers);
 * - the engineers', managers' and service management channels are the vendor's;
 * - any other shared conversation is assumed to be read by customers.
 * The asker's own role is the ceiling: a customer in the engineers' channel still reads as one.
 */
import { Prisma, type Database } from "../db/client.ts";
import { policy, type Viewer } from "./authz.ts";
import type { CardAudience } from "./cases/card.ts";
import type { ConversationRef } from "./events.ts";
import type { Directory } from "./people/directory.ts";

export type Audience = CardAudience;

const RANK: Record<Audience, number> = { customer: 0, partner: 1, support: 2 };
const BY_ROLE: Record<string, Audience> = { customer: "customer", partner: "partner", engineers: "support" };

/** What a viewer may read at most. */
export function ceilingOf(viewer: Viewer | undefined): Audience {
  if (viewer && policy.isSupport(viewer)) return "support";
  return viewer?.role === "partner" ? "partner" : "customer";
}

/** The audience of `conversation` for a message answering `asker`. */
export async function audienceOf(
  services: { db: Database; directory: Directory },
  conversation: ConversationRef,
  asker: Viewer | undefined,
): Promise<Audience> {
  const ceiling = ceilingOf(asker);
  if (ceiling === "customer") return ceiling;
  const readers = await conversationReaders(services, conversation);
  return RANK[readers] < RANK[ceiling] ? readers : ceiling;
}

async function conversationReaders(services: { db: Database; directory: Directory }, conversation: ConversationRef): Promise<Audience> {
  // A thread linked to a case was opened for its readers; the least trusted link wins.
  const links = await services.db.fast.query(Prisma.sql`SELECT DISTINCT role FROM "ThreadLink"
    WHERE platform = ${conversation.platform} AND "conversationId" = ${conversation.conversationId}
      AND "threadId" IN (${conversation.threadId ?? ""}, '')`);
  const roles = links.map((link) => BY_ROLE[String(link.role)] ?? "customer");
  if (roles.length > 0) return roles.reduce((lowest, role) => (RANK[role] < RANK[lowest] ? role : lowest));
  if (await services.directory.isSupportConversation(conversation)) return "support";
  if (conversation.kind === "personal") return "support";
  return "customer";
}
