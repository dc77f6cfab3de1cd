/** Timer handlers of the case lifecycle. */
import { SYSTEM_VIEWER } from "../authz.ts";
import type { CaseService } from "./service.ts";
import type { TimerScheduler } from "../runtime/scheduler.ts";

/** Registers: `case.autoclose` — a resolved case nobody confirmed or reopened is closed. */
export function registerCaseTimers(scheduler: TimerScheduler, cases: CaseService): void {
  scheduler.register("case.autoclose", async (tx, timer) => {
    const row = await tx.case.findUnique({ where: { id: String(timer.payload.caseId) }, select: { number: true, status: true } });
    if (!row || row.status !== "resolved") return;
    await cases.close(
      SYSTEM_VIEWER,
      row.number,
      { platform: "system", originKey: `timer:${timer.key}` },
      "auto-closed after resolution",
      tx,
    );
  });
}
