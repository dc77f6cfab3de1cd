/**
 * What a home screen shows a person: for support staff their queue — the cases assigned to them,
 * the open ones nobody has taken, and the open escalations; for everyone else their own open
 * cases (an admin: the organization's). Adapters render it; the choice of cases is made here.
 */
import { policy, type Viewer } from "../authz.ts";
import type { EscalationService, EscalationSummary } from "../escalations/service.ts";
import type { CaseService } from "./service.ts";
import type { CaseView } from "./view.ts";

/** The lists of one home screen, by who is looking. */
export type HomeLists =
  | { kind: "engineer"; assigned: CaseView[]; unassigned: CaseView[]; escalations: EscalationSummary[] }
  | { kind: "organization" | "own"; cases: CaseView[] };

export interface EngineerQueue {
  homeOf(viewer: Viewer): Promise<HomeLists>;
}

/** The queue query on the case and escalation services. */
export function engineerQueue(cases: CaseService, escalations: EscalationService): EngineerQueue {
  return {
    async homeOf(viewer) {
      if (policy.isSupport(viewer)) {
        const mine = await cases.list(viewer, { mine: true, limit: 50 });
        const all = await cases.list(viewer, { limit: 100 });
        return {
          kind: "engineer",
          assigned: mine.filter((c) => c.assigneeId === viewer.personId),
          unassigned: all.filter((c) => !c.assigneeId && c.status === "open"),
          escalations: await escalations.openEscalations(viewer),
        };
      }
      const admin = viewer.role === "admin";
      const own = await cases.list(viewer, { mine: !admin, limit: 50 });
      return { kind: admin ? "organization" : "own", cases: own.filter((c) => c.status !== "closed") };
    },
  };
}
