/** Timer handlers of SLA clocks and escalations. */
import type { TimerScheduler } from "../runtime/scheduler.ts";
import type { EscalationService } from "./service.ts";

export function registerEscalationTimers(scheduler: TimerScheduler, escalations: EscalationService): void {
  scheduler.register("sla.breach", (tx, timer, firedAt) =>
    escalations.onBreach(tx, String(timer.payload.caseId), String(timer.payload.metric), firedAt),
  );
  scheduler.register("escalation.repeat", (tx, timer, firedAt) =>
    escalations.onRepeat(tx, String(timer.payload.caseId), Number(timer.payload.level), firedAt),
  );
  scheduler.register("escalation.raise", (tx, timer, firedAt) =>
    escalations.onRaise(tx, String(timer.payload.caseId), Number(timer.payload.level), firedAt),
  );
}
