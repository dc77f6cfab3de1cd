/**
 * Delivery receipts of escalation pings. A ping the platform refuses for good (Teams 403/404 when
 * the bot was removed from the chat, Slack channel_not_found / not_in_channel / is_archived), or
 * one addressed to a person with no chat the bot can reach, is never dropped: it goes to the next
 * target of its level (the team channel, then the on-call managers), and the audit and every copy
 * of the case's support card say "could not reach Lee Chen on Teams — sent to #support-engineers".
 */
import type { Database, Tx } from "../../db/client.ts";
import { SYSTEM_VIEWER } from "../authz.ts";
import type { Clock } from "../../core/clock.ts";
import type { ConversationRef, OutboundMessage, PingFallback } from "../events.ts";
import type { Platform } from "../../core/vocabulary.ts";
import { translator } from "../i18n/index.ts";
import { recordAudit } from "../audit/log.ts";
import { caseTargets, supportCardKey } from "../cases/notify.ts";
import { loadCase } from "../cases/view.ts";
import type { Directory, RoutePurpose } from "../people/directory.ts";
import { enqueueMessages, type QueuedMessage } from "../runtime/outbox.ts";
import type { OutboxMeta } from "../runtime/outbox-meta.ts";
import { renderSupportCard } from "./card.ts";
import { FALLBACK_AUDIT_ACTION } from "./card-state.ts";

const PLATFORM_NAMES: Record<Platform, string> = {
  slack: "Slack",
  teams: "Teams",
  shell: "the shell",
  partner: "the partner system",
  device: "the device",
  system: "the system",
};

/** How people call a channel: its configured `name` (ChannelRoute.extra), else its id. */
export function routeLabel(ref: ConversationRef): string {
  const name = ref.extra?.name;
  if (name) return name;
  return ref.platform === "slack" ? `#${ref.conversationId}` : ref.conversationId;
}

/**
 * The fallback chain of a ping: the routes of `purposes` in order (within a purpose, the ping's
 * own platform first, where the reader is most likely to be), without the ping's own target.
 */
export async function fallbackChain(
  directory: Directory,
  organizationId: string,
  purposes: RoutePurpose[],
  own: ConversationRef | undefined,
): Promise<PingFallback["next"]> {
  const next: PingFallback["next"] = [];
  for (const purpose of purposes) {
    const routes = await directory.routesFor(purpose, organizationId);
    const ordered = own
      ? [...routes.filter((r) => r.platform === own.platform), ...routes.filter((r) => r.platform !== own.platform)]
      : routes;
    for (const target of ordered) {
      if (own && target.platform === own.platform && target.conversationId === own.conversationId) continue;
      if (next.some((n) => n.target.platform === target.platform && n.target.conversationId === target.conversationId)) continue;
      next.push({ target, label: routeLabel(target) });
    }
  }
  return next;
}

/**
 * Sends `message` (refused at its own target, or with no target at all) on to the first target of
 * its fallback chain, records why in the audit, and refreshes every copy of the support card.
 * Runs inside the caller's transaction; `key` makes a repeated call a no-op in the outbox.
 */
export async function redirectPing(
  tx: Tx,
  directory: Directory,
  message: Pick<OutboundMessage, "text" | "card" | "lang"> & {
    target: ConversationRef | undefined;
    fallback: PingFallback;
    meta?: OutboxMeta;
  },
  key: string,
  reason: string,
  now: Date,
): Promise<void> {
  const { fallback } = message;
  const view = await loadCase(tx, fallback.caseNumber);
  if (!view) return;
  const t = translator("en");
  const [next, ...rest] = fallback.next;
  const platform = message.target ? PLATFORM_NAMES[message.target.platform] : t("esc.fallback.noChat");
  const note = next
    ? t("esc.fallback.note", { name: fallback.recipient, platform, target: next.label })
    : t("esc.fallback.nowhere", { name: fallback.recipient, platform });
  await recordAudit(
    tx,
    {
      actor: SYSTEM_VIEWER,
      platform: "system",
      action: FALLBACK_AUDIT_ACTION,
      subjectType: "case",
      subjectId: view.ref,
      organizationId: view.organizationId,
      after: { note, reason, to: next?.label ?? null },
    },
    now,
  );
  const messages: QueuedMessage[] = [];
  if (next)
    messages.push({
      key: `${key}:fallback`,
      caseId: view.id,
      // A reminder passed on is still the reminder of its level (counted when it arrives).
      meta: message.meta?.purpose === "escalation-ping" ? message.meta : undefined,
      message: {
        target: next.target,
        visibility: "internal",
        text: `${note}\n${message.text ?? ""}`.trim(),
        card: message.card,
        lang: message.lang ?? "en",
        // Refused there too: on to the target after it.
        fallback: rest.length > 0 ? { ...fallback, recipient: next.label, next: rest } : undefined,
      },
    });
  // Every copy of the card shows the note (read back from the audit row just written).
  const channels = (await caseTargets(tx, directory, view)).filter((target) => target.role === "escalation_channel");
  channels.forEach((target, i) => {
    const level = target.level ?? 1;
    messages.push({
      key: `${key}:fallback:card:${i}`,
      caseId: view.id,
      message: {
        target: target.ref,
        visibility: "internal",
        card: renderSupportCard(view, t, now, level, target.support),
        replaceKey: supportCardKey(view.id, level),
        lang: "en",
      },
    });
  });
  await enqueueMessages(tx, messages, now);
}

/** The dispatcher's hook for refused pings (bot/runtime/dispatcher.ts `setFallback`). */
export class PingFallbacks {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly directory: Directory,
    private readonly onCommitted: () => void,
  ) {}

  async refused(delivery: { idempotencyKey: string; message: OutboundMessage; meta?: OutboxMeta }, error: string): Promise<void> {
    const { message, meta } = delivery;
    if (!message.fallback) return;
    const fallback = message.fallback;
    await this.db.prisma.$transaction(
      (tx) => redirectPing(tx, this.directory, { ...message, fallback, meta }, delivery.idempotencyKey, error, this.clock.now()),
      { maxWait: 10_000, timeout: 15_000 },
    );
    this.onCommitted();
  }
}
