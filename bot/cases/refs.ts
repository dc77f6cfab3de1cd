/** Case numbers as people write them: CS-10422, cs10422, CS 10422, CS#10422. */
import { SEVERITIES, type Severity } from "../../core/vocabulary.ts";

export const CASE_STATUSES = ["open", "waiting_customer", "waiting_partner", "resolved", "closed"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const RESOLUTION_TYPES = ["fix", "workaround", "no_fault_found", "partner_fix"] as const;
export type ResolutionType = (typeof RESOLUTION_TYPES)[number];

const CASE_PATTERN = /\bcs(?:\s*[-#])?\s*(\d{5,7})\b/i;

/** The display form of a case number. */
export function formatCaseRef(number: number): string {
  return `CS-${number}`;
}

/** Extracts the first case number from text, or undefined. */
export function parseCaseRef(text: string): number | undefined {
  const match = CASE_PATTERN.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** Removes the first case reference from text (what remains is the comment or reason). */
export function stripCaseRef(text: string): string {
  return text.replace(CASE_PATTERN, "").replace(/\s+/g, " ").trim();
}

export const isSeverity = (value: string): value is Severity => (SEVERITIES as readonly string[]).includes(value);
export const isResolutionType = (value: string): value is ResolutionType => (RESOLUTION_TYPES as readonly string[]).includes(value);
export const isCaseStatus = (value: string): value is CaseStatus => (CASE_STATUSES as readonly string[]).includes(value);
