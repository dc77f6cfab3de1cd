/**
 * Who hears about a replacement or a visit. Messages are planned here and written to the outbox
 * by the services in the same transaction as the change; the person who made the change gets the
 * reply in their own conversation, so that conversation is skipped here.
 *
 * - the customer: the customer threads of the linked case, or else the one-to-one conversations
 *   of the people it is for; and the organization's admins channel
 * - support: the engineers' channel (internal)
 */
import type { Tx } from "../../db/client.ts";
import type { Card, ConversationRef, Visibility } from "../events.ts";
import type { Language, Platform } from "../../core/vocabulary.ts";
import { personalConversations, type Directory } from "../people/directory.ts";
import type { QueuedMessage } from "../runtime/outbox.ts";

/** A conversation to notify, with the language to write in. */
export interface Recipient {
  ref: ConversationRef;
  lang: Language;
  visibility: Visibility;
}

const keyOf = (ref: ConversationRef) => `${ref.platform}:${ref.conversationId}:${ref.threadId ?? ""}`;

/** The customer's conversations about a replacement or visit, and their admins' channel. */
export async function customerRecipients(
  tx: Tx,
  directory: Directory,
  subject: { organizationId: string; caseId: string | null; requesterId: string | null; language: Language },
): Promise<Recipient[]> {
  const refs: ConversationRef[] = [];
  if (subject.caseId) {
    const links = await tx.threadLink.findMany({ where: { caseId: subject.caseId, role: "customer" }, orderBy: { createdAt: "asc" } });
    for (const link of links)
      refs.push({ platform: link.platform as Platform, conversationId: link.conversationId, threadId: link.threadId || undefined });
  }
  // The case's own threads already reach the requester; a direct message would say it twice.
  if (refs.length === 0 && subject.requesterId) refs.push(...(await personalConversations(tx, subject.requesterId)));
  refs.push(...(await directory.routesFor("admins", subject.organizationId)));
  return refs.map((ref) => ({ ref, lang: subject.language, visibility: "public" as const }));
}

/** The engineers' channels for an organization (internal). */
export async function engineerRecipients(directory: Directory, organizationId: string | null): Promise<Recipient[]> {
  return (await directory.routesFor("engineers", organizationId)).map((ref) => ({
    ref,
    lang: "en" as const,
    visibility: "internal" as const,
  }));
}

/** One message per distinct conversation, skipping the one the change came from. */
export function planMessages(
  keyPrefix: string,
  recipients: Recipient[],
  except: ConversationRef | undefined,
  render: (recipient: Recipient) => { text?: string; card?: Card; replaceKey?: string } | undefined,
): QueuedMessage[] {
  const seen = new Set<string>(except ? [keyOf(except)] : []);
  const messages: QueuedMessage[] = [];
  for (const recipient of recipients) {
    const key = keyOf(recipient.ref);
    if (seen.has(key)) continue;
    seen.add(key);
    const content = render(recipient);
    if (!content) continue;
    messages.push({
      key: `${keyPrefix}:${key}`,
      message: { target: recipient.ref, visibility: recipient.visibility, lang: recipient.lang, ...content },
    });
  }
  return messages;
}
