/**
 * The words every layer shares: languages, severities, platforms, roles and intents. Each is
 * defined here once, so the chat core, triage and knowledge cannot drift apart on what "es" or
 * "sev2" means.
 */

/** Languages the product speaks and searches in. */
export const LANGUAGES = ["en", "es"] as const;
/** A language the product speaks and searches in. */
export type Language = (typeof LANGUAGES)[number];

/** Every severity, sev1 (outage / critical event) to sev4 (cosmetic). */
export const SEVERITIES = ["sev1", "sev2", "sev3", "sev4"] as const;
/** Impact of a problem, sev1 (outage / critical event) to sev4 (cosmetic). */
export type Severity = (typeof SEVERITIES)[number];

/** Where an event comes from or a message goes to. */
export const PLATFORMS = ["slack", "teams", "shell", "partner", "device", "system"] as const;
/** Where an event comes from or a message goes to. */
export type Platform = (typeof PLATFORMS)[number];

/** What a person may do, from least to most trusted (partners are outside the company). */
export const ROLES = ["employee", "admin", "engineer", "manager", "partner"] as const;
/** What a person may do. */
export type Role = (typeof ROLES)[number];

/**
 * What the person wants from support, in the order of the taxonomy (`eval/TRIAGE.md`; the
 * evaluation's confusion matrix uses this order).
 */
export const INTENTS = [
  "report_issue",
  "how_to",
  "case_status",
  "escalate",
  "replacement_status",
  "register_product",
  "license_lookup",
  "parts_availability",
  "software_update",
  "onsite_request",
  "partner_ticket",
  "close_case",
  "greeting_help",
  "other",
] as const;
/** What the person wants from support. */
export type Intent = (typeof INTENTS)[number];

/**
 * What a message asks the bot to do, over every plan service (the conversation's understanding
 * step ranks these; `npm run triage -- route` reports them). The triage intents above are the
 * finer reading of a problem report; an action is what the bot then does.
 */
export const ACTIONS = [
  "help",
  "intake",
  "kb_answer",
  "case_list",
  "case_status",
  "case_comment",
  "case_close",
  "case_reopen",
  "case_escalate",
  "case_severity",
  "rma_status",
  "rma_order",
  "parts",
  "onsite",
  "partner_ticket",
  "joint_call",
  "partner_agreement",
  "register",
  "licenses",
  "firmware",
  "documents",
  "discounts",
  "device_status",
  "network_check",
  "audit",
  "escalations_overview",
  "note",
  "case_resolve",
  "case_take",
  "other",
] as const;
/** What a message asks the bot to do. */
export type Action = (typeof ACTIONS)[number];
