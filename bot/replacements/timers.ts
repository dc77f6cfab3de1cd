/** Timer handlers of the replacement feature. */
import type { TimerDeclaration } from "../feature.ts";
import { RETURN_STAGES, RETURN_TIMER, type ReturnStage } from "./rma/service.ts";
import type { ReplacementServices } from "./service.ts";

/**
 * `rma.return`: reminders that the faulty unit is due back (three days before, on the day) and
 * the overdue notice (three days after, to the engineers too). They are rows in the timer table,
 * so they fire after a restart; an RMA closed or cancelled meanwhile stays quiet.
 */
export const replacementTimers: TimerDeclaration<ReplacementServices>[] = [
  {
    kind: RETURN_TIMER,
    async fire({ replacements }, tx, timer, firedAt) {
      const stage = String(timer.payload.stage) as ReturnStage;
      if (!RETURN_STAGES.includes(stage)) throw new Error(`unknown return reminder stage ${stage}`);
      await replacements.remind(tx, String(timer.payload.rmaId), stage, timer.key, timer.dueAt, firedAt);
    },
  },
];
