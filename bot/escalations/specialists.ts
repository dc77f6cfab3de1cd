/**
 * Specialist assignment: the engineer whose skills best fit the case (product family, problem
 * category, language), the least loaded first among equals. A manager can always override.
 */
import type { Tx } from "../../db/client.ts";
import type { CaseView } from "../cases/view.ts";

export interface Candidate {
  id: string;
  name: string;
  skills: string[];
  load: number;
}

/** Scores candidates for a case; pure so the choice is easy to test and explain. */
export function rankSpecialists(
  candidates: Candidate[],
  wanted: { family?: string | null; category?: string | null; language: string },
): Candidate[] {
  const score = (c: Candidate) =>
    (wanted.family && c.skills.includes(wanted.family) ? 3 : 0) +
    (wanted.category && c.skills.includes(wanted.category) ? 2 : 0) +
    (c.skills.includes(wanted.language) ? 1 : 0) -
    0.5 * c.load;
  return [...candidates].sort((a, b) => score(b) - score(a) || a.load - b.load || a.name.localeCompare(b.name));
}

/** Loads the engineers with their current load (active cases assigned) and picks the best one. */
export async function chooseSpecialist(tx: Tx, view: CaseView): Promise<Candidate | undefined> {
  const engineers = await tx.person.findMany({ where: { role: "engineer" }, select: { id: true, name: true, skills: true } });
  if (engineers.length === 0) return undefined;
  const loads = await tx.case.groupBy({
    by: ["assigneeId"],
    where: { assigneeId: { in: engineers.map((e) => e.id) }, status: { in: ["open", "waiting_customer", "waiting_partner"] } },
    _count: { _all: true },
  });
  const loadOf = new Map(loads.map((row) => [row.assigneeId, row._count._all]));
  const family = view.deviceId
    ? ((await tx.device.findUnique({ where: { id: view.deviceId }, select: { model: { select: { family: true } } } }))?.model.family ??
      null)
    : null;
  const candidates = engineers.map((e) => ({
    id: e.id,
    name: e.name,
    skills: JSON.parse(e.skills) as string[],
    load: loadOf.get(e.id) ?? 0,
  }));
  return rankSpecialists(candidates, { family, category: view.category, language: view.language })[0];
}
