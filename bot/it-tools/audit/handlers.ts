/** "audit …" in chat: search the log, or verify its hash chain ("audit verify"). */
import { formatLocal, readerZone } from "../../handlers/reader-zone.ts";
import type { Context } from "../../context.ts";
import { fold } from "../../portal/products.ts";
import { formatCounts } from "../../portal/format.ts";
import { DENIED_ACTION } from "../../audit/denied.ts";
import { verifyAuditChain } from "../../audit/chain.ts";
import { auditScope, matchPeople, parseAuditQuery, searchAudit, type AuditHit } from "./search.ts";

const SHOWN = 15;

/** "audit <query>" or "audit verify". */
export async function auditCommand(ctx: Context, text: string): Promise<void> {
  const scope = auditScope(ctx.person);
  if (["verify", "verificar", "check", "comprobar"].includes(fold(text))) return verify(ctx);
  const query = parseAuditQuery(text, ctx.services.clock.now());
  let actorIds: string[] | undefined;
  if (query.actor) {
    actorIds = await matchPeople(ctx.services.db, scope, ctx.event.platform, query.actor);
    if (actorIds.length === 0) {
      ctx.reply({ text: ctx.t("audit.nobody", { name: query.actor }) });
      return;
    }
  }
  // Refusals held back by the rate limit are summarised before anyone reads the log.
  if (scope === null) await ctx.services.denied.flush();
  const { hits, total } = await searchAudit(ctx.services.db, scope, { ...query, actorIds }, SHOWN);
  if (total === 0) {
    ctx.reply({ text: ctx.t("audit.none") });
    return;
  }
  const zone = await readerZone(ctx);
  ctx.reply({
    card: {
      title: ctx.t("audit.title", formatCounts(ctx.lang, { count: total })),
      body: hits.map((hit) => line(ctx, hit, zone)).join("\n"),
      context: [
        ctx.t("escView.zone", { zone }),
        ...(total > hits.length ? [ctx.t("audit.more", formatCounts(ctx.lang, { shown: hits.length, total }))] : []),
      ],
    },
  });
}

function line(ctx: Context, hit: AuditHit, zone: string): string {
  const change = hit.action === DENIED_ACTION ? refusal(ctx, hit.after) : summarize(hit.before, hit.after);
  return `• ${ctx.t("audit.line", {
    at: formatLocal(hit.at, zone, ctx.lang),
    actor: hit.actorLabel,
    platform: hit.platform,
    action: hit.action,
    subject: hit.subjectId,
  })}${change ? ` — ${change}` : ""}`;
}

/** Why a refusal happened and what was asked, or how many more were held back. */
function refusal(ctx: Context, raw: string | null): string {
  const after = (raw ? JSON.parse(raw) : {}) as { reason?: string; request?: string; more?: number };
  if (after.more) return ctx.t("audit.denied.more", formatCounts(ctx.lang, { count: after.more }));
  return [after.reason, after.request ? `“${after.request}”` : ""].filter(Boolean).join(" · ");
}

/** before → after, shortened for a chat line. */
function summarize(rawBefore: string | null, rawAfter: string | null): string {
  // A creation's "before" (and a deletion's "after") is stored as JSON null; a redacted one may be empty.
  const [before, after] = [rawBefore, rawAfter].map((text) => (text === "null" || text === "{}" ? null : text));
  const cut = (text: string | null | undefined) => (text && text.length > 80 ? `${text.slice(0, 79)}…` : (text ?? ""));
  if (before && after) return `${cut(before)} → ${cut(after)}`;
  return cut(after ?? before);
}

async function verify(ctx: Context): Promise<void> {
  const report = await verifyAuditChain(ctx.services.db);
  const lines = [
    report.ok
      ? ctx.t("audit.verify.ok", formatCounts(ctx.lang, { count: report.checked, head: report.head?.chainIndex ?? 0 }))
      : ctx.t("audit.verify.broken", { problem: report.problem!.message }),
  ];
  if (report.unchained > 0) lines.push(ctx.t("audit.verify.unchained", formatCounts(ctx.lang, { count: report.unchained })));
  ctx.reply({ text: lines.join("\n") });
}
