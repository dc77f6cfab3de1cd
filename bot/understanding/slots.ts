/**
 * What a message names besides what it wants: the case, replacement, device, model, site,
 * partner and severity — the slots an action fills before asking anything. Read from the
 * triage's entities, plus the forms the triage leaves to the conversation (a bare case number,
 * "sev 2", "prioridad alta").
 */
import type { Severity } from "../../core/vocabulary.ts";
import { fold } from "../../core/text/fold.ts";
import { parseCaseRef } from "../cases/refs.ts";
import type { TriageResult } from "../triage/index.ts";

export interface Slots {
  case?: number;
  rma?: string;
  serial?: string;
  model?: string;
  site?: string;
  partner?: string;
  severity?: Severity;
}

const BARE_CASE = /(?:^|[\s#(])(\d{5,6})(?=$|[\s?.!,)])/;
const SEVERITY = /\b(?:sev|severity|severidad|s|p|priority|prioridad)\s*-?\s*([1-4])\b/;
const SEVERITY_WORDS: readonly [RegExp, Severity][] = [
  [/\b(critical|critica|urgent[ea]?|urgente)\b/, "sev1"],
  [/\b(high|alta)\b/, "sev2"],
  [/\b(medium|media|normal)\b/, "sev3"],
  [/\b(low|baja)\b/, "sev4"],
];

export function slotsOf(text: string, triage: TriageResult): Slots {
  const slots: Slots = {};
  const caseNumber = parseCaseRef(triage.entities.case_id[0] ?? text);
  if (caseNumber !== undefined) slots.case = caseNumber;
  else {
    // "update on 10005?": a bare number of a case's length, when it is not part of a serial.
    const bare = BARE_CASE.exec(text.replace(/\b[A-Za-z]{2,4}\d?-\d+\b/g, " "));
    if (bare) slots.case = Number(bare[1]);
  }
  if (triage.entities.rma_id[0]) slots.rma = triage.entities.rma_id[0];
  if (triage.entities.serial[0]) slots.serial = triage.entities.serial[0];
  if (triage.entities.model[0]) slots.model = triage.entities.model[0];
  if (triage.entities.site) slots.site = triage.entities.site;
  if (triage.entities.partner) slots.partner = triage.entities.partner;
  const folded = fold(text);
  const numbered = SEVERITY.exec(folded);
  if (numbered) slots.severity = `sev${numbered[1]}` as Severity;
  else for (const [pattern, severity] of SEVERITY_WORDS) if (pattern.test(folded)) slots.severity ??= severity;
  return slots;
}
