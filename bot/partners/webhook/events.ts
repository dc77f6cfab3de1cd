/**
 * The events a partner sends to `POST /webhooks/partners/:partner` (adapters/partners/README.md):
 * one event, or `{"events": [...]}`. Each has the partner's unique `id` — a repeat of an id is
 * processed once — and the partner's ticket id. Unknown fields are ignored, so a partner can add
 * some; known fields are checked. Links (a ticket page, an attachment, a call) must be `https:`:
 * they become buttons and links on other people's screens.
 */
import { z } from "zod";
import { httpsUrl } from "../../links.ts";
import { PARTNER_STATUSES } from "../types.ts";

/** Most events one request may carry. */
export const MAX_PARTNER_EVENTS = 500;

const id = z.string().min(1, "is required").max(200, "is longer than 200 characters");
const text = (max: number) => z.string().max(max, `is longer than ${max} characters`);

const author = z.object({
  id: id.optional(),
  name: z.string().min(1, "is required").max(200),
  email: z.string().email().max(320).optional(),
});

const comment = z.object({
  id,
  author: author.optional(),
  body: text(8_000).optional(),
  /** Files travel as links. */
  attachments: z
    .array(z.object({ name: text(200).optional(), url: httpsUrl() }))
    .max(20)
    .optional(),
  /** Set on the partner's copy of a comment Switchboard posted: such a comment is never mirrored back. */
  origin: z.object({ system: z.string().max(50), id: z.string().max(200).optional() }).optional(),
});
export type PartnerEventComment = z.infer<typeof comment>;

const base = { id, occurredAt: z.string().datetime({ offset: true, message: "must be an ISO 8601 time" }).optional() };
const ticket = z.string().min(1, "is required").max(200);

export const partnerEventSchema = z.discriminatedUnion("type", [
  z.object({
    ...base,
    type: z.literal("ticket.created"),
    ticket,
    /** Ours, from the ticket request: which request this ticket answers. */
    reference: z.string().min(1).max(100),
    trackingNumber: text(100).optional(),
    url: httpsUrl().optional(),
  }),
  z.object({
    ...base,
    type: z.literal("ticket.refused"),
    ticket: ticket.optional(),
    reference: z.string().min(1).max(100),
    reason: text(2_000).optional(),
  }),
  z.object({
    ...base,
    type: z.literal("ticket.status"),
    ticket,
    status: z.enum(PARTNER_STATUSES, { errorMap: () => ({ message: `must be one of ${PARTNER_STATUSES.join(", ")}` }) }),
    note: text(8_000).optional(),
    author: author.optional(),
  }),
  z.object({ ...base, type: z.literal("comment.created"), ticket, comment: comment.extend({ body: text(8_000).min(1, "is required") }) }),
  z.object({ ...base, type: z.literal("comment.updated"), ticket, comment: comment.extend({ body: text(8_000).min(1, "is required") }) }),
  z.object({ ...base, type: z.literal("comment.deleted"), ticket, comment }),
  z.object({
    ...base,
    type: z.literal("call.scheduled"),
    ticket,
    call: z.object({
      at: z.string().datetime({ offset: true, message: "must be an ISO 8601 time" }),
      joinUrl: httpsUrl().optional(),
      note: text(2_000).optional(),
    }),
  }),
]);
export type PartnerEvent = z.infer<typeof partnerEventSchema>;
export const PARTNER_EVENT_TYPES = partnerEventSchema.options.map((option) => option.shape.type.value);

/**
 * What the connector itself reports after trying to open a ticket (never accepted over HTTP):
 * the partner's answer, or that it gave up after its retries.
 */
export type ConnectorReport =
  | { type: "ticket.created"; reference: string; ticket: string; trackingNumber?: string; url?: string }
  | { type: "ticket.refused"; reference: string; reason?: string }
  | { type: "ticket.failed"; reference: string; reason: "down" | "not_configured"; detail?: string };

/** The body of a `webhook` InboundEvent from a partner (source `partner`) or its connector (`partner-connector`). */
export interface PartnerWebhookBody {
  partner: string;
  event: PartnerEvent | ConnectorReport;
}

/** The problems of an invalid event, each naming its field ("comment.body: is required"). */
export function partnerEventProblems(error: z.ZodError, prefix = ""): string[] {
  return error.issues.map(
    (issue) => `${prefix}${issue.path.join(".") || "(event)"}: ${issue.message === "Required" ? "is required" : issue.message}`,
  );
}
