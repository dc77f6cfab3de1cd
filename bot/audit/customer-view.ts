/**
 * What of the audit log a customer's admin may read, shared by the search in chat
 * (bot/it-tools/audit) and the export (bot/audit/export.ts).
 */
import { DENIED_ACTION } from "./denied.ts";

/**
 * The entries a customer's admin may read: what their people and the vendor did to things the
 * customer sees. Internal notes, escalation levels and acknowledgements, partner connector
 * settings and refusals are the vendor's side and stay out.
 */
const CUSTOMER_ACTIONS = [
  "case.",
  "device.",
  "network.",
  "rma.",
  "onsite.",
  "partner.ticket.",
  "partner.agreement.",
  "partner.call.",
  "firmware.",
];
const INTERNAL_ACTIONS = ["case.note", DENIED_ACTION];
export const customerVisible = {
  OR: CUSTOMER_ACTIONS.map((prefix) => ({ action: { startsWith: prefix } })),
  NOT: INTERNAL_ACTIONS.map((action) => ({ action })),
};

/** Keys of stored values a customer never reads: internal ids, and any note's text. */
const HIDDEN_KEY = /(^|[a-z])Id$|^id$|^note$|^internal/;

/** An entry as a customer's admin may read it: internal ids and note text removed from before/after. */
export function redactForCustomer<T extends { action: string; before: string | null; after: string | null; actorId?: string | null }>(
  row: T,
): T {
  return { ...row, actorId: null, before: redactJson(row.before), after: redactJson(row.after) };
}

function redactJson(text: string | null): string | null {
  if (text === null || text === "null") return text;
  try {
    return JSON.stringify(redactValue(JSON.parse(text)));
  } catch {
    return null;
  }
}

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !HIDDEN_KEY.test(key))
      .map(([key, inner]) => [key, redactValue(inner)]),
  );
}
