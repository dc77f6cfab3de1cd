/**
 * Hooks that other parts of the core run inside the case transactions (the SLA clocks and
 * escalations of bot/escalations), so that their rows and timers commit or roll back with the
 * change that caused them.
 */
import type { Prisma, Tx } from "../../db/client.ts";
import type { Viewer } from "../authz.ts";
import type { CaseChange } from "./notify.ts";
import type { Severity } from "../../core/vocabulary.ts";
import type { CaseView, SlaView } from "./view.ts";

/** Columns a new case starts with, planned before its transaction (reads only cached data). */
export interface OpenPlan {
  sla: SlaView;
}

export interface CaseLifecycle {
  /** Before the transaction that opens a case. */
  planOpen(organizationId: string, severity: Severity, now: Date): Promise<OpenPlan | undefined>;
  /**
   * The statements to run in that transaction after the case row is inserted (rows and timers of
   * the clock), and the earliest timer they schedule. Computed before the transaction.
   */
  openedStatements(
    caseId: string,
    severity: Severity,
    organizationId: string,
    sla: SlaView,
    now: Date,
  ): Promise<{ statements: Prisma.Sql[]; wake?: Date }>;
  /**
   * Inside the transaction of any other change, after the case row was updated. Returns the SLA
   * fields it changed (merged into the view the notifications are rendered from) and the
   * earliest timer it scheduled.
   */
  changed(
    tx: Tx,
    before: CaseView,
    after: CaseView,
    change: CaseChange,
    viewer: Viewer,
    now: Date,
  ): Promise<{ sla?: Partial<SlaView>; wake?: Date }>;
}

/** The SLA state of a case with no clock. */
export const NO_SLA: SlaView = {
  policy: null,
  firstResponseDue: null,
  nextUpdateDue: null,
  resolutionDue: null,
  firstResponseAt: null,
  pausedAt: null,
  escalationLevel: 0,
  acknowledgedLevel: 0,
  breaches: [],
};
