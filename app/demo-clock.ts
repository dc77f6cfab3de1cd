/**
 * The shell's demo clock (bot/demo-clock.ts) over the app's adjustable clock: a jump forward
 * steps through every timer due on the way, firing it at its own due time and delivering what it
 * sent, so reminders, raises and breaches arrive one after the other as they would in real time.
 */
import type { AdjustableClock } from "../core/clock.ts";
import type { DemoClock } from "../bot/demo-clock.ts";
import type { OutboxDispatcher } from "../bot/runtime/dispatcher.ts";
import type { TimerScheduler } from "../bot/runtime/scheduler.ts";

/** A runaway (a timer that keeps rescheduling itself at the same instant) must not hang the shell. */
const MAX_STEPS = 10_000;

export function createDemoClock(clock: AdjustableClock, scheduler: TimerScheduler, dispatcher: OutboxDispatcher): DemoClock {
  return {
    now: () => clock.now(),
    get aheadMs() {
      return clock.aheadMs;
    },
    async advanceTo(target) {
      let fired = 0;
      for (let step = 0; step < MAX_STEPS; step++) {
        const next = await scheduler.nextDueAt();
        if (!next || next > target) break;
        clock.moveTo(next);
        const count = await scheduler.runDue();
        await dispatcher.runOnce();
        fired += count;
        // The background loop may have claimed this one first: let it finish before the next step,
        // so no step is skipped.
        if (count === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      }
      clock.moveTo(target);
      fired += await scheduler.runDue();
      await dispatcher.runOnce();
      // The background loops armed their sleep from the old time: wake them for the new one.
      scheduler.wake();
      dispatcher.kick();
      return { fired };
    },
  };
}
